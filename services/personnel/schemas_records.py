"""Personnel boundaries for reviews, discipline, evaluation, rewards and separations."""
from marshmallow import fields, validate, validates_schema, ValidationError

from services.common.dates import future_date_problem
from services.common.ids import today
from services.common.schemas import CommandSchema, ENTITY_ID, EventDataSchema, code_field, text_field
from services.personnel.domain.enums import (ContentArea, DeferralReason, DisciplineForm, EvidenceKind,
                                             NoLimitationClass, QualificationKind, Rating, ReviewOrigin,
                                             ReviewOutcome, ReviewStatus, RewardForm, SeparationReason, Severity)
from services.personnel.domain.standards import is_known_level



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


def _not_after_today(day):
    problem = future_date_problem(day, today())   # a later day would announce the future
    if problem:
        raise ValidationError(problem)


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


class ReviewEvent(EventDataSchema):
    """What every review event says about the case."""
    review_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True)
    origin = code_field(ReviewOrigin, required=True)
    origin_ref = fields.String(required=True)


class ReviewOverdue(ReviewEvent):
    """A review case still undecided after its deadline (announced once per case)."""
    status = code_field(ReviewStatus, required=True)
    deadline = fields.Date(required=True)
    days_overdue = fields.Integer(required=True)
    as_of = fields.Date(required=True)


# --- discipline and rewards ------------------------------------------------------------------
class DisciplineView(ImposeDiscipline):
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


class RewardView(RecordReward):
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


class SuggestionQuery(CommandSchema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))


class EvidenceView(EventDataSchema):
    kind = code_field(EvidenceKind)
    ref = fields.String()
    on = fields.Date()
    summary = fields.String()
    weight = fields.Float()
    about = fields.String()


class SuggestionView(EventDataSchema):
    official_id = fields.String()
    year = fields.Integer()
    suggested_rating = fields.String()
    score = fields.Float()
    reasons = fields.List(fields.String())
    evidence = fields.List(fields.Nested(EvidenceView))


# --- separations -------------------------------------------------------------------------------
class Separate(CommandSchema):
    reason = code_field(SeparationReason, required=True)
    separated_on = fields.Date(required=True)
    decision_ref = text_field(120, required=True)
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class SeparationView(Separate):
    pass


class DistributionQuery(CommandSchema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    include_sub_units = fields.Boolean(load_default=True)


class DistributionView(EventDataSchema):
    unit_id = fields.String()
    year = fields.Integer()
    total = fields.Integer()
    by_rating = fields.Dict(keys=fields.String(), values=fields.Integer())
