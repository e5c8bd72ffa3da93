"""Inspection boundaries of annual plans, the overdue scan, risk signals and TTHC violation reports."""
from marshmallow import fields, validate

from services.common.schemas import CommandSchema, EventDataSchema, PageQuery, code_field
from services.inspection.domain.enums import InspectionKind, InspectionTopic
from services.inspection.schemas_fields import an_id, text


# --- commands ---------------------------------------------------------------------------------
class OverdueScan(CommandSchema):
    as_of = fields.Date(load_default=None, allow_none=True)   # default: today in the province


class PlanItemIn(CommandSchema):
    unit_id = an_id(required=True)
    topic = code_field(InspectionTopic, required=True)
    kind = code_field(InspectionKind, required=True)
    note = text(500, load_default=None, allow_none=True)


class CreatePlan(CommandSchema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    title = text(300, required=True)
    approved_on = fields.Date(required=True)
    items = fields.List(fields.Nested(PlanItemIn), required=True, validate=validate.Length(
        min=1, max=500, error="a plan has 1 to 500 items"))


class ListPlansQuery(PageQuery):
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))


class PeriodQuery(CommandSchema):
    """A period [from, to] (default: the current year up to today)."""
    start = fields.Date(data_key="from", load_default=None)
    end = fields.Date(data_key="to", load_default=None)


class ViolationsQuery(PeriodQuery):
    unit_id = an_id()


# --- views ------------------------------------------------------------------------------------
class PlanItemView(EventDataSchema):
    id = fields.String()
    unit_id = fields.String()
    topic = fields.String()
    kind = fields.String()
    note = fields.String(allow_none=True)
    inspection_id = fields.String(allow_none=True)
    stage = fields.String(allow_none=True)
    done = fields.Boolean()


class PlanView(EventDataSchema):
    id = fields.String()
    year = fields.Integer()
    title = fields.String()
    approved_on = fields.Date()
    items = fields.List(fields.Nested(PlanItemView))
    planned = fields.Integer()
    started = fields.Integer()
    done = fields.Integer()
    percent_done = fields.Float()
    ad_hoc = fields.Integer()                # AD_HOC inspections decided in the plan's year


class OverdueScanView(EventDataSchema):
    as_of = fields.Date()
    flagged = fields.List(fields.Dict())     # [{inspection_id, recommendation_id, due_on}]


class EvidenceView(EventDataSchema):
    feedback_id = fields.String()
    fact = fields.String()
    on = fields.Date()
    detail = fields.String(allow_none=True)


class RiskCandidateView(EventDataSchema):
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)
    received = fields.Integer()
    substantiated = fields.Integer()
    overdue = fields.Integer()
    score = fields.Integer()
    evidence = fields.List(fields.Nested(EvidenceView))
    last_inspection_id = fields.String(allow_none=True)


class DomainCountView(EventDataSchema):
    tthc_domain = fields.String()
    count = fields.Integer()


class UnitDomainCountView(DomainCountView):
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)


class ViolationsView(EventDataSchema):
    start = fields.Date(data_key="from")
    end = fields.Date(data_key="to")
    total = fields.Integer()
    by_domain = fields.List(fields.Nested(DomainCountView))
    by_unit = fields.List(fields.Nested(UnitDomainCountView))
