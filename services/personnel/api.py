"""Personnel's public surface: the commands, queries, views and codes the gateway may use.

Commands and queries refuse what they do not declare (CommandSchema); views declare their own fields, so
changing an input never changes what the API answers. Events: events_published.py, events_consumed.py."""
from marshmallow import ValidationError, fields, post_dump, pre_load, validate, validates_schema

from services.common.dates import future_date_problem
from services.common.ids import today
from services.common.schemas import (CommandSchema, ENTITY_ID, PERSONAL, EventDataSchema, KeysetPageQuery, PageQuery, code_field,
                                     text_field)
from services.personnel.domain.enums import (Category, ContentArea, DeferralReason, DisciplineForm, EvidenceKind,
                                             NoLimitationClass, OfficialStatus, OrgLevel, PositionGroup,
                                             QualificationKind, Rating, ReviewOutcome, ReviewStatus, RewardForm,
                                             ScorePeriod, SeparationReason, Severity, WorkItemKind)
from services.personnel.domain.careers_rules import (AppointmentKind, PlacementKind, PromotionMethod, RemovalReason,
                                                     SelectionMethod)
from services.personnel.domain.leadership import SelectionStatus
from services.personnel.domain.promotion import RoundStatus
from services.personnel.domain.recruitment import CampaignStatus, DataBasis
from services.personnel.domain.recruitment_rules import ProbationStatus, RecruitmentMethod
from services.personnel.domain.staffing import SchemeStatus
from services.personnel.domain.standards import is_known_level, levels_of

NATIONAL_ID = validate.Regexp(r"^[0-9]{9}([0-9]{3})?$", error="9 or 12 digits (CMND / CCCD)")
PHONE = validate.Regexp(r"^\+?[0-9 .-]{8,20}$", error="a phone number")


# --- units, positions and officials: commands -------------------------------------------------
class CreateUnit(CommandSchema):
    code = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z0-9_.-]{2,40}$"))
    name = text_field(200, required=True)
    unit_type = text_field(40, required=True)
    level = code_field(OrgLevel, required=True)
    parent_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(load_default=None, allow_none=True)
    head_official_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))
    decision_ref = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))

    @validates_schema
    def valid_period(self, data, **kwargs):
        if data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            raise ValidationError("must not be before valid_from", field_name="valid_to")


class UpdateUnit(CommandSchema):
    name = text_field(200)
    unit_type = text_field(40)
    parent_id = fields.String(allow_none=True, validate=validate.Length(min=1, max=64))
    head_official_id = fields.String(allow_none=True, validate=validate.Length(min=1, max=64))
    effective_from = fields.Date(metadata={"description": "with parent_id: the day the move takes effect (the tree "
                                                         "before it keeps the old parent); required for a move"})
    decision_ref = fields.String(validate=validate.Length(min=1, max=200))

    @validates_schema
    def something_changes(self, data, **kwargs):
        if not data:
            raise ValidationError("give at least one of name, unit_type, parent_id, head_official_id",
                                  field_name="_schema")


class CloseUnit(CommandSchema):
    """Close a unit on `valid_to`. With sub-units, positions or officials still in force after it, successors
    are required; its contents then move to the first successor from the next day (a reorganisation)."""
    valid_to = fields.Date(required=True)
    successor_ids = fields.List(fields.String(validate=validate.Length(min=1, max=64)), load_default=list,
                                validate=validate.Length(max=200))
    decision_ref = text_field(200, required=True)
    signer = text_field(200, load_default=None)
    signed_on = fields.Date(load_default=None)


class ListUnitsQuery(CommandSchema):
    as_of = fields.Date()
    parent_id = fields.String(validate=validate.Length(min=1, max=64))
    level = code_field(OrgLevel)


class UnitRef(CommandSchema):
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    as_of = fields.Date(load_default=None, allow_none=True)


class RequirementSchema(CommandSchema):
    kind = code_field(QualificationKind, required=True)
    level = text_field(40, required=True)
    field_of_study = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=200))
    valid_from = fields.Date(load_default=None, allow_none=True)
    valid_to = fields.Date(load_default=None, allow_none=True)

    @validates_schema
    def valid_period(self, data, **kwargs):
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            raise ValidationError("must not be before valid_from", field_name="valid_to")


class CreatePosition(CommandSchema):
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    title = text_field(200, required=True)
    group = code_field(PositionGroup, required=True)
    rank = text_field(40, required=True)
    requirements = fields.List(fields.Nested(RequirementSchema), load_default=list,
                               validate=validate.Length(max=20))
    headcount_quota = fields.Integer(load_default=0, validate=validate.Range(min=0, max=100000))


class UpdatePosition(CommandSchema):
    """Quota and title; a change of required standards is a new position (holders are re-assessed on a move)."""
    title = text_field(200)
    headcount_quota = fields.Integer(validate=validate.Range(min=0, max=100000))

    @validates_schema
    def something_changes(self, data, **kwargs):
        if not data:
            raise ValidationError("give title or headcount_quota", field_name="_schema")


class QualificationInput(CommandSchema):
    kind = code_field(QualificationKind, required=True)
    level = text_field(40, required=True)
    obtained_on = fields.Date(required=True)
    field_of_study = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))


class RegisterOfficial(CommandSchema):
    full_name = text_field(120, required=True)
    national_id = fields.String(required=True, validate=NATIONAL_ID)
    birth_date = fields.Date(required=True)
    category = code_field(Category, required=True)
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    position_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    rank = text_field(40, required=True)
    service_start_date = fields.Date(required=True)
    qualifications = fields.List(fields.Nested(QualificationInput), load_default=list,
                                 validate=validate.Length(max=50))
    salary_step = fields.Integer(load_default=1, validate=validate.Range(min=1, max=20))
    salary_step_since = fields.Date(load_default=None, allow_none=True)
    phone = fields.String(load_default=None, allow_none=True, validate=PHONE)
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=200))
    address = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))


# Fields PATCH /officials/{id} refuses: they change by a dated decision recorded in the service history.
DATED_FIELDS = {"unit_id": "POST /api/v1/officials/{id}/transfers",
                "position_id": "POST /api/v1/officials/{id}/transfers",
                "rank": "POST /api/v1/officials/{id}/rank-changes",
                "salary_step": "POST /api/v1/officials/{id}/salary-changes",
                "salary_step_since": "POST /api/v1/officials/{id}/salary-changes"}


