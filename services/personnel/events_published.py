"""The catalog of personnel.events: the payload of every event personnel publishes (`PUBLISHED_EVENTS`,
read by services/common/catalog.py and checked by the store before an event is written)."""
from marshmallow import fields, post_dump

from services.common.schemas import EventDataSchema, code_field
from services.personnel.domain import events
from services.personnel.domain.enums import (DisciplineForm, HistoryKind, OfficialStatus, QualificationKind, Rating,
                                             ReviewOrigin, ReviewOutcome, ReviewStatus, SeparationReason, Severity)
from services.personnel.domain.careers_rules import (AppointmentKind, PlacementKind, PromotionMethod, RemovalReason,
                                                     SelectionMethod)
from services.personnel.domain.recruitment_rules import ProbationStatus


class UnitCreated(EventDataSchema):
    unit_id = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    level = fields.String(required=True)
    parent_id = fields.String(allow_none=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(allow_none=True)
    head_official_id = fields.String(allow_none=True)
    unit_type = fields.String()
    successor_ids = fields.List(fields.String())


class UnitUpdated(UnitCreated):
    """A unit renamed, moved, given a head, or closed (abolished / merged, with its successors)."""


class OfficialRegistered(EventDataSchema):
    official_id = fields.String(required=True)
    full_name = fields.String(required=True)
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True)
    category = fields.String(required=True)
    rank = fields.String(required=True)
    status = code_field(OfficialStatus, required=True)
    service_start_date = fields.Date(required=True)
    birth_date = fields.Date(required=True)


class OfficialUpdated(OfficialRegistered):
    """An official renamed, transferred (unit, position, rank) or put on leave and back."""


class QualificationUpdated(EventDataSchema):
    official_id = fields.String(required=True)
    kind = code_field(QualificationKind, required=True)
    level = fields.String(required=True)
    obtained_on = fields.Date(required=True)
    source = fields.String(required=True)


# GapView and NeedView keep these names: they are the catalog's component names (personnel.GapView,
# personnel.NeedView) of published payloads. They are not the API's views of the same name (api.py).
class GapView(EventDataSchema):
    OMITTED_WHEN_NONE = ("field_of_study",)     # absent rather than null (tests/unit/test_event_catalog.py)

    kind = fields.String()
    required_level = fields.String()
    held_level = fields.String(allow_none=True)
    field_of_study = fields.String(metadata={"description": "present when the requirement names a field"})
    source = fields.String(metadata={"description": "where the requirement comes from: \"position\", \"rank 01.003 "
                                                    "under Circular 02/2021/TT-BNV\", or both joined by \" + \""})

    @post_dump
    def only_named_fields(self, data, **kwargs):
        for name in self.OMITTED_WHEN_NONE:
            if data.get(name) is None:
                data.pop(name, None)
        return data


class NeedView(EventDataSchema):
    kind = fields.String()
    level = fields.String()


class StandardsStatusChanged(EventDataSchema):
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True)
    met = fields.Boolean(required=True)
    previously_met = fields.Boolean(allow_none=True, required=True)
    as_of = fields.Date(required=True)
    missing = fields.List(fields.Nested(GapView), required=True)
    rank_rule_set = fields.String(allow_none=True, metadata={
        "description": "legal basis of the rank standards applied; null: the position's standards only"})


class ReviewEvent(EventDataSchema):
    """What every review event says about the case."""
    review_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True)
    origin = code_field(ReviewOrigin, required=True)
    origin_ref = fields.String(required=True)


class ReviewOpened(ReviewEvent):
    reason = fields.String(required=True)
    opened_on = fields.Date(required=True)


class ReviewDecided(ReviewEvent):
    outcome = code_field(ReviewOutcome, required=True)
    decided_on = fields.Date(required=True)
    reason = fields.String(required=True)
    retraining_need = fields.Nested(NeedView, allow_none=True, required=True)
    content_area = fields.String(allow_none=True, required=True)
    discipline_id = fields.String(allow_none=True)
    new_position_id = fields.String(allow_none=True)     # REASSIGNMENT: applied by personnel itself


