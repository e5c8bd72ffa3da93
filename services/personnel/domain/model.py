"""Personnel aggregates: organisation units, job positions, officials, review cases."""
from dataclasses import dataclass, field, replace
from datetime import date

from services.personnel.domain.enums import (Category, ContentArea, OfficialStatus, OrgLevel, PositionGroup,
                                             QualificationKind, ReviewOrigin, ReviewOutcome, ReviewStatus,
                                             SeparationReason)
from services.personnel.domain.history import HistoryRecord
from services.personnel.domain.rank_standards import rank_standards_on
from services.personnel.domain.units import DatedRef
from services.personnel.domain.standards import (Qualification, Requirement, StandardsStatus,
                                                 evaluate_standards)


@dataclass(frozen=True)
class OrgUnit:
    id: str
    code: str
    name: str
    unit_type: str                   # e.g. "SO" (sở), "UBND_XA", "PHONG"; free, never a fixed tree depth
    level: OrgLevel
    valid_from: date
    parent_id: str | None = None
    valid_to: date | None = None
    head_official_id: str | None = None
    successor_ids: list[str] = field(default_factory=list)   # who carries on after a merger or abolition
    decision_ref: str | None = None                           # establishment decision
    closure_decision_ref: str | None = None                   # abolition / merger decision
    parent_history: list[DatedRef] = field(default_factory=list)   # parents over time; empty: never moved

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Position:
    id: str
    unit_id: str
    title: str
    group: PositionGroup
    rank: str
    requirements: list[Requirement] = field(default_factory=list)
    headcount_quota: int = 0         # biên chế assigned to this job position
    unit_history: list[DatedRef] = field(default_factory=list)   # its units over time; empty: never moved


@dataclass(frozen=True)
class Separation:
    reason: SeparationReason
    separated_on: date
    decision_ref: str
    note: str = ""


@dataclass(frozen=True)
class Official:
    id: str
    full_name: str
    national_id: str
    birth_date: date
    category: Category
    unit_id: str
    position_id: str
    rank: str
    service_start_date: date
    status: OfficialStatus = OfficialStatus.ACTIVE
    qualifications: list[Qualification] = field(default_factory=list)
    standards: StandardsStatus | None = None
    separation: Separation | None = None
    salary_step: int = 1                     # bậc lương within the rank's scale
    salary_step_since: date | None = None    # when the current step began (service start by default)
    phone: str | None = None                 # personal data (Law 91/2025): staff roles only, never published
    email: str | None = None
    address: str | None = None
    # quá trình công tác: effective-dated records; unit_id, position_id, rank, salary_step are those valid today
    history: list[HistoryRecord] = field(default_factory=list)

    @property
    def next_step_due(self):
        from services.personnel.domain.salary import next_step_due
        return next_step_due(self)

    def with_qualification(self, qualification):
        return replace(self, qualifications=[*self.qualifications, qualification])

    def assess(self, position, as_of):
        """The rank's standards valid on `as_of` (if the rank has a rule set) together with the position's."""
        return evaluate_standards(self.qualifications, position.requirements, as_of,
                                  rank_standards_on(self.rank, self.category, as_of))


@dataclass(frozen=True)
class RetrainingNeed:
    kind: QualificationKind
    level: str


@dataclass(frozen=True)
class ReviewCase:
    id: str
    official_id: str
    unit_id: str | None
    origin: ReviewOrigin
    origin_ref: str
    reason: str
    opened_on: date
    status: ReviewStatus = ReviewStatus.OPEN
    deadline: date | None = None             # handling limit (docs/domain.md rules 5 and 6)
    extended: bool = False
    investigator: str | None = None
    investigation_started_on: date | None = None
    outcome: ReviewOutcome | None = None
    decided_on: date | None = None
    decision_reason: str | None = None
    retraining_need: RetrainingNeed | None = None
    content_area: ContentArea | None = None
    discipline_id: str | None = None
    new_position_id: str | None = None       # REASSIGNMENT: where the official moves (e.g. a lower position)
    overdue_notified: bool = False           # review_overdue announced (once per case)

    @property
    def is_open(self):
        return self.status != ReviewStatus.DECIDED