class UpdateOfficial(CommandSchema):
    """Name, status (on leave and back) and contact data. Unit, position, rank and salary change by dated
    decisions in the service history: naming them is a 400 naming the route (DATED_FIELDS)."""
    full_name = text_field(120)
    status = code_field([OfficialStatus.ACTIVE, OfficialStatus.ON_LEAVE])   # leaving: /separations
    phone = fields.String(allow_none=True, validate=PHONE)
    email = fields.Email(allow_none=True, validate=validate.Length(max=200))
    address = fields.String(allow_none=True, validate=validate.Length(max=300))

    @pre_load
    def no_dated_fields(self, data, **kwargs):
        refused = {name: ["changed by a dated decision: use {}".format(route)]
                   for name, route in DATED_FIELDS.items() if isinstance(data, dict) and name in data}
        if refused:
            raise ValidationError(refused)
        return data

    @validates_schema
    def something_changes(self, data, **kwargs):
        if not data:
            raise ValidationError("give at least one field to change", field_name="_schema")


class ListPositionsQuery(CommandSchema):
    unit_id = fields.String(validate=validate.Length(min=1, max=64))


class ListOfficialsQuery(KeysetPageQuery):
    unit_id = fields.String(validate=validate.Length(min=1, max=64))
    include_sub_units = fields.Boolean(load_default=False)
    category = code_field(Category)
    status = code_field(OfficialStatus)
    standards_met = fields.Boolean()
    q = fields.String(validate=validate.Length(min=1, max=120))   # name search, diacritics optional


class ListReviewsQuery(KeysetPageQuery):
    official_id = fields.String(validate=validate.Length(min=1, max=64))
    unit_id = fields.String(validate=validate.Length(min=1, max=64))
    status = code_field(ReviewStatus)
    overdue = fields.Boolean(metadata={"description": "true: undecided cases past their deadline"})


class StandardsQuery(CommandSchema):
    as_of = fields.Date(load_default=None)


# --- units, positions and officials: views ----------------------------------------------------
class UnitView(EventDataSchema):
    code = fields.String()
    name = fields.String()
    unit_type = fields.String()
    level = code_field(OrgLevel)
    parent_id = fields.String(allow_none=True)
    valid_from = fields.Date()
    valid_to = fields.Date(allow_none=True)
    head_official_id = fields.String(allow_none=True)
    decision_ref = fields.String(allow_none=True)
    id = fields.String()
    successor_ids = fields.List(fields.String())
    closure_decision_ref = fields.String(allow_none=True)


class RequirementView(EventDataSchema):
    kind = code_field(QualificationKind)
    level = fields.String()
    field_of_study = fields.String(allow_none=True)
    valid_from = fields.Date(allow_none=True)
    valid_to = fields.Date(allow_none=True)


class PositionView(EventDataSchema):
    unit_id = fields.String()
    title = fields.String()
    group = code_field(PositionGroup)
    rank = fields.String()
    requirements = fields.List(fields.Nested(RequirementView))
    headcount_quota = fields.Integer()
    id = fields.String()


class GapView(EventDataSchema):
    kind = fields.String()
    required_level = fields.String()
    held_level = fields.String(allow_none=True)
    field_of_study = fields.String(metadata={"description": "present when the requirement names a field"})
    source = fields.String(metadata={"description": "where the requirement comes from: \"position\", \"rank 01.003 "
                                                    "under Circular 02/2021/TT-BNV\", or both joined by \" + \""})

    @post_dump
    def only_named_fields(self, data, **kwargs):
        if data.get("field_of_study") is None:
            data.pop("field_of_study", None)
        return data


class StandardsView(EventDataSchema):
    met = fields.Boolean()
    as_of = fields.Date()
    missing = fields.List(fields.Nested(GapView))
    rank_rule_set = fields.String(allow_none=True, metadata={
        "description": "legal basis of the rank standards applied on as_of; null: the position's standards only"})


class QualificationView(EventDataSchema):
    kind = code_field(QualificationKind)
    level = fields.String()
    obtained_on = fields.Date()
    field_of_study = fields.String(allow_none=True)
    source = fields.String()


class SeparationView(EventDataSchema):
    reason = code_field(SeparationReason)
    separated_on = fields.Date()
    decision_ref = fields.String()
    note = fields.String()


class OfficialView(EventDataSchema):
    id = fields.String()
    full_name = fields.String()
    national_id = fields.String(metadata=PERSONAL)
    birth_date = fields.Date(metadata=PERSONAL)
    category = fields.String()
    unit_id = fields.String()
    position_id = fields.String()
    rank = fields.String()
    service_start_date = fields.Date()
    status = fields.String()
    qualifications = fields.List(fields.Nested(QualificationView))
    standards = fields.Nested(StandardsView, allow_none=True)
    separation = fields.Nested(SeparationView, allow_none=True)
    salary_step = fields.Integer()
    salary_step_since = fields.Date(allow_none=True)
    next_step_due = fields.Date(metadata={"description": "36 months (college and above), 24 below, 60 for "
                                                         "chuyên gia cao cấp after the current step began"})
    phone = fields.String(allow_none=True, metadata=PERSONAL)
    email = fields.String(allow_none=True, metadata=PERSONAL)
    address = fields.String(allow_none=True, metadata=PERSONAL)


# --- the service history (quá trình công tác) and reorganisations -------------------------------
def _not_after_today(day):
    problem = future_date_problem(day, today())   # a later day: the future, or a decision not in force yet
    if problem:
        raise ValidationError(problem)


class DecisionInput(CommandSchema):
    number = text_field(80, required=True, metadata={"description": "số quyết định"})
    signer = text_field(200, required=True, metadata={"description": "người ký (name and title)"})
    signed_on = fields.Date(required=True, validate=_not_after_today)
    legal_basis = text_field(500, required=True, metadata={"description": "căn cứ pháp lý"})


