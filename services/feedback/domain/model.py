"""Feedback aggregate and the projections of personnel data it is checked against."""
from dataclasses import dataclass, field
from datetime import date, datetime

from services.feedback.domain.enums import (Channel, Deadline, FeedbackKind, FeedbackStatus, ProcedureDomain,
                                           SubmitterType)

# Why the contact data is kept (rule 11: personal data stored with its legal basis).
CONTACT_LEGAL_BASIS = ("Decree 20/2008/ND-CP as amended by Decree 92/2017/ND-CP: name, address and "
                       "phone of the submitter are required to receive and answer feedback; "
                       "processed under Law 91/2025/QH15 and Decree 356/2025/ND-CP")


@dataclass(frozen=True)
class KnownUnit:
    """An organisation unit as personnel announced it (unit_created, unit_updated)."""
    id: str
    code: str
    name: str
    valid_from: date
    valid_to: date | None = None
    source_time: datetime | None = None     # time of the newest personnel event applied (projections.py)
    source_version: int | None = None       # personnel's version of the entity in it (its `sequence`)

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class KnownOfficial:
    """An official as personnel announced them (official_registered, official_updated)."""
    id: str
    full_name: str
    unit_id: str
    source_time: datetime | None = None     # time of the newest personnel event applied (projections.py)
    source_version: int | None = None       # personnel's version of the entity in it (its `sequence`)


@dataclass(frozen=True)
class Submitter:
    """Personal data: shown to feedback staff only, masked anywhere public (rule 11)."""
    type: SubmitterType
    name: str
    address: str
    phone: str
    email: str | None = None
    legal_basis: str = CONTACT_LEGAL_BASIS


@dataclass(frozen=True)
class StatusChange:
    status: FeedbackStatus
    at: date
    note: str | None = None          # shown to the submitter when tracking: progress, never personal data


@dataclass(frozen=True)
class Answer:
    text: str                        # plain text as written, never interpreted as HTML
    answered_on: date
    substantiated: bool
    on_time: bool


@dataclass(frozen=True)
class Assignment:
    """Who handles the feedback: a unit and one of its officials."""
    unit_id: str
    unit_name: str
    officer_id: str
    officer_name: str
    assigned_on: date


@dataclass(frozen=True)
class SubjectChange:
    """One entry of the audit trail of whom and what the item is about (domain.subject)."""
    changed_on: date
    changed_by: str                  # the staff member's user name (or API key) who made the change
    reason: str
    official_id_from: str | None
    official_id_to: str | None
    unit_id_from: str
    unit_id_to: str


@dataclass(frozen=True)
class Publication:
    content: str                     # the question with the submitter's data masked (domain.publication)
    published_on: date
    on_time: bool


@dataclass(frozen=True)
class OverdueFlag:
    """A missed deadline, announced once: (deadline, due_on) identifies the fact."""
    deadline: Deadline
    due_on: date
    flagged_on: date


@dataclass(frozen=True)
class Rating:
    """The submitter's satisfaction on the five SIPAS aspects, 1 (very dissatisfied) to 5 (very satisfied)."""
    access: int
    procedure: int
    civil_servant: int
    result: int
    feedback_handling: int
    rated_on: date
    comment: str | None = None


@dataclass(frozen=True)
class Feedback:
    id: str
    tracking_code: str
    submitter: Submitter
    channel: Channel
    kind: FeedbackKind
    title: str
    content: str                     # plain text as given, never interpreted as HTML
    target_unit_id: str
    received_on: date
    official_id: str | None = None
    procedure_code: str | None = None
    target_unit_name: str | None = None
    status: FeedbackStatus = FeedbackStatus.RECEIVED
    answer_due: date | None = None
    routed_to: str | None = None
    history: list[StatusChange] = field(default_factory=list)
    answer: Answer | None = None
    procedure_domain: ProcedureDomain | None = None
    recorded_by: str | None = None   # the staff member who recorded an item received by post, phone...
    assignment: Assignment | None = None
    update_due: date | None = None   # next status update owed to the submitter (while open)
    publication_due: date | None = None
    publication: Publication | None = None
    overdue: list[OverdueFlag] = field(default_factory=list)
    rating: Rating | None = None
    subject_changes: list[SubjectChange] = field(default_factory=list)   # audit trail (domain.subject)

    def last_change_on(self):
        return self.history[-1].at if self.history else self.received_on

    def is_flagged(self, deadline, due_on):
        return any(flag.deadline == deadline and flag.due_on == due_on for flag in self.overdue)
