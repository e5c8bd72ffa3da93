"""The events training publishes: one frozen dataclass each, built by the domain; their payload schemas
(the contract, with descriptions) are in services/training/events_published.py."""
from dataclasses import dataclass
from datetime import date

from services.common.domain_event import DomainEvent
from services.training.domain.enums import (ContentArea, CourseKind, CourseStatus, CredentialKind, EnrollmentStatus,
                                            Location, NeedClosure, NeedOrigin, RepaymentReason)
from services.training.domain.model import Credential


@dataclass(frozen=True, kw_only=True)
class CourseCreated(DomainEvent):
    event_type = "course_created"
    course_id: str
    title: str
    kind: CourseKind
    content_area: ContentArea
    location: Location
    organiser: str
    start_date: date
    end_date: date
    hours: int
    capacity: int
    assessments: int
    credential: Credential | None
    status: CourseStatus
    tuition: int
    other_costs: int


@dataclass(frozen=True, kw_only=True)
class CourseCancelled(DomainEvent):
    event_type = "course_cancelled"
    course_id: str
    cancelled_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class EnrollmentCreated(DomainEvent):
    event_type = "enrollment_created"
    enrollment_id: str
    course_id: str
    official_id: str
    enrolled_on: date


@dataclass(frozen=True, kw_only=True)
class TrainingCompleted(DomainEvent):
    event_type = "training_completed"
    enrollment_id: str
    official_id: str
    course_id: str
    course_title: str
    completed_on: date
    credential: Credential | None
    scores: list[float]


@dataclass(frozen=True, kw_only=True)
class TrainingFailed(DomainEvent):
    event_type = "training_failed"
    enrollment_id: str
    official_id: str
    course_id: str
    failed_on: date
    reasons: list[str]


@dataclass(frozen=True, kw_only=True)
class TrainingResultCorrected(DomainEvent):
    event_type = "training_result_corrected"
    enrollment_id: str
    official_id: str
    course_id: str
    previous_status: EnrollmentStatus
    status: EnrollmentStatus
    corrected_on: date
    reason: str
    scores: list[float]
    reasons: list[str]
    credential_revoked: Credential | None


@dataclass(frozen=True, kw_only=True)
class _NeedEvent(DomainEvent):
    need_id: str
    official_id: str
    unit_id: str | None
    origin: NeedOrigin
    origin_ref: str
    kind: CredentialKind | None
    level: str | None
    content_area: ContentArea | None


@dataclass(frozen=True, kw_only=True)
class TrainingNeedCreated(_NeedEvent):
    event_type = "training_need_created"
    identified_on: date


@dataclass(frozen=True, kw_only=True)
class TrainingNeedClosed(_NeedEvent):
    event_type = "training_need_closed"
    closed_on: date
    reason: NeedClosure
    enrollment_id: str | None


@dataclass(frozen=True, kw_only=True)
class TrainingPlanApproved(DomainEvent):
    event_type = "training_plan_approved"
    plan_id: str
    title: str
    from_year: int
    to_year: int
    location: Location | None
    kind: CourseKind | None
    approved_on: date
    decision_ref: str | None
    planned_turns: int


@dataclass(frozen=True, kw_only=True)
class TrainingRepaymentRequired(DomainEvent):
    event_type = "training_repayment_required"
    enrollment_id: str
    official_id: str
    course_id: str
    amount: int
    reason: RepaymentReason
    due_from: date
    costs: int
    committed_days: int
    unserved_days: int
    legal_basis: str