class _DatedChange(CommandSchema):
    effective_from = fields.Date(required=True, validate=_not_after_today, metadata={
        "description": "the day the decision takes effect (not after today: record a decision once in force)"})
    decision = fields.Nested(DecisionInput, required=True)


class Transfer(_DatedChange):
    """A placement (điều động, luân chuyển, chuyển công tác): the position, in its unit on the date."""
    position_id = fields.String(required=True, validate=ENTITY_ID)
    unit_id = fields.String(load_default=None, validate=ENTITY_ID, metadata={
        "description": "the position's unit on the date (checked); default: that unit"})
    placement_kind = code_field(PlacementKind, load_default=None, allow_none=True, metadata={
        "description": "TRANSFER (điều động), ROTATION (luân chuyển: leaders only), MOVE (chuyển công tác)"})


class RankChange(_DatedChange):
    """Nâng ngạch / chuyển ngạch / thăng hạng: the ngạch or chức danh nghề nghiệp code (its hạng is in the code)."""
    rank = text_field(40, required=True)


class SalaryChange(_DatedChange):
    """Nâng bậc lương: the step and the coefficient (hệ số) of the decision."""
    salary_step = fields.Integer(required=True, validate=validate.Range(min=1, max=20))
    coefficient = fields.Float(load_default=None, allow_none=True, validate=validate.Range(min=0.5, max=20))


class Appointment(_DatedChange):
    """Bổ nhiệm: a leadership post (chức vụ) with its term (from effective_from to term_end)."""
    post_title = text_field(200, required=True)
    unit_id = fields.String(load_default=None, validate=ENTITY_ID, metadata={
        "description": "where the post is held; default: the official's unit on the date"})
    term_end = fields.Date(load_default=None, allow_none=True)


class Correction(CommandSchema):
    """A new record superseding `record_id` (kept, marked superseded with the reason): the corrected values
    (fields of the record's kind, and/or effective_from); what is not given is kept."""
    reason = text_field(1000, required=True)
    decision = fields.Nested(DecisionInput, required=True)
    effective_from = fields.Date(validate=_not_after_today)
    unit_id = fields.String(validate=ENTITY_ID)
    position_id = fields.String(validate=ENTITY_ID)
    rank = text_field(40)
    salary_step = fields.Integer(validate=validate.Range(min=1, max=20))
    coefficient = fields.Float(allow_none=True, validate=validate.Range(min=0.5, max=20))
    post_title = text_field(200)
    term_end = fields.Date(allow_none=True)


class HistoryRef(CommandSchema):
    record_id = fields.String(required=True, validate=ENTITY_ID)


class DecisionView(EventDataSchema):
    number = fields.String()
    signer = fields.String()
    signed_on = fields.Date()
    legal_basis = fields.String()


class HistoryRecordView(EventDataSchema):
    id = fields.String()
    kind = fields.String(metadata={"description": "PLACEMENT (quá trình công tác), RANK (ngạch / chức danh nghề "
                                                  "nghiệp), SALARY (bậc, hệ số lương), POST (chức vụ)"})
    effective_from = fields.Date()
    recorded_on = fields.Date()
    decision = fields.Nested(DecisionView, allow_none=True, metadata={
        "description": "null: derived at registration from the file (service start), no decision recorded"})
    unit_id = fields.String(allow_none=True)
    position_id = fields.String(allow_none=True)
    rank = fields.String(allow_none=True)
    salary_step = fields.Integer(allow_none=True)
    coefficient = fields.Float(allow_none=True)
    post_title = fields.String(allow_none=True)
    term_end = fields.Date(allow_none=True)
    supersedes = fields.String(allow_none=True)
    superseded = fields.Boolean()
    superseded_by = fields.String(allow_none=True)
    correction_reason = fields.String(allow_none=True)
    reorganisation_id = fields.String(allow_none=True)
    placement_kind = fields.String(allow_none=True, metadata={"description": "PLACEMENT: TRANSFER (điều động), "
                                                                           "ROTATION (luân chuyển), MOVE, REORGANISATION"})
    appointment_kind = fields.String(allow_none=True, metadata={"description": "POST: APPOINTMENT or REAPPOINTMENT"})
    origin_id = fields.String(allow_none=True, metadata={"description": "the promotion round or leader selection"})
    ended_on = fields.Date(allow_none=True, metadata={"description": "POST: last day held, when removed (miễn nhiệm)"})
    end_decision = fields.Nested(DecisionView, allow_none=True)
    end_reason = fields.String(allow_none=True)


class HistoryView(EventDataSchema):
    official_id = fields.String()
    unit_id = fields.String(metadata={"description": "valid today"})
    position_id = fields.String()
    rank = fields.String()
    salary_step = fields.Integer()
    records = fields.List(fields.Nested(HistoryRecordView), metadata={
        "description": "every record, superseded ones too (flagged), in the order they take effect"})


class ClosureInput(CommandSchema):
    unit_id = fields.String(required=True, validate=ENTITY_ID)
    successor_id = fields.String(required=True, validate=ENTITY_ID, metadata={
        "description": "the unit carrying on from effective_from: it receives the sub-units, positions and officials"})


class Reorganise(CommandSchema):
    """Close units on one decision: each closed the day before effective_from, its contents to its successor."""
    effective_from = fields.Date(required=True, validate=_not_after_today)
    decision = fields.Nested(DecisionInput, required=True)
    closures = fields.List(fields.Nested(ClosureInput), required=True, validate=validate.Length(min=1, max=500))


class SuccessionView(EventDataSchema):
    unit_id = fields.String()
    successor_id = fields.String()


class ReorganisationView(EventDataSchema):
    id = fields.String()
    effective_from = fields.Date()
    decision = fields.Nested(DecisionView)
    closures = fields.List(fields.Nested(SuccessionView))
    reparented = fields.List(fields.Nested(SuccessionView), metadata={
        "description": "sub-units moved under a successor (successor_id: their new parent)"})
    position_ids = fields.List(fields.String())
    official_ids = fields.List(fields.String())
    recorded_on = fields.Date()


# --- reviews ----------------------------------------------------------------------------------
class OpenReview(CommandSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)
    origin_ref = text_field(120, required=True)       # the source item: a letter, a decision number
    reason = text_field(2000, required=True)
    opened_on = fields.Date(required=True)


