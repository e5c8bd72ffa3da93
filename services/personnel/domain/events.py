"""The events personnel publishes: one frozen dataclass each, built by the domain; their payload schemas
(the contract, with descriptions) are in services/personnel/events_published.py."""
from dataclasses import dataclass
from datetime import date

from services.common.domain_event import DomainEvent
from services.personnel.domain.enums import (DisciplineForm, HistoryKind, OfficialStatus, QualificationKind, Rating,
                                             ReviewOrigin, ReviewOutcome, ReviewStatus, SeparationReason, Severity)
from services.personnel.domain.careers_rules import (AppointmentKind, PlacementKind, PromotionMethod, RemovalReason,
                                                     SelectionMethod)
from services.personnel.domain.recruitment_rules import ProbationStatus


@dataclass(frozen=True, kw_only=True)
class UnitCreated(DomainEvent):
    event_type = "unit_created"
    unit_id: str
    code: str
    name: str
    level: str
    parent_id: str | None
    valid_from: date
    valid_to: date | None
    head_official_id: str | None
    unit_type: str
    successor_ids: list[str]


@dataclass(frozen=True, kw_only=True)
class UnitUpdated(UnitCreated):
    event_type = "unit_updated"


@dataclass(frozen=True, kw_only=True)
class OfficialRegistered(DomainEvent):
    event_type = "official_registered"
    official_id: str
    full_name: str
    unit_id: str
    position_id: str
    category: str
    rank: str
    status: OfficialStatus
    service_start_date: date
    birth_date: date


@dataclass(frozen=True, kw_only=True)
class OfficialUpdated(OfficialRegistered):
    event_type = "official_updated"


@dataclass(frozen=True, kw_only=True)
class OfficialSeparated(DomainEvent):
    event_type = "official_separated"
    official_id: str
    unit_id: str
    separated_on: date
    reason: SeparationReason
    decision_ref: str


@dataclass(frozen=True, kw_only=True)
class QualificationUpdated(DomainEvent):
    event_type = "qualification_updated"
    official_id: str
    kind: QualificationKind
    level: str
    obtained_on: date
    source: str


@dataclass(frozen=True, kw_only=True)
class StandardsGap:
    kind: str
    required_level: str
    held_level: str | None
    field_of_study: str | None    # left out of the payload when None
    source: str


@dataclass(frozen=True, kw_only=True)
class NeedNamed:
    kind: str
    level: str


@dataclass(frozen=True, kw_only=True)
class StandardsStatusChanged(DomainEvent):
    event_type = "standards_status_changed"
    official_id: str
    unit_id: str
    position_id: str
    met: bool
    previously_met: bool | None
    as_of: date
    missing: list[StandardsGap]
    rank_rule_set: str | None


@dataclass(frozen=True, kw_only=True)
class EvaluationRecorded(DomainEvent):
    event_type = "evaluation_recorded"
    official_id: str
    unit_id: str
    year: int
    rating: Rating
    category: str
    proposed_rating: str | None
    forced_by: list[str]
    legal_basis: str


@dataclass(frozen=True, kw_only=True)
class DisciplineImposed(DomainEvent):
    event_type = "discipline_imposed"
    discipline_id: str
    official_id: str
    unit_id: str
    form: DisciplineForm
    severity: Severity
    decided_on: date
    violation_date: date
    counts_in_year: int | None
    review_id: str | None
    legal_basis: str


@dataclass(frozen=True, kw_only=True)
class _ReviewEvent(DomainEvent):
    review_id: str
    official_id: str
    unit_id: str | None
    origin: ReviewOrigin
    origin_ref: str


@dataclass(frozen=True, kw_only=True)
class ReviewOpened(_ReviewEvent):
    event_type = "review_opened"
    reason: str
    opened_on: date


@dataclass(frozen=True, kw_only=True)
class ReviewDecided(_ReviewEvent):
    event_type = "review_decided"
    outcome: ReviewOutcome
    decided_on: date
    reason: str
    retraining_need: NeedNamed | None
    content_area: str | None
    discipline_id: str | None
    new_position_id: str | None


@dataclass(frozen=True, kw_only=True)
class ReviewOverdue(_ReviewEvent):
    event_type = "review_overdue"
    status: ReviewStatus
    deadline: date
    days_overdue: int
    as_of: date


# --- recruitment (domain/recruitment.py, docs/domain.md rule 12) ----------------------------------------
@dataclass(frozen=True, kw_only=True)
class VacancyOffered:
    position_id: str
    unit_id: str
    title: str
    rank: str
    places: int


@dataclass(frozen=True, kw_only=True)
class RecruitmentCampaignOpened(DomainEvent):
    event_type = "recruitment_campaign_opened"
    campaign_id: str
    unit_id: str
    title: str
    category: str
    method: str
    announced_on: date
    application_deadline: date
    legal_basis: str
    vacancies: list[VacancyOffered]


@dataclass(frozen=True, kw_only=True)
class PositionResult:
    position_id: str
    places: int
    applicants: int
    qualified: int
    passed: int