class ReviewOverdue(ReviewEvent):
    """A review case still undecided after its deadline (announced once per case)."""
    status = code_field(ReviewStatus, required=True)
    deadline = fields.Date(required=True)
    days_overdue = fields.Integer(required=True)
    as_of = fields.Date(required=True)


class DisciplineImposed(EventDataSchema):
    discipline_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    form = code_field(DisciplineForm, required=True)
    severity = code_field(Severity, required=True)
    decided_on = fields.Date(required=True)
    violation_date = fields.Date(required=True)
    counts_in_year = fields.Integer(allow_none=True)      # the evaluation year it forces NOT_COMPLETED
    review_id = fields.String(allow_none=True)
    legal_basis = fields.String()


class EvaluationRecorded(EventDataSchema):
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    year = fields.Integer(required=True)
    rating = code_field(Rating, required=True)
    category = fields.String(required=True)
    proposed_rating = fields.String(allow_none=True)
    forced_by = fields.List(fields.String())
    legal_basis = fields.String()


class OfficialSeparated(EventDataSchema):
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    separated_on = fields.Date(required=True)
    reason = code_field(SeparationReason, required=True)
    decision_ref = fields.String()


# --- recruitment (docs/domain.md rule 12) -----------------------------------------------------------
class VacancyOffered(EventDataSchema):
    position_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    title = fields.String(required=True)
    rank = fields.String(required=True)
    places = fields.Integer(required=True)


class RecruitmentCampaignOpened(EventDataSchema):
    """A recruitment campaign announced (thông báo tuyển dụng): its vacancies and the rule set it runs under."""
    campaign_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    title = fields.String(required=True)
    category = fields.String(required=True)
    method = fields.String(required=True, metadata={"description": "EXAM (thi tuyển) or SELECTION (xét tuyển)"})
    announced_on = fields.Date(required=True)
    application_deadline = fields.Date(required=True)
    legal_basis = fields.String(required=True)
    vacancies = fields.List(fields.Nested(VacancyOffered), required=True)


class PositionResult(EventDataSchema):
    position_id = fields.String(required=True)
    places = fields.Integer(required=True)
    applicants = fields.Integer(required=True)
    qualified = fields.Integer(required=True, metadata={"description": "every round at its pass mark or above"})
    passed = fields.Integer(required=True, metadata={"description": "trúng tuyển"})


class RecruitmentResultsPublished(EventDataSchema):
    """A campaign's results published: counts per vacancy, no candidate's personal data."""
    campaign_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    published_on = fields.Date(required=True)
    results_ref = fields.String(required=True)
    legal_basis = fields.String(required=True)
    results = fields.List(fields.Nested(PositionResult), required=True)


class RecruitedOfficial(EventDataSchema):
    candidate_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    rank = fields.String(required=True)
    probation_end = fields.Date(required=True)


class RecruitmentCompleted(EventDataSchema):
    """The recruitment decision: every candidate who passed is now an official on probation (each also
    announced by official_registered)."""
    campaign_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    decided_on = fields.Date(required=True)
    decision_ref = fields.String(required=True)
    service_start_date = fields.Date(required=True)
    legal_basis = fields.String(required=True)
    recruited = fields.List(fields.Nested(RecruitedOfficial), required=True)


class ProbationEnded(EventDataSchema):
    """The end-of-probation evaluation: PASSED (the official stays) or FAILED (then official_separated)."""
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    campaign_id = fields.String(required=True)
    started_on = fields.Date(required=True)
    ended_on = fields.Date(required=True)
    outcome = code_field(ProbationStatus, required=True, metadata={"description": "PASSED or FAILED"})
    decision_ref = fields.String(required=True)
    legal_basis = fields.String(required=True)
# --- the service history (domain/history.py) and reorganisations (domain/reorganisation.py) -----------
class UnitPeriodView(EventDataSchema):
    unit_id = fields.String()
    valid_from = fields.Date()
    valid_to = fields.Date(allow_none=True)


class HistoryEvent(EventDataSchema):
    """What every service-history event says: the official, the record, its date and its decision."""
    official_id = fields.String(required=True)
    record_id = fields.String(required=True, metadata={"description": "the record in GET /officials/{id}/history"})
    effective_from = fields.Date(required=True, metadata={"description": "the day the change takes effect"})
    decision_number = fields.String(allow_none=True, required=True, metadata={
        "description": "null: derived at registration (no decision recorded)"})
    legal_basis = fields.String(required=True)