class StartInvestigation(CommandSchema):
    started_on = fields.Date(required=True)
    investigator = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=120))
    extend = fields.Boolean(load_default=False)


class DeferralSchema(CommandSchema):
    reason = code_field(DeferralReason, required=True)
    start = fields.Date(required=True)
    end = fields.Date(load_default=None, allow_none=True)


class DisciplineDetails(CommandSchema):
    form = code_field(DisciplineForm, required=True)
    severity = code_field(Severity, required=True)
    violation_date = fields.Date(required=True)
    violation_summary = text_field(2000, required=True)
    handling_started_on = fields.Date(required=True)
    decision_ref = text_field(120, required=True)
    extended = fields.Boolean(load_default=False)
    aggravated = fields.Boolean(load_default=False, metadata={"description": (
        "the violation falls in the aggravating cases the form's article lists (abuse of position, a leader "
        "failing their duty...): the form one severity grade heavier is then allowed")})
    no_limitation_class = code_field(NoLimitationClass, load_default=None, allow_none=True)
    deferrals = fields.List(fields.Nested(DeferralSchema), load_default=list, validate=validate.Length(max=20))
    violation_ref = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=120))


class ImposeDiscipline(DisciplineDetails):
    decided_on = fields.Date(required=True)


class NeedSchema(CommandSchema):
    kind = code_field(QualificationKind, required=True)
    level = text_field(40, required=True)

    @validates_schema
    def known_level(self, data, **kwargs):
        if data.get("kind") and data.get("level") and not is_known_level(data["kind"], data["level"]):
            raise ValidationError("{} is not a level of {}".format(data["level"], data["kind"]), field_name="level")


class ReviewDecision(CommandSchema):
    outcome = code_field(ReviewOutcome, required=True)
    decided_on = fields.Date(required=True)
    reason = text_field(2000, required=True)
    retraining_need = fields.Nested(NeedSchema, load_default=None, allow_none=True)
    content_area = code_field(ContentArea, load_default=None, allow_none=True)
    discipline = fields.Nested(DisciplineDetails, load_default=None, allow_none=True)
    new_position_id = fields.String(load_default=None, allow_none=True, validate=ENTITY_ID)

    @validates_schema
    def discipline_goes_with_its_outcome(self, data, **kwargs):
        if data.get("new_position_id") and data.get("outcome") != ReviewOutcome.REASSIGNMENT:
            raise ValidationError("only with the outcome REASSIGNMENT", field_name="new_position_id")
        if data.get("outcome") == ReviewOutcome.DISCIPLINE and not data.get("discipline"):
            raise ValidationError("required when the outcome is DISCIPLINE", field_name="discipline")
        if data.get("outcome") != ReviewOutcome.DISCIPLINE and data.get("discipline"):
            raise ValidationError("only with the outcome DISCIPLINE", field_name="discipline")


class NeedView(EventDataSchema):
    kind = fields.String()
    level = fields.String()


class ReviewView(EventDataSchema):
    id = fields.String()
    official_id = fields.String()
    unit_id = fields.String(allow_none=True)
    origin = fields.String()
    origin_ref = fields.String()
    reason = fields.String()
    opened_on = fields.Date()
    status = fields.String()
    deadline = fields.Date(allow_none=True)
    extended = fields.Boolean()
    investigator = fields.String(allow_none=True)
    investigation_started_on = fields.Date(allow_none=True)
    outcome = fields.String(allow_none=True)
    decided_on = fields.Date(allow_none=True)
    decision_reason = fields.String(allow_none=True)
    retraining_need = fields.Nested(NeedView, allow_none=True)
    content_area = fields.String(allow_none=True)
    discipline_id = fields.String(allow_none=True)
    new_position_id = fields.String(allow_none=True)
    overdue = fields.Boolean(metadata={"description": "undecided and past its deadline today"})
    overdue_notified = fields.Boolean(metadata={"description": "review_overdue was announced"})


class OverdueReviewScan(CommandSchema):
    as_of = fields.Date(load_default=None, allow_none=True, validate=_not_after_today)   # default: today


class StandardsRecheck(OverdueReviewScan):
    """Re-assess every official's standards as of a day (default: today, never later)."""


class StandardsRecheckView(EventDataSchema):
    as_of = fields.Date()
    checked = fields.Integer()
    changed = fields.List(fields.Dict())     # [{official_id, met}]: the flips announced


class OverdueReviewScanView(EventDataSchema):
    as_of = fields.Date()
    flagged = fields.List(fields.Dict())     # [{review_id, deadline, days_overdue}]


# --- discipline and rewards -------------------------------------------------------------------
class DeferralView(EventDataSchema):
    reason = code_field(DeferralReason)
    start = fields.Date()
    end = fields.Date(allow_none=True)


class DisciplineView(EventDataSchema):
    form = code_field(DisciplineForm)
    severity = code_field(Severity)
    violation_date = fields.Date()
    violation_summary = fields.String()
    handling_started_on = fields.Date()
    decision_ref = fields.String()
    extended = fields.Boolean()
    aggravated = fields.Boolean(metadata={"description": "the form one severity grade heavier was allowed for an "
                                                         "aggravating case of the form's article"})
    no_limitation_class = code_field(NoLimitationClass, allow_none=True)
    deferrals = fields.List(fields.Nested(DeferralView))
    violation_ref = fields.String(allow_none=True)
    decided_on = fields.Date()
    id = fields.String()
    official_id = fields.String()
    unit_id = fields.String()
    category = fields.String()
    review_id = fields.String(allow_none=True)
    counts_in_year = fields.Integer(allow_none=True)
    legal_basis = fields.String()


class RecordReward(CommandSchema):
    form = code_field(RewardForm, required=True)
    title = text_field(300, required=True)          # e.g. "Chiến sĩ thi đua cấp tỉnh"
    decided_on = fields.Date(required=True)
    decision_ref = text_field(120, required=True)
    issuer = text_field(200, required=True)


class RewardView(EventDataSchema):
    form = code_field(RewardForm)
    title = fields.String()
    decided_on = fields.Date()
    decision_ref = fields.String()
    issuer = fields.String()
    id = fields.String()
    official_id = fields.String()
    unit_id = fields.String()


