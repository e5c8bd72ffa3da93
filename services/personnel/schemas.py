"""Personnel boundaries: commands in, views out, events published and consumed."""
from marshmallow import fields, post_dump, validate, validates_schema, ValidationError

from services.common.schemas import CommandSchema, EventDataSchema, PageQuery, code_field, text_field
from services.personnel.domain.enums import (Category, DisciplineForm, OfficialStatus, OrgLevel, PositionGroup,
                                             QualificationKind, Rating, ReviewOutcome, ReviewStatus,
                                             SeparationReason, Severity)
from services.personnel.schemas_records import (  # noqa: F401 (re-exported)
    NeedView, ReviewEvent, ReviewOverdue, ReviewView, SeparationView)

NATIONAL_ID = validate.Regexp(r"^[0-9]{9}([0-9]{3})?$", error="9 or 12 digits (CMND / CCCD)")
PHONE = validate.Regexp(r"^\+?[0-9 .-]{8,20}$", error="a phone number")
PERSONAL = {"x-personal-data": True}      # rule 11: flagged in the API description


# --- commands ---------------------------------------------------------------------------------
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

    @validates_schema
    def something_changes(self, data, **kwargs):
        if not data:
            raise ValidationError("give at least one of name, unit_type, parent_id, head_official_id",
                                  field_name="_schema")


class CloseUnit(CommandSchema):
    valid_to = fields.Date(required=True)
    successor_ids = fields.List(fields.String(validate=validate.Length(min=1, max=64)), load_default=list,
                                validate=validate.Length(max=200))
    decision_ref = text_field(200, required=True)


class ListUnitsQuery(CommandSchema):
    as_of = fields.Date()
    parent_id = fields.String(validate=validate.Length(min=1, max=64))
    level = code_field(OrgLevel)


class UnitRef(CommandSchema):
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class AsOfQuery(CommandSchema):
    as_of = fields.Date(load_default=None)


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


class UpdateOfficial(CommandSchema):
    full_name = text_field(120)
    unit_id = fields.String(validate=validate.Length(min=1, max=64))
    position_id = fields.String(validate=validate.Length(min=1, max=64))
    rank = text_field(40)
    status = code_field([OfficialStatus.ACTIVE, OfficialStatus.ON_LEAVE])   # leaving: /separations
    salary_step = fields.Integer(validate=validate.Range(min=1, max=20))
    salary_step_since = fields.Date()
    phone = fields.String(allow_none=True, validate=PHONE)
    email = fields.Email(allow_none=True, validate=validate.Length(max=200))
    address = fields.String(allow_none=True, validate=validate.Length(max=300))

    @validates_schema
    def something_changes(self, data, **kwargs):
        if not data:
            raise ValidationError("give at least one field to change", field_name="_schema")


class ListPositionsQuery(CommandSchema):
    unit_id = fields.String(validate=validate.Length(min=1, max=64))


class ListOfficialsQuery(PageQuery):
    unit_id = fields.String(validate=validate.Length(min=1, max=64))
    include_sub_units = fields.Boolean(load_default=False)
    category = code_field(Category)
    status = code_field(OfficialStatus)
    standards_met = fields.Boolean()
    q = fields.String(validate=validate.Length(min=1, max=120))   # name search, diacritics optional


class ListReviewsQuery(PageQuery):
    official_id = fields.String(validate=validate.Length(min=1, max=64))
    unit_id = fields.String(validate=validate.Length(min=1, max=64))
    status = code_field(ReviewStatus)
    overdue = fields.Boolean(metadata={"description": "true: undecided cases past their deadline"})


class StandardsQuery(CommandSchema):
    as_of = fields.Date(load_default=None)


# --- views ------------------------------------------------------------------------------------
class UnitView(CreateUnit):
    id = fields.String()
    successor_ids = fields.List(fields.String())
    closure_decision_ref = fields.String(allow_none=True)


class RequirementView(RequirementSchema):
    pass


class PositionView(CreatePosition):
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


class QualificationView(QualificationInput):
    source = fields.String()


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


# --- events published (the catalog of personnel.events) --------------------------------------
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


class ReviewDecidedIn(ReviewDecided):
    pass


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


PUBLISHED_EVENTS = {
    "unit_created": UnitCreated,
    "unit_updated": UnitUpdated,
    "official_registered": OfficialRegistered,
    "official_updated": OfficialUpdated,
    "official_separated": OfficialSeparated,
    "qualification_updated": QualificationUpdated,
    "standards_status_changed": StandardsStatusChanged,
    "evaluation_recorded": EvaluationRecorded,
    "discipline_imposed": DisciplineImposed,
    "review_opened": ReviewOpened,
    "review_decided": ReviewDecided,
    "review_overdue": ReviewOverdue,
}


# --- events consumed (tolerant readers) -------------------------------------------------------
class CredentialIn(EventDataSchema):
    kind = fields.String(required=True)
    level = fields.String(required=True)


class TrainingCompletedIn(EventDataSchema):
    enrollment_id = fields.String(required=True)
    official_id = fields.String(required=True)
    course_title = fields.String(load_default="")
    completed_on = fields.Date(required=True)
    credential = fields.Nested(CredentialIn, allow_none=True, load_default=None)


class FindingIn(EventDataSchema):
    finding_id = fields.String(required=True)
    description = fields.String(load_default="")
    responsible_official_ids = fields.List(fields.String(), load_default=list)


class InspectionConcludedIn(EventDataSchema):
    inspection_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    result = fields.String(required=True)
    concluded_on = fields.Date(required=True)
    findings = fields.List(fields.Nested(FindingIn), load_default=list)


class FeedbackSubstantiatedIn(EventDataSchema):
    feedback_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True, load_default=None)
    answered_on = fields.Date(required=True)
    summary = fields.String(load_default="")


class FindingRecordedIn(EventDataSchema):
    inspection_id = fields.String(required=True)
    finding_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True, load_default=None)
    description = fields.String(load_default="")
    recorded_on = fields.Date(load_default=None, allow_none=True)
    responsible_official_ids = fields.List(fields.String(), load_default=list)


class FeedbackOverdueIn(EventDataSchema):
    feedback_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True, load_default=None)
    official_id = fields.String(allow_none=True, load_default=None)
    deadline = fields.String(load_default="ANSWER")
    due_on = fields.Date(required=True)


# Events personnel consumes from itself: a discipline forces the year's rating, a NOT_COMPLETED rating
# opens its decision case (at-least-once through the outbox, so neither effect can be lost).
class DisciplineImposedIn(DisciplineImposed):
    pass


class EvaluationRecordedIn(EvaluationRecorded):
    pass
