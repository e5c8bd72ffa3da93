"""Feedback aggregate and the projections of personnel data it is checked against."""
from dataclasses import dataclass, field
from datetime import date

from services.feedback.domain.enums import Channel, FeedbackKind, FeedbackStatus, SubmitterType

# Why the contact data is kept (rule 11: personal data stored with its legal basis).
CONTACT_LEGAL_BASIS = ("Decree 20/2008/ND-CP as amended by Decree 92/2017/ND-CP: name, address and "
                       "phone of the submitter are required to receive and answer feedback; "
                       "processed under Law 91/2025/QH15 and Decree 356/2025/ND-CP")


@dataclass(frozen=True)
class KnownUnit:
    """An organisation unit as personnel announced it (unit_created)."""
    id: str
    code: str
    name: str
    valid_from: date
    valid_to: date | None = None

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class KnownOfficial:
    """An official as personnel announced them (official_registered)."""
    id: str
    full_name: str
    unit_id: str


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


@dataclass(frozen=True)
class Answer:
    text: str                        # plain text as written, never interpreted as HTML
    answered_on: date
    substantiated: bool
    on_time: bool


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