# --- evaluation -------------------------------------------------------------------------------
class RecordEvaluation(CommandSchema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    rating = code_field(Rating, load_default=None, allow_none=True)
    score = fields.Float(load_default=None, allow_none=True, validate=validate.Range(min=0, max=100))
    months_worked = fields.Integer(load_default=12, validate=validate.Range(min=0, max=12))
    months_absent = fields.Integer(load_default=0, validate=validate.Range(min=0, max=12))
    maternity_leave = fields.Boolean(load_default=False)
    recorded_on = fields.Date(load_default=None)
    comment = fields.String(load_default="", validate=validate.Length(max=2000))

    @validates_schema
    def absence_within_work(self, data, **kwargs):
        if data.get("months_absent", 0) > data.get("months_worked", 12):
            raise ValidationError("cannot exceed months_worked", field_name="months_absent")


class EvidenceView(EventDataSchema):
    kind = code_field(EvidenceKind)
    ref = fields.String(metadata={"description": "the id of the enrollment, inspection finding or feedback"})
    on = fields.Date()
    summary = fields.String()
    weight = fields.Float()
    about = fields.String()


class EvaluationSuggestionView(EventDataSchema):
    """The evidence-based suggestion (services/personnel/domain/evidence.py): a heuristic, not law."""
    suggested_rating = fields.String()
    score = fields.Float()
    reasons = fields.List(fields.String())
    evidence = fields.List(fields.Nested(EvidenceView))


class SuggestionView(EvaluationSuggestionView):
    official_id = fields.String()
    year = fields.Integer()


class YearlyWorkScoreView(EventDataSchema):
    """The year's score computed from the work products' periodic scores (formula `unconfirmed`, rule 4)."""
    score = fields.Float()
    band = fields.String()
    period_kind = fields.String()
    periods_scored = fields.Integer()
    periods_expected = fields.Integer()
    complete = fields.Boolean()
    formula = fields.String()
    formula_status = fields.String()
    legal_basis = fields.String()


class AppliedRuleView(EventDataSchema):
    rule = fields.String()
    legal_basis = fields.String()
    effect = fields.String()


class EvaluationView(EventDataSchema):
    id = fields.String()
    official_id = fields.String()
    unit_id = fields.String()
    category = fields.String()
    task_group = fields.String()
    year = fields.Integer()
    rating = fields.String()
    proposed_rating = fields.String(allow_none=True)
    score = fields.Float(allow_none=True)
    months_worked = fields.Integer()
    months_absent = fields.Integer()
    maternity_leave = fields.Boolean()
    recorded_on = fields.Date()
    forced_by = fields.List(fields.String())
    legal_basis = fields.String()
    comment = fields.String()
    work_score = fields.Nested(YearlyWorkScoreView, allow_none=True,
                               metadata={"description": "from 2026 for công chức: computed from the work scores"})
    suggestion = fields.Nested(EvaluationSuggestionView, allow_none=True,
                               metadata={"description": "from 2026 for công chức: the evidence-based suggestion"})
    rules_applied = fields.List(fields.Nested(AppliedRuleView),
                                metadata={"description": "the rules that made the final rating"})


# --- work products and their periodic scores (rule 4, from 2026) ---------------------------------
class WorkItemInput(CommandSchema):
    kind = code_field(WorkItemKind, required=True)
    title = text_field(300, required=True)


class RecordWorkScore(CommandSchema):
    """One month's or quarter's score of an official's tasks and work products, by their direct manager (from 2026:
    an earlier year is a 422 WORK_SCORES_SCOPE naming the rule set of that year)."""
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    period_kind = code_field(ScorePeriod, required=True)
    period = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=12))
    score = fields.Float(required=True, validate=validate.Range(min=0, max=100))
    manager_official_id = fields.String(required=True, validate=ENTITY_ID,
                                        metadata={"description": "the direct manager who gave the score"})
    scored_on = fields.Date(load_default=None)
    work_items = fields.List(fields.Nested(WorkItemInput), required=True, validate=validate.Length(min=1, max=100))
    comment = fields.String(load_default="", validate=validate.Length(max=2000))


class WorkScoresQuery(CommandSchema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))


class WorkItemView(EventDataSchema):
    kind = fields.String()
    title = fields.String()


class PeriodScoreView(EventDataSchema):
    period = fields.Integer()
    score = fields.Float()
    scored_by = fields.String()
    scored_on = fields.Date()
    recorded_by = fields.String()
    work_items = fields.List(fields.Nested(WorkItemView))
    comment = fields.String()


class WorkScoresView(EventDataSchema):
    official_id = fields.String()
    year = fields.Integer()
    period_kind = fields.String(allow_none=True)
    scores = fields.List(fields.Nested(PeriodScoreView))
    corrections = fields.List(fields.Nested(PeriodScoreView))
    yearly = fields.Nested(YearlyWorkScoreView, allow_none=True)


class SuggestionQuery(CommandSchema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))