class OfficialTransferred(HistoryEvent):
    """A placement (điều động, luân chuyển, chuyển công tác, or a reorganisation of units) from effective_from.
    Follow `unit_periods` (or `unit_id` from `effective_from`) for the unit valid on a date; `current_*` is the
    placement valid today (a transfer dated in the past may be followed by a later one)."""
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True)
    previous_unit_id = fields.String(required=True)
    previous_position_id = fields.String(required=True)
    current_unit_id = fields.String(required=True)
    current_position_id = fields.String(required=True)
    unit_periods = fields.List(fields.Nested(UnitPeriodView), required=True, metadata={
        "description": "the official's units over time after this change, oldest first, the last one open"})
    reorganisation_id = fields.String(allow_none=True, metadata={"description": "set when a reorganisation moved them"})
    placement_kind = code_field(PlacementKind, allow_none=True, metadata={
        "description": "TRANSFER (điều động), ROTATION (luân chuyển), MOVE (chuyển công tác), REORGANISATION; "
                       "null: not stated (added in 1.4.0)"})


class RankChanged(HistoryEvent):
    """A rank (ngạch) or professional title (chức danh nghề nghiệp, its hạng in the code) from effective_from."""
    rank = fields.String(required=True)
    previous_rank = fields.String(required=True)
    current_rank = fields.String(required=True)


class SalaryChanged(HistoryEvent):
    """A salary step (bậc) and coefficient (hệ số) from effective_from."""
    salary_step = fields.Integer(required=True)
    coefficient = fields.Float(allow_none=True)
    previous_step = fields.Integer(required=True)
    current_step = fields.Integer(required=True)


class OfficialAppointed(HistoryEvent):
    """Appointed to a leadership post (bổ nhiệm chức vụ) for a term from effective_from to term_end."""
    unit_id = fields.String(required=True)
    post_title = fields.String(required=True)
    term_end = fields.Date(allow_none=True)
    appointment_kind = code_field(AppointmentKind, allow_none=True, metadata={
        "description": "APPOINTMENT (bổ nhiệm) or REAPPOINTMENT (bổ nhiệm lại); null: not stated (added in 1.4.0)"})


class OfficialRemovedFromPost(HistoryEvent):
    """Removed from a leadership post (miễn nhiệm) from effective_from: the POST record `record_id` ends the day
    before."""
    unit_id = fields.String(required=True)
    post_title = fields.String(required=True)
    reason = code_field(RemovalReason, required=True)


class HistoryCorrected(HistoryEvent):
    """A record superseded by a correction (the superseded record is kept, flagged); the kind's own event
    (official_transferred, rank_changed, ...) follows for the new record."""
    superseded_record_id = fields.String(required=True)
    kind = code_field(HistoryKind, required=True)
    reason = fields.String(required=True)


class UnitSuccessionView(EventDataSchema):
    unit_id = fields.String()
    successor_id = fields.String()


class UnitsReorganised(EventDataSchema):
    """Units closed on one decision, each carried on by its successor from effective_from; sub-units, positions
    and officials of the closed units moved to the successors (one official_transferred each)."""
    reorganisation_id = fields.String(required=True)
    effective_from = fields.Date(required=True)
    decision_number = fields.String(required=True)
    signer = fields.String(required=True)
    signed_on = fields.Date(required=True)
    legal_basis = fields.String(required=True)
    closures = fields.List(fields.Nested(UnitSuccessionView), required=True)
    reparented = fields.List(fields.Nested(UnitSuccessionView), required=True, metadata={
        "description": "sub-units moved under a successor (successor_id: the new parent)"})
    position_ids = fields.List(fields.String(), required=True)
    officials_moved = fields.Integer(required=True)