@dataclass(frozen=True, kw_only=True)
class RecruitmentResultsPublished(DomainEvent):
    event_type = "recruitment_results_published"
    campaign_id: str
    unit_id: str
    published_on: date
    results_ref: str
    legal_basis: str
    results: list[PositionResult]


@dataclass(frozen=True, kw_only=True)
class RecruitedOfficial:
    candidate_id: str
    official_id: str
    unit_id: str
    rank: str
    probation_end: date


@dataclass(frozen=True, kw_only=True)
class RecruitmentCompleted(DomainEvent):
    event_type = "recruitment_completed"
    campaign_id: str
    unit_id: str
    decided_on: date
    decision_ref: str
    service_start_date: date
    legal_basis: str
    recruited: list[RecruitedOfficial]


@dataclass(frozen=True, kw_only=True)
class ProbationEnded(DomainEvent):
    event_type = "probation_ended"
    official_id: str
    unit_id: str
    campaign_id: str
    started_on: date
    ended_on: date
    outcome: ProbationStatus
    decision_ref: str
    legal_basis: str


# --- the service history (domain/history.py) and reorganisations (domain/reorganisation.py) -----------
@dataclass(frozen=True, kw_only=True)
class UnitPeriod:
    unit_id: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True, kw_only=True)
class _HistoryEvent(DomainEvent):
    official_id: str
    record_id: str
    effective_from: date
    decision_number: str | None
    legal_basis: str


@dataclass(frozen=True, kw_only=True)
class OfficialTransferred(_HistoryEvent):
    event_type = "official_transferred"
    unit_id: str
    position_id: str
    previous_unit_id: str
    previous_position_id: str
    current_unit_id: str
    current_position_id: str
    unit_periods: list[UnitPeriod]
    reorganisation_id: str | None
    placement_kind: PlacementKind | None = None


@dataclass(frozen=True, kw_only=True)
class RankChanged(_HistoryEvent):
    event_type = "rank_changed"
    rank: str
    previous_rank: str
    current_rank: str


@dataclass(frozen=True, kw_only=True)
class SalaryChanged(_HistoryEvent):
    event_type = "salary_changed"
    salary_step: int
    coefficient: float | None
    previous_step: int
    current_step: int


@dataclass(frozen=True, kw_only=True)
class OfficialAppointed(_HistoryEvent):
    event_type = "official_appointed"
    unit_id: str
    post_title: str
    term_end: date | None
    appointment_kind: AppointmentKind | None = None


@dataclass(frozen=True, kw_only=True)
class OfficialRemovedFromPost(_HistoryEvent):
    event_type = "official_removed_from_post"
    unit_id: str
    post_title: str
    reason: RemovalReason


@dataclass(frozen=True, kw_only=True)
class HistoryCorrected(_HistoryEvent):
    event_type = "history_corrected"
    superseded_record_id: str
    kind: HistoryKind
    reason: str


@dataclass(frozen=True, kw_only=True)
class UnitSuccession:
    unit_id: str
    successor_id: str


@dataclass(frozen=True, kw_only=True)
class UnitsReorganised(DomainEvent):
    event_type = "units_reorganised"
    reorganisation_id: str
    effective_from: date
    decision_number: str
    signer: str
    signed_on: date
    legal_basis: str
    closures: list[UnitSuccession]
    reparented: list[UnitSuccession]
    position_ids: list[str]
    officials_moved: int


# --- careers: promotion rounds and leadership (domain/promotion.py, domain/leadership.py) ----------------
@dataclass(frozen=True, kw_only=True)
class PromotionRoundOpened(DomainEvent):
    event_type = "promotion_round_opened"
    round_id: str
    unit_id: str
    title: str
    category: str
    method: PromotionMethod
    target_rank: str
    announced_on: date
    places: int
    legal_basis: str


@dataclass(frozen=True)
class PromotedOfficial:
    official_id: str
    record_id: str
    previous_rank: str
    rank: str


@dataclass(frozen=True, kw_only=True)
class PromotionCompleted(DomainEvent):
    event_type = "promotion_completed"
    round_id: str
    unit_id: str
    target_rank: str
    effective_from: date
    decision_number: str
    legal_basis: str
    candidates: int
    promoted: list[PromotedOfficial]


@dataclass(frozen=True, kw_only=True)
class LeaderSelectionOpened(DomainEvent):
    event_type = "leader_selection_opened"
    selection_id: str
    unit_id: str
    post_title: str
    method: SelectionMethod
    announced_on: date
    application_deadline: date
    legal_basis: str


@dataclass(frozen=True, kw_only=True)
class LeaderSelected(DomainEvent):
    event_type = "leader_selected"
    selection_id: str
    unit_id: str
    post_title: str
    method: SelectionMethod
    official_id: str
    record_id: str
    decision_number: str
    effective_from: date
    term_end: date
    candidates: int


@dataclass(frozen=True, kw_only=True)
class ReappointmentDue(DomainEvent):
    event_type = "reappointment_due"
    official_id: str
    record_id: str
    unit_id: str
    post_title: str
    term_end: date
    announced_on: date
    days_left: int
    legal_basis: str
