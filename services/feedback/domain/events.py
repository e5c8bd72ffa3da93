"""The events feedback publishes: one frozen dataclass each, built by the domain; their payload schemas
(the contract, with descriptions) are in services/feedback/events_published.py."""
from dataclasses import dataclass
from datetime import date

from services.common.domain_event import DomainEvent
from services.feedback.domain.enums import Channel, Deadline, FeedbackKind, FeedbackStatus


@dataclass(frozen=True, kw_only=True)
class FeedbackReceived(DomainEvent):
    event_type = "feedback_received"
    feedback_id: str
    unit_id: str
    official_id: str | None
    kind: FeedbackKind
    channel: Channel
    status: FeedbackStatus
    received_on: date
    answer_due: date | None


@dataclass(frozen=True, kw_only=True)
class FeedbackAssigned(DomainEvent):
    event_type = "feedback_assigned"
    feedback_id: str
    unit_id: str
    officer: str
    assigned_on: date


@dataclass(frozen=True, kw_only=True)
class FeedbackSubjectChanged(DomainEvent):
    event_type = "feedback_subject_changed"
    feedback_id: str
    unit_id: str
    official_id: str | None
    previous_unit_id: str
    previous_official_id: str | None
    changed_on: date


@dataclass(frozen=True, kw_only=True)
class FeedbackAnswered(DomainEvent):
    event_type = "feedback_answered"
    feedback_id: str
    unit_id: str
    official_id: str | None
    answered_on: date
    substantiated: bool
    on_time: bool


@dataclass(frozen=True, kw_only=True)
class FeedbackSubstantiated(DomainEvent):
    event_type = "feedback_substantiated"
    feedback_id: str
    official_id: str
    unit_id: str | None
    answered_on: date
    summary: str


@dataclass(frozen=True, kw_only=True)
class FeedbackOverdue(DomainEvent):
    event_type = "feedback_overdue"
    feedback_id: str
    unit_id: str
    official_id: str | None
    deadline: Deadline
    due_on: date


@dataclass(frozen=True, kw_only=True)
class FeedbackPublished(DomainEvent):
    event_type = "feedback_published"
    feedback_id: str
    unit_id: str
    published_on: date
    on_time: bool


@dataclass(frozen=True, kw_only=True)
class DialogueHeld(DomainEvent):
    event_type = "dialogue_held"
    dialogue_id: str
    unit_id: str
    held_on: date
    chair: str
    participant_count: int
    feedback_ids: list[str]