# event class (services/personnel/domain/events.py) -> the schema of its payload
# --- careers: promotion rounds and leadership (domain/promotion.py, domain/leadership.py) -----------------
class PromotionRoundOpened(EventDataSchema):
    """A promotion round announced (thi / xét nâng ngạch, thăng hạng): target rank, places, the rule set."""
    round_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    title = fields.String(required=True)
    category = fields.String(required=True)
    method = code_field(PromotionMethod, required=True, metadata={"description": "EXAM (thi) or SELECTION (xét)"})
    target_rank = fields.String(required=True)
    announced_on = fields.Date(required=True)
    places = fields.Integer(required=True)
    legal_basis = fields.String(required=True)


class PromotedOfficialView(EventDataSchema):
    official_id = fields.String(required=True)
    record_id = fields.String(required=True, metadata={"description": "the RANK record in the service history"})
    previous_rank = fields.String(required=True)
    rank = fields.String(required=True)


class PromotionCompleted(EventDataSchema):
    """The promotion decision: each candidate who passed holds the target rank from effective_from (each also
    announced by rank_changed)."""
    round_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    target_rank = fields.String(required=True)
    effective_from = fields.Date(required=True)
    decision_number = fields.String(required=True)
    legal_basis = fields.String(required=True)
    candidates = fields.Integer(required=True)
    promoted = fields.List(fields.Nested(PromotedOfficialView), required=True)


class LeaderSelectionOpened(EventDataSchema):
    """A selection for a leadership post opened (COMPETITIVE: thi tuyển chức danh lãnh đạo)."""
    selection_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    post_title = fields.String(required=True)
    method = code_field(SelectionMethod, required=True)
    announced_on = fields.Date(required=True)
    application_deadline = fields.Date(required=True)
    legal_basis = fields.String(required=True)


class LeaderSelected(EventDataSchema):
    """The one chosen by a selection is appointed (also announced by official_appointed)."""
    selection_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    post_title = fields.String(required=True)
    method = code_field(SelectionMethod, required=True)
    official_id = fields.String(required=True)
    record_id = fields.String(required=True)
    decision_number = fields.String(required=True)
    effective_from = fields.Date(required=True)
    term_end = fields.Date(required=True)
    candidates = fields.Integer(required=True)


class ReappointmentDue(EventDataSchema):
    """A leadership term ends within the notice period (once per post and term): re-appoint or not."""
    official_id = fields.String(required=True)
    record_id = fields.String(required=True, metadata={"description": "the POST record whose term ends"})
    unit_id = fields.String(required=True)
    post_title = fields.String(required=True)
    term_end = fields.Date(required=True)
    announced_on = fields.Date(required=True)
    days_left = fields.Integer(required=True)
    legal_basis = fields.String(required=True)


PUBLISHED_EVENTS = {
    events.UnitCreated: UnitCreated,
    events.UnitUpdated: UnitUpdated,
    events.OfficialRegistered: OfficialRegistered,
    events.OfficialUpdated: OfficialUpdated,
    events.OfficialSeparated: OfficialSeparated,
    events.QualificationUpdated: QualificationUpdated,
    events.StandardsStatusChanged: StandardsStatusChanged,
    events.EvaluationRecorded: EvaluationRecorded,
    events.DisciplineImposed: DisciplineImposed,
    events.ReviewOpened: ReviewOpened,
    events.ReviewDecided: ReviewDecided,
    events.ReviewOverdue: ReviewOverdue,
    events.RecruitmentCampaignOpened: RecruitmentCampaignOpened,
    events.RecruitmentResultsPublished: RecruitmentResultsPublished,
    events.RecruitmentCompleted: RecruitmentCompleted,
    events.ProbationEnded: ProbationEnded,
    events.OfficialTransferred: OfficialTransferred,
    events.RankChanged: RankChanged,
    events.SalaryChanged: SalaryChanged,
    events.OfficialAppointed: OfficialAppointed,
    events.HistoryCorrected: HistoryCorrected,
    events.UnitsReorganised: UnitsReorganised,
    events.OfficialRemovedFromPost: OfficialRemovedFromPost,
    events.PromotionRoundOpened: PromotionRoundOpened,
    events.PromotionCompleted: PromotionCompleted,
    events.LeaderSelectionOpened: LeaderSelectionOpened,
    events.LeaderSelected: LeaderSelected,
    events.ReappointmentDue: ReappointmentDue,
}
