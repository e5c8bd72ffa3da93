"""Inspection's public surface: the commands, queries, views and codes the gateway may use.

Commands and queries refuse what they do not declare (CommandSchema); views declare their own fields.
Events: events_published.py, events_consumed.py."""
from marshmallow import fields, validate

from services.common.schemas import CommandSchema, EventDataSchema, KeysetPageQuery, PageQuery, code_field
from services.inspection.domain.enums import (ConclusionResult, InspectionForm, InspectionKind, InspectionStage,
                                              InspectionTopic, RecommendationStatus, Severity, TthcDomain)
from services.inspection.schema_fields import VIOLATION_CODE, an_id, text


# --- inspections: commands --------------------------------------------------------------------
class OpenInspection(CommandSchema):
    title = text(300, required=True)
    kind = code_field(InspectionKind, required=True)
    form = code_field(InspectionForm, required=True)
    topic = code_field(InspectionTopic, required=True)
    unit_id = an_id(required=True)
    decision_date = fields.Date(required=True)
    team = fields.List(text(120), required=True, validate=validate.Length(
        min=1, max=20, error="the inspection team has 1 to 20 members"))
    plan_id = an_id(load_default=None, allow_none=True)        # carrying out an item of an annual plan
    plan_item_id = an_id(load_default=None, allow_none=True)


class RecordFinding(CommandSchema):
    violation_type = fields.String(required=True, validate=VIOLATION_CODE)
    description = text(4000, required=True)
    severity = code_field(Severity, required=True)
    responsible_official_ids = fields.List(an_id(), load_default=list, validate=validate.Length(
        max=50, error="at most 50 responsible officials per finding"))
    tthc_domain = code_field(TthcDomain, load_default=None, allow_none=True)
    legal_basis = text(500, load_default=None, allow_none=True)
    violation_date = fields.Date(load_default=None, allow_none=True)   # responsibility is checked on it


class AdvanceStage(CommandSchema):
    stage = code_field(InspectionStage, required=True)
    entered_on = fields.Date(required=True)
    note = text(2000, load_default=None, allow_none=True)


class RecommendationIn(CommandSchema):
    content = text(2000, required=True)
    owner = text(300, required=True)          # who must carry it out (unit, office or person)
    due_on = fields.Date(required=True)


class Conclude(CommandSchema):
    result = code_field(ConclusionResult, required=True)
    concluded_on = fields.Date(required=True)
    summary = text(4000, required=True)
    recommendations = fields.List(fields.Nested(RecommendationIn), load_default=list, validate=validate.Length(
        max=100, error="at most 100 recommendations per conclusion"))


class ReportProgress(CommandSchema):
    reported_on = fields.Date(required=True)
    note = text(2000, required=True)
    percent_complete = fields.Integer(load_default=0, validate=validate.Range(min=0, max=100))
    status = code_field(RecommendationStatus, load_default=RecommendationStatus.OPEN.value)
    waiver_reason = text(2000, load_default=None, allow_none=True)


class ListInspectionsQuery(KeysetPageQuery):
    unit_id = an_id()
    result = code_field(ConclusionResult)
    stage = code_field(InspectionStage)
    form = code_field(InspectionForm)
    plan_id = an_id()


class ListFindingsQuery(PageQuery):
    official_id = an_id()
    unit_id = an_id()


# --- inspections: views -----------------------------------------------------------------------
class FindingView(EventDataSchema):
    id = fields.String()
    violation_type = fields.String()
    description = fields.String()
    severity = fields.String()
    responsible_official_ids = fields.List(fields.String())
    tthc_domain = fields.String(allow_none=True)
    legal_basis = fields.String(allow_none=True)
    recorded_on = fields.Date()
    violation_date = fields.Date(allow_none=True)


class ConclusionView(EventDataSchema):
    result = fields.String()
    concluded_on = fields.Date()
    summary = fields.String()


class StageStepView(EventDataSchema):
    stage = fields.String()
    entered_on = fields.Date()
    note = fields.String(allow_none=True)


class DeadlineView(EventDataSchema):
    stage = fields.String()
    rule = fields.String()
    legal_basis = fields.String()
    due_on = fields.Date(allow_none=True)
    reached_on = fields.Date(allow_none=True)
    late = fields.Boolean()
    overdue = fields.Boolean()


class ProgressView(EventDataSchema):
    reported_on = fields.Date()
    note = fields.String()
    percent_complete = fields.Integer()
    status = fields.String()


class RecommendationView(EventDataSchema):
    id = fields.String()
    content = fields.String()
    owner = fields.String()
    due_on = fields.Date()
    status = fields.String()
    settled_on = fields.Date(allow_none=True)
    waiver_reason = fields.String(allow_none=True)
    overdue_notified = fields.Boolean()
    progress = fields.List(fields.Nested(ProgressView))
    overdue = fields.Boolean()               # open and past its due date today


class InspectionSummaryView(EventDataSchema):
    """An inspection in a list: everything but the findings themselves."""
    id = fields.String()
    title = fields.String()
    kind = fields.String()
    form = fields.String()
    topic = fields.String()
    unit_id = fields.String()
    decision_date = fields.Date()
    team = fields.List(fields.String())
    stage = fields.String()
    governing_law = fields.String(allow_none=True)
    conclusion = fields.Nested(ConclusionView, allow_none=True)
    finding_count = fields.Function(lambda inspection: len(inspection.findings))
    plan_id = fields.String(allow_none=True)
    plan_item_id = fields.String(allow_none=True)
    deadlines = fields.List(fields.Nested(DeadlineView))
    overdue = fields.Boolean()               # a statutory deadline or a recommendation is past due today


class InspectionView(InspectionSummaryView):
    findings = fields.List(fields.Nested(FindingView))
    stage_history = fields.List(fields.Nested(StageStepView))
    recommendations = fields.List(fields.Nested(RecommendationView))


class FindingItemView(FindingView):
    """A finding with its inspection, as an official's or a unit's record shows it."""
    inspection_id = fields.String()
    unit_id = fields.String()
    inspection_title = fields.String()
    result = fields.String(allow_none=True)
    concluded_on = fields.Date(allow_none=True)


# --- plans, overdue scan, risk signals and TTHC violations: commands --------------------------
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


# --- plans, overdue scan, risk signals and TTHC violations: views -----------------------------
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