# --- separations ------------------------------------------------------------------------------
class Separate(CommandSchema):
    reason = code_field(SeparationReason, required=True)
    separated_on = fields.Date(required=True)
    decision_ref = text_field(120, required=True)
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class DistributionQuery(CommandSchema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    include_sub_units = fields.Boolean(load_default=True)


class DistributionView(EventDataSchema):
    unit_id = fields.String()
    year = fields.Integer()
    total = fields.Integer()
    by_rating = fields.Dict(keys=fields.String(), values=fields.Integer())


# --- job-position schemes, staffing and compliance --------------------------------------------
class SubmitScheme(CommandSchema):
    unit_id = fields.String(required=True, validate=ENTITY_ID)
    title = text_field(300, required=True)        # "Đề án vị trí việc làm của ..."
    submitted_on = fields.Date(required=True)
    position_count = fields.Integer(required=True, validate=validate.Range(min=0, max=10000))
    headcount = fields.Integer(required=True, validate=validate.Range(min=0, max=100000))


class DecideScheme(CommandSchema):
    approved = fields.Boolean(required=True)
    decided_on = fields.Date(required=True)
    decision_ref = text_field(120, required=True)
    approver = text_field(200, required=True)


class SchemeView(EventDataSchema):
    unit_id = fields.String()
    title = fields.String()
    submitted_on = fields.Date()
    position_count = fields.Integer()
    headcount = fields.Integer()
    id = fields.String()
    status = fields.String()
    decided_on = fields.Date(allow_none=True)
    decision_ref = fields.String(allow_none=True)
    approver = fields.String(allow_none=True)


class ListSchemesQuery(KeysetPageQuery):
    unit_id = fields.String(validate=ENTITY_ID)
    status = code_field(SchemeStatus)


class StaffingQuery(CommandSchema):
    as_of = fields.Date(load_default=None)
    include_sub_units = fields.Boolean(load_default=True)


class StaffingRow(EventDataSchema):
    position_id = fields.String()
    unit_id = fields.String()
    title = fields.String()
    rank = fields.String()
    group = fields.String()
    quota = fields.Integer()
    filled = fields.Integer()
    vacant = fields.Integer()


class RankShare(EventDataSchema):
    rank = fields.String()
    count = fields.Integer()
    share = fields.Float()


class StaffingView(EventDataSchema):
    unit_id = fields.String()
    as_of = fields.Date()
    quota = fields.Integer()
    filled = fields.Integer()
    vacant = fields.Integer()
    over_quota = fields.Integer()
    positions = fields.List(fields.Nested(StaffingRow))
    rank_structure = fields.List(fields.Nested(RankShare))
    categories = fields.Dict(keys=fields.String(), values=fields.Integer())


class ComplianceQuery(CommandSchema):
    unit_id = fields.String(validate=ENTITY_ID)          # none: the whole province
    as_of = fields.Date(load_default=None)


class ComplianceView(EventDataSchema):
    unit_id = fields.String(allow_none=True)
    as_of = fields.Date()
    officials = fields.Integer()
    met = fields.Integer()
    not_met = fields.Integer()
    rate = fields.Float(allow_none=True)
    units = fields.List(fields.Dict(), metadata={
        "description": "per direct sub-unit: unit_id, name and the same counts"})


# --- CSV import of officials ------------------------------------------------------------------
def _levels(kind):
    return ", ".join(levels_of(kind))


# The CSV body of POST /api/v1/officials/import, as /docs shows it (columns: services/personnel/importer.py;
# a unit test imports the example).
# The columns of the CSV import are part of the API: the importer reads them from here, and the gateway
# checks the ids among them (unit_id, unit_code, position_id) against a scoped caller's units.
IMPORT_REQUIRED_COLUMNS = ("full_name", "national_id", "birth_date", "category", "unit_id", "position_id", "rank",
                           "service_start_date")
IMPORT_OPTIONAL_COLUMNS = ("unit_code",                                   # instead of unit_id
                           "salary_step", "salary_step_since", "phone", "email", "address",
                           "education", "political_theory", "state_management", "it_skill", "foreign_language",
                           "education_field", "qualifications_obtained_on")

IMPORT_CSV = {
    "media_type": "text/csv",
    "description": "UTF-8 CSV, one official a row. Required columns: full_name, national_id, birth_date, category, "
                   "unit_id (or unit_code), position_id, rank, service_start_date. Optional: salary_step, "
                   "salary_step_since, phone, email, address; and the qualifications checked against the rank's "
                   "and the position's standards: education ({}) with education_field, political_theory ({}), "
                   "state_management ({}), it_skill ({}), foreign_language ({}), qualifications_obtained_on "
                   "(default: service_start_date). A bad value is an error of its row naming the column.".format(
                       *(_levels(kind) for kind in (QualificationKind.EDUCATION, QualificationKind.POLITICAL_THEORY,
                                                    QualificationKind.STATE_MANAGEMENT, QualificationKind.IT_SKILL,
                                                    QualificationKind.FOREIGN_LANGUAGE))),
    "example": "full_name,national_id,birth_date,category,unit_code,position_id,rank,service_start_date,"
               "education,education_field,political_theory,state_management,it_skill,foreign_language,"
               "qualifications_obtained_on\n"
               "Nguyễn Thị Hồng Nhung,096190100001,1990-02-03,CONG_CHUC,SNV,pos-1,01.003,2015-09-01,"
               "DAI_HOC,Luật,TRUNG_CAP,CHUYEN_VIEN,BASIC,BAC_2,2016-06-30\n"
               "Lý Thị Mỹ,096195100003,1995-05-05,CONG_CHUC,SNV,pos-2,01.004,2020-03-01,CAO_DANG,,,,,,\n",
    "columns": IMPORT_REQUIRED_COLUMNS + IMPORT_OPTIONAL_COLUMNS,
}


class ImportQuery(CommandSchema):
    dry_run = fields.Boolean(load_default=False)


class ImportRowView(EventDataSchema):
    row = fields.Integer(metadata={"description": "line number in the file (the header is line 1)"})
    status = fields.String(metadata={"description": "CREATED, VALID (dry run) or ERROR"})
    official_id = fields.String(allow_none=True)
    full_name = fields.String(allow_none=True)
    error = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class ImportReportView(EventDataSchema):
    dry_run = fields.Boolean()
    total = fields.Integer()
    valid = fields.Integer()
    created = fields.Integer()
    failed = fields.Integer()
    rows = fields.List(fields.Nested(ImportRowView))


# --- recruitment (tuyển dụng, docs/domain.md rule 12; services/personnel/service_recruitment.py) ----------------
class VacancyInput(CommandSchema):
    position_id = fields.String(required=True, validate=ENTITY_ID)
    places = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10000))


class OpenCampaign(CommandSchema):
    unit_id = fields.String(required=True, validate=ENTITY_ID,
                            metadata={"description": "the recruiting body; vacancies are its positions or below it"})
    scheme_id = fields.String(required=True, validate=ENTITY_ID,
                              metadata={"description": "the unit's approved job-position scheme"})
    title = text_field(300, required=True)
    category = code_field([Category.CONG_CHUC, Category.VIEN_CHUC], required=True)
    method = code_field(RecruitmentMethod, required=True)
    announced_on = fields.Date(required=True, validate=_not_after_today, metadata={
        "description": "the day of the notice (thông báo tuyển dụng): it chooses the rule set"})
    application_deadline = fields.Date(required=True)
    decision_ref = text_field(200, required=True)
    vacancies = fields.List(fields.Nested(VacancyInput), required=True, validate=validate.Length(min=1, max=200))


