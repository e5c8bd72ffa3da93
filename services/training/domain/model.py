"""Training aggregates: the officials projection, courses, enrollments, needs and plans."""
from dataclasses import dataclass, field
from datetime import date, datetime

from services.training.domain.enums import (CommitmentStatus, ContentArea, CourseKind, CourseStatus,
                                            CredentialKind, EnrollmentStatus, Location, NeedOrigin,
                                            NeedStatus, PlanStatus)


@dataclass(frozen=True)
class Evaluation:
    """A yearly quality rating from personnel's evaluation_recorded (for the postgraduate gate)."""
    year: int
    rating: str
    recorded_at: datetime      # time of the personnel event, so a late retry cannot undo a re-rating...
    version: int | None = None     # ...and the evaluation's version in it, which decides when known (projections.py)


@dataclass(frozen=True)
class OfficialSnapshot:
    """What training knows about an official, from personnel's events (never asked directly)."""
    id: str
    full_name: str
    unit_id: str
    status: str
    birth_date: date
    service_start_date: date
    source_time: datetime      # time of the personnel event this snapshot comes from
    evaluations: list[Evaluation] = field(default_factory=list)
    separated_on: date | None = None
    separation_reason: str | None = None
    source_version: int | None = None      # personnel's version of the official in that event (projections.py)

    def rating_of(self, year):
        return next((e.rating for e in self.evaluations if e.year == year), None)


@dataclass(frozen=True)
class UnitSnapshot:
    """An organisation unit from personnel's events: plans set targets only for units in force."""
    id: str
    code: str
    name: str
    valid_from: date
    source_time: datetime
    valid_to: date | None = None
    source_version: int | None = None      # personnel's version of the unit in that event (projections.py)

    def in_force_during(self, year):
        return self.valid_from <= date(year, 12, 31) and (self.valid_to is None or self.valid_to >= date(year, 1, 1))


@dataclass(frozen=True)
class Credential:
    """The qualification a completed course grants (personnel adds it to the official)."""
    kind: CredentialKind
    level: str


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    kind: CourseKind
    content_area: ContentArea
    location: Location
    organiser: str
    start_date: date
    end_date: date
    hours: int
    capacity: int
    assessments: int                   # number of graded assessments (bài kiểm tra, đánh giá)
    credential: Credential | None = None
    status: CourseStatus = CourseStatus.OPEN
    enrolled_count: int = 0            # seats taken; the store increments it atomically
    tuition: int = 0                   # học phí per participant, VND (repayable)
    other_costs: int = 0               # other course costs per participant, VND (repayable; never salary)
    cancelled_on: date | None = None
    cancellation_reason: str | None = None

    def has_free_seat(self):
        return self.enrolled_count < self.capacity

    def training_days(self):
        return (self.end_date - self.start_date).days + 1


@dataclass(frozen=True)
class Result:
    attended_sessions: int
    total_sessions: int
    scores: list[float]
    recorded_on: date
    reasons: list[str] = field(default_factory=list)   # why no certificate; empty when completed


@dataclass(frozen=True)
class Correction:
    """A result replaced by a correction: the history is kept, never silently rewritten."""
    corrected_on: date
    reason: str
    previous_status: EnrollmentStatus
    previous_result: Result


@dataclass(frozen=True)
class Repayment:
    """Bồi hoàn: tuition and course costs owed (rule 8), pro rata of the unserved period."""
    amount: int
    reason: str
    due_from: date
    costs: int
    committed_days: int
    unserved_days: int
    legal_basis: str


@dataclass(frozen=True)
class Commitment:
    """The official's commitment to serve `multiplier` x the training time after a degree course."""
    multiplier: int
    training_days: int
    committed_days: int
    costs: int                           # tuition + course costs per participant, VND
    legal_basis: str
    status: CommitmentStatus = CommitmentStatus.TRAINING
    service_from: date | None = None     # the day the training is completed
    service_until: date | None = None
    repayment: Repayment | None = None


@dataclass(frozen=True)
class Enrollment:
    id: str
    course_id: str
    official_id: str
    enrolled_on: date
    status: EnrollmentStatus = EnrollmentStatus.ENROLLED
    result: Result | None = None
    # copied from the official and the course at enrollment, so plans count turns without joins
    unit_id: str | None = None
    content_area: ContentArea | None = None
    course_kind: CourseKind | None = None
    location: Location | None = None
    completed_on: date | None = None
    commitment: Commitment | None = None
    corrections: list[Correction] = field(default_factory=list)


@dataclass(frozen=True)
class TrainingNeed:
    """Something an official must be trained in: a standards gap or a review's retraining outcome.

    `open_key` is unique among needs: while OPEN it names the gap (official + kind + level), so
    the same gap is never open twice; once CLOSED it is the need's own id.
    """
    id: str
    official_id: str
    unit_id: str | None
    origin: NeedOrigin
    origin_ref: str
    identified_on: date
    open_key: str
    kind: CredentialKind | None = None
    level: str | None = None
    content_area: ContentArea | None = None
    status: NeedStatus = NeedStatus.OPEN
    closed_on: date | None = None
    closed_reason: str | None = None
    closed_by: str | None = None         # the enrollment that met it, if any


@dataclass(frozen=True)
class PlanTarget:
    """Turns (lượt người) planned in a year; no unit / no content area: any (province-wide)."""
    year: int
    turns: int
    unit_id: str | None = None
    content_area: ContentArea | None = None

    def counts(self, year, unit_id, content_area):
        return (year == self.year and self.unit_id in (None, unit_id)
                and (self.content_area is None or self.content_area.value == content_area))


@dataclass(frozen=True)
class TrainingPlan:
    """An annual plan (from_year == to_year) or a multi-year scheme (e.g. overseas 2017-2025)."""
    id: str
    title: str
    from_year: int
    to_year: int
    targets: list[PlanTarget]
    location: Location | None = None     # a scheme may count only OVERSEAS (or DOMESTIC) training
    kind: CourseKind | None = None       # ... or only one kind of training
    status: PlanStatus = PlanStatus.DRAFT
    approved_on: date | None = None
    decision_ref: str | None = None
