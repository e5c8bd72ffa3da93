"""Training plans and needs: commands in, views out (re-exported by services.training.schemas)."""
from marshmallow import fields, validate

from services.common.schemas import CommandSchema, ENTITY_ID, EventDataSchema, PageQuery, code_field, text_field
from services.training.domain.enums import ContentArea, CourseKind, Location, NeedOrigin, NeedStatus, PlanStatus

YEAR = validate.Range(min=1990, max=2100)


# --- commands ---------------------------------------------------------------------------------
class TargetInput(CommandSchema):
    year = fields.Integer(strict=True, load_default=None, validate=YEAR)   # default: the plan's first year
    unit_id = fields.String(load_default=None, allow_none=True, validate=ENTITY_ID)
    content_area = code_field(ContentArea, load_default=None, allow_none=True)
    turns = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=1_000_000))


class CreatePlan(CommandSchema):
    title = text_field(300, required=True)
    from_year = fields.Integer(strict=True, required=True, validate=YEAR)
    to_year = fields.Integer(strict=True, load_default=None, validate=YEAR)    # default: an annual plan
    location = code_field(Location, load_default=None, allow_none=True)
    kind = code_field(CourseKind, load_default=None, allow_none=True)
    targets = fields.List(fields.Nested(TargetInput), required=True,
                          validate=validate.Length(min=1, max=5000))


class ApprovePlan(CommandSchema):
    approved_on = fields.Date(required=True)
    decision_ref = text_field(100, load_default=None)


class ProgressQuery(CommandSchema):
    as_of = fields.Date(load_default=None)


class ListPlansQuery(PageQuery):
    year = fields.Integer(validate=YEAR)
    status = code_field(PlanStatus)


class ListNeedsQuery(PageQuery):
    unit_id = fields.String(validate=ENTITY_ID)
    official_id = fields.String(validate=ENTITY_ID)
    status = code_field(NeedStatus)
    origin = code_field(NeedOrigin)


class NeedsSummaryQuery(CommandSchema):
    unit_id = fields.String(validate=ENTITY_ID)


# --- views ------------------------------------------------------------------------------------
class CredentialView(EventDataSchema):
    kind = fields.String()
    level = fields.String()


class MatchingCourseView(EventDataSchema):
    id = fields.String()
    title = fields.String()
    start_date = fields.Date()
    end_date = fields.Date()
    free_seats = fields.Integer()
    credential = fields.Nested(CredentialView, allow_none=True)


class NeedView(EventDataSchema):
    id = fields.String()
    official_id = fields.String()
    unit_id = fields.String(allow_none=True)
    origin = fields.String()
    origin_ref = fields.String()
    identified_on = fields.Date()
    kind = fields.String(allow_none=True)
    level = fields.String(allow_none=True)
    content_area = fields.String(allow_none=True)
    status = fields.String()
    closed_on = fields.Date(allow_none=True)
    closed_reason = fields.String(allow_none=True)
    closed_by = fields.String(allow_none=True)
    matching_courses = fields.List(fields.Nested(MatchingCourseView))


class NeedsSummaryLine(EventDataSchema):
    unit_id = fields.String(allow_none=True)
    open_needs = fields.Integer()
    officials = fields.Integer()
    standards_gaps = fields.Integer()
    retraining = fields.Integer()


class TargetView(EventDataSchema):
    year = fields.Integer()
    unit_id = fields.String(allow_none=True)
    content_area = fields.String(allow_none=True)
    turns = fields.Integer()


class PlanView(EventDataSchema):
    id = fields.String()
    title = fields.String()
    from_year = fields.Integer()
    to_year = fields.Integer()
    location = fields.String(allow_none=True)
    kind = fields.String(allow_none=True)
    status = fields.String()
    approved_on = fields.Date(allow_none=True)
    decision_ref = fields.String(allow_none=True)
    targets = fields.List(fields.Nested(TargetView))


class Progress(EventDataSchema):
    planned = fields.Integer()
    done = fields.Integer()
    percent = fields.Float(allow_none=True, metadata={"description": "done / planned x 100, one decimal"})


class TargetProgress(Progress):
    year = fields.Integer()
    unit_id = fields.String(allow_none=True)
    content_area = fields.String(allow_none=True)


class UnitProgress(Progress):
    unit_id = fields.String(allow_none=True)


class ContentAreaProgress(Progress):
    content_area = fields.String(allow_none=True)


class YearProgress(Progress):
    year = fields.Integer()


class ProgressView(EventDataSchema):
    plan_id = fields.String()
    title = fields.String()
    status = fields.String()
    as_of = fields.Date()
    from_year = fields.Integer()
    to_year = fields.Integer()
    planned = fields.Integer()
    done = fields.Integer()
    percent = fields.Float(allow_none=True, metadata={"description": "done / planned x 100, one decimal"})
    unplanned_done = fields.Integer()
    by_target = fields.List(fields.Nested(TargetProgress))
    by_unit = fields.List(fields.Nested(UnitProgress))
    by_content_area = fields.List(fields.Nested(ContentAreaProgress))
    by_year = fields.List(fields.Nested(YearProgress))