class ListCampaignsQuery(KeysetPageQuery):
    unit_id = fields.String(validate=ENTITY_ID)
    status = code_field(CampaignStatus)


class VacancyView(EventDataSchema):
    position_id = fields.String()
    unit_id = fields.String()
    title = fields.String()
    rank = fields.String()
    places = fields.Integer()


class RoundView(EventDataSchema):
    number = fields.Integer()
    label = fields.String()
    pass_mark = fields.Float()
    counts_in_total = fields.Boolean()


class CampaignView(EventDataSchema):
    id = fields.String()
    unit_id = fields.String()
    scheme_id = fields.String()
    title = fields.String()
    category = fields.String()
    method = fields.String()
    announced_on = fields.Date()
    application_deadline = fields.Date()
    decision_ref = fields.String()
    legal_basis = fields.String(metadata={"description": "the recruitment rule set of the announcement day"})
    rounds = fields.List(fields.Nested(RoundView), metadata={"description": "the scored rounds of the method"})
    tie_break = fields.List(fields.String())
    vacancies = fields.List(fields.Nested(VacancyView))
    status = fields.String()
    results_published_on = fields.Date(allow_none=True)
    results_ref = fields.String(allow_none=True)
    recruitment_decided_on = fields.Date(allow_none=True)
    recruitment_decision_ref = fields.String(allow_none=True)
    service_start_date = fields.Date(allow_none=True)


class CandidateQualification(CommandSchema):
    kind = code_field(QualificationKind, required=True)
    level = text_field(40, required=True)
    obtained_on = fields.Date(required=True)
    field_of_study = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))


class RegisterCandidate(CommandSchema):
    position_id = fields.String(required=True, validate=ENTITY_ID, metadata={"description": "the vacancy applied for"})
    applied_on = fields.Date(required=True, validate=_not_after_today)
    full_name = text_field(120, required=True)
    national_id = fields.String(required=True, validate=NATIONAL_ID)
    birth_date = fields.Date(required=True)
    nationality = fields.String(load_default="VN", validate=validate.Regexp(r"^[A-Z]{2}$", error="ISO 3166 code"),
                                metadata={"example": "VN", "description": "ISO 3166 alpha-2 code"})
    qualifications = fields.List(fields.Nested(CandidateQualification), load_default=list,
                                 validate=validate.Length(max=50))
    priority_points = fields.Float(load_default=0.0, validate=validate.Range(min=0, max=30))
    phone = fields.String(load_default=None, allow_none=True, validate=PHONE)
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=200))
    address = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))
    data_legal_basis = code_field(DataBasis, required=True, metadata={
        "description": "why the candidate's personal data is processed (Law 91/2025/QH15): CONSENT or "
                       "LEGAL_OBLIGATION; for recruitment only, erased after the retention period if rejected"})


class RecordScore(CommandSchema):
    round = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=5))
    score = fields.Float(required=True, validate=validate.Range(min=0, max=100))
    scored_on = fields.Date(required=True, validate=_not_after_today)


class PublishResults(CommandSchema):
    published_on = fields.Date(required=True, validate=_not_after_today)
    results_ref = text_field(200, required=True)
    head_choice_ids = fields.List(fields.String(validate=ENTITY_ID), load_default=list,
                               validate=validate.Length(max=1000), metadata={
                                   "description": "candidate ids the head chooses among those tied at the last place"})


class DecideRecruitment(CommandSchema):
    decided_on = fields.Date(required=True, validate=_not_after_today)
    decision_ref = text_field(200, required=True)
    service_start_date = fields.Date(required=True, metadata={"description": "first day of service and of probation"})


class RoundScoreView(EventDataSchema):
    round = fields.Integer()
    score = fields.Float()
    scored_on = fields.Date()


class CandidateView(EventDataSchema):
    id = fields.String()
    campaign_id = fields.String()
    position_id = fields.String()
    applied_on = fields.Date()
    full_name = fields.String(allow_none=True, metadata=PERSONAL)
    national_id = fields.String(allow_none=True, metadata=PERSONAL)
    birth_date = fields.Date(allow_none=True, metadata=PERSONAL)
    nationality = fields.String()
    qualifications = fields.List(fields.Nested(QualificationView))
    priority_points = fields.Float()
    phone = fields.String(allow_none=True, metadata=PERSONAL)
    email = fields.String(allow_none=True, metadata=PERSONAL)
    address = fields.String(allow_none=True, metadata=PERSONAL)
    data_legal_basis = fields.String()
    scores = fields.List(fields.Nested(RoundScoreView))
    status = fields.String()
    total = fields.Float(allow_none=True)
    place = fields.Integer(allow_none=True)
    official_id = fields.String(allow_none=True)
    erased_on = fields.Date(allow_none=True, metadata={"description": "personal data erased (retention ended)"})


class EndProbation(CommandSchema):
    passed = fields.Boolean(required=True)
    ended_on = fields.Date(required=True, validate=_not_after_today)
    decision_ref = text_field(200, required=True)
    comment = fields.String(load_default="", validate=validate.Length(max=2000))


class ListProbationsQuery(PageQuery):
    official_id = fields.String(validate=ENTITY_ID)
    unit_id = fields.String(validate=ENTITY_ID)
    status = code_field(ProbationStatus)


class ProbationView(EventDataSchema):
    id = fields.String()
    official_id = fields.String()
    unit_id = fields.String()
    campaign_id = fields.String()
    candidate_id = fields.String()
    category = fields.String()
    rank = fields.String()
    start = fields.Date()
    end = fields.Date()
    months = fields.Integer()
    legal_basis = fields.String()
    status = fields.String()
    ended_on = fields.Date(allow_none=True)
    decision_ref = fields.String(allow_none=True)
    comment = fields.String()


class RetentionRunView(EventDataSchema):
    as_of = fields.Date()
    retention_days = fields.Integer()
    erased = fields.List(fields.String(), metadata={"description": "ids of the candidates erased by this run"})


# --- careers: promotion rounds and leadership (docs/domain.md rules 13-14; services/personnel/service_careers.py) ----
class OpenPromotionRound(CommandSchema):
    unit_id = fields.String(required=True, validate=ENTITY_ID, metadata={"description": "the organising body"})
    title = text_field(300, required=True)
    category = code_field([Category.CONG_CHUC, Category.VIEN_CHUC], required=True)
    method = code_field(PromotionMethod, required=True, metadata={"description": "EXAM (thi) or SELECTION (xét)"})
    target_rank = text_field(40, required=True, metadata={"description": "the ngạch / chức danh nghề nghiệp sat for"})
    announced_on = fields.Date(required=True, validate=_not_after_today, metadata={
        "description": "the day of the notice: it chooses the rule set"})
    decision_ref = text_field(200, required=True)
    places = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10000),
                            metadata={"description": "chỉ tiêu nâng ngạch / thăng hạng"})


class ListPromotionRoundsQuery(PageQuery):
    unit_id = fields.String(validate=ENTITY_ID)
    status = code_field(RoundStatus)


class CareerApplication(CommandSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)
    applied_on = fields.Date(required=True, validate=_not_after_today)


class PublishPromotionResults(CommandSchema):
    published_on = fields.Date(required=True, validate=_not_after_today)
    results_ref = text_field(200, required=True)
    head_choice_official_ids = fields.List(fields.String(validate=ENTITY_ID), load_default=list,
                                           validate=validate.Length(max=1000), metadata={
                                               "description": "officials the head chooses among those tied"})


class PromotionDecision(CommandSchema):
    effective_from = fields.Date(required=True, validate=_not_after_today)
    decision = fields.Nested(DecisionInput, required=True)


class PromotionCandidateView(EventDataSchema):
    official_id = fields.String()
    applied_on = fields.Date()
    current_rank = fields.String()
    rank_since = fields.Date(metadata={"description": "from the service history's RANK records"})
    years_in_rank = fields.Float()
    scores = fields.List(fields.Nested(RoundScoreView))
    status = fields.String()
    total = fields.Float(allow_none=True)
    place = fields.Integer(allow_none=True)
    record_id = fields.String(allow_none=True, metadata={"description": "the RANK record of the decision"})


class PromotionRoundView(EventDataSchema):
    id = fields.String()
    unit_id = fields.String()
    title = fields.String()
    category = fields.String()
    method = fields.String()
    target_rank = fields.String()
    announced_on = fields.Date()
    decision_ref = fields.String()
    places = fields.Integer()
    legal_basis = fields.String(metadata={"description": "the promotion rule set of the announcement day"})
    rounds = fields.List(fields.Nested(RoundView))
    years_in_rank = fields.Integer(metadata={"description": "years in the current rank the rule set asks"})
    candidates = fields.List(fields.Nested(PromotionCandidateView))
    status = fields.String()
    results_published_on = fields.Date(allow_none=True)
    results_ref = fields.String(allow_none=True)
    completed_on = fields.Date(allow_none=True)
    decision_number = fields.String(allow_none=True)


class OpenSelection(CommandSchema):
    unit_id = fields.String(required=True, validate=ENTITY_ID, metadata={"description": "where the post is"})
    post_title = text_field(200, required=True)
    method = code_field(SelectionMethod, required=True, metadata={
        "description": "COMPETITIVE (thi tuyển chức danh lãnh đạo) or NOMINATION (quy trình bổ nhiệm)"})
    announced_on = fields.Date(required=True, validate=_not_after_today)
    application_deadline = fields.Date(required=True)
    decision_ref = text_field(200, required=True)


class ListSelectionsQuery(PageQuery):
    unit_id = fields.String(validate=ENTITY_ID)
    status = code_field(SelectionStatus)


class SelectionDecision(CommandSchema):
    official_id = fields.String(load_default=None, allow_none=True, validate=ENTITY_ID, metadata={
        "description": "the one chosen (nomination; a tie of a competitive selection); default: the highest total"})
    effective_from = fields.Date(required=True, validate=_not_after_today)
    decision = fields.Nested(DecisionInput, required=True)
    term_end = fields.Date(load_default=None, allow_none=True, metadata={"description": "default: the rule set's term"})


class SelectionCandidateView(EventDataSchema):
    official_id = fields.String()
    applied_on = fields.Date()
    scores = fields.List(fields.Nested(RoundScoreView))
    total = fields.Float(allow_none=True, metadata={"description": "null until every round is passed"})


class SelectionView(EventDataSchema):
    id = fields.String()
    unit_id = fields.String()
    post_title = fields.String()
    method = fields.String()
    announced_on = fields.Date()
    application_deadline = fields.Date()
    decision_ref = fields.String()
    legal_basis = fields.String()
    rounds = fields.List(fields.Nested(RoundView))
    candidates = fields.List(fields.Nested(SelectionCandidateView))
    status = fields.String()
    chosen_official_id = fields.String(allow_none=True)
    record_id = fields.String(allow_none=True)
    decided_on = fields.Date(allow_none=True)


class LeaderAppointment(_DatedChange):
    """Bổ nhiệm / bổ nhiệm lại: a POST record for the term of the rule set of effective_from."""
    kind = code_field(AppointmentKind, required=True)
    post_title = text_field(200, required=True)
    unit_id = fields.String(load_default=None, validate=ENTITY_ID, metadata={
        "description": "where the post is held; default: the official's unit on the date"})
    term_end = fields.Date(load_default=None, allow_none=True, metadata={"description": "default: the rule set's term"})


class RemovalFromPost(_DatedChange):
    """Miễn nhiệm: the post ends the day before effective_from."""
    reason = code_field(RemovalReason, required=True)


class ReappointmentScan(CommandSchema):
    as_of = fields.Date(load_default=None, allow_none=True)


class DueTermView(EventDataSchema):
    official_id = fields.String()
    record_id = fields.String()
    post_title = fields.String()
    term_end = fields.Date()
    days_left = fields.Integer()


class ReappointmentScanView(EventDataSchema):
    as_of = fields.Date()
    notice_days = fields.Integer()
    announced = fields.List(fields.Nested(DueTermView))
