"""Inspection boundaries: commands in, views out, events published and consumed."""
from marshmallow import ValidationError, fields, validate

from services.common.schemas import CommandSchema, EventDataSchema, PageQuery, code_field
from services.inspection.domain.enums import (ConclusionResult, InspectionForm, InspectionKind,
                                              InspectionStage, InspectionTopic, Severity, TthcDomain)

VIOLATION_CODE = validate.Regexp(r"^[A-Z][A-Z0-9_]{1,39}$",
                                 error="a short code of capital letters, digits and _ (e.g. TTHC_OVERDUE)")


def not_blank(value):
    if value and not value.strip():      # "" is left to the length rule: one message per problem
        raise ValidationError("must not be blank")


def text(max_length, **kwargs):
    """Free text of 1..max_length characters that is not only whitespace."""
    return fields.String(validate=[validate.Length(min=1, max=max_length), not_blank], **kwargs)


def an_id(**kwargs):
    return fields.String(validate=validate.Length(min=1, max=64), **kwargs)


# --- commands ---------------------------------------------------------------------------------
class OpenInspection(CommandSchema):
    title = text(300, required=True)
    kind = code_field(InspectionKind, required=True)
    form = code_field(InspectionForm, required=True)
    topic = code_field(InspectionTopic, required=True)
    unit_id = an_id(required=True)
    decision_date = fields.Date(required=True)
    team = fields.List(text(120), required=True, validate=validate.Length(
        min=1, max=20, error="the inspection team has 1 to 20 members"))


class RecordFinding(CommandSchema):
    violation_type = fields.String(required=True, validate=VIOLATION_CODE)
    description = text(4000, required=True)
    severity = code_field(Severity, required=True)
    responsible_official_ids = fields.List(an_id(), load_default=list, validate=validate.Length(
        max=50, error="at most 50 responsible officials per finding"))
    tthc_domain = code_field(TthcDomain, load_default=None, allow_none=True)
    legal_basis = text(500, load_default=None, allow_none=True)


class Conclude(CommandSchema):
    result = code_field(ConclusionResult, required=True)
    concluded_on = fields.Date(required=True)
    summary = text(4000, required=True)


class ListInspectionsQuery(PageQuery):
    unit_id = an_id()
    result = code_field(ConclusionResult)


class ListFindingsQuery(PageQuery):
    official_id = an_id()
    unit_id = an_id()


# --- views ------------------------------------------------------------------------------------
class FindingView(EventDataSchema):
    id = fields.String()
    violation_type = fields.String()
    description = fields.String()
    severity = fields.String()
    responsible_official_ids = fields.List(fields.String())
    tthc_domain = fields.String(allow_none=True)
    legal_basis = fields.String(allow_none=True)
    recorded_on = fields.Date()


class ConclusionView(EventDataSchema):
    result = fields.String()
    concluded_on = fields.Date()
    summary = fields.String()


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


class InspectionView(InspectionSummaryView):
    findings = fields.List(fields.Nested(FindingView))


class FindingItemView(FindingView):
    """A finding with its inspection, as an official's or a unit's record shows it."""
    inspection_id = fields.String()
    unit_id = fields.String()
    inspection_title = fields.String()
    result = fields.String(allow_none=True)
    concluded_on = fields.Date(allow_none=True)


# --- events published (the catalog of inspection.events) -------------------------------------
class InspectionOpened(EventDataSchema):
    inspection_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    title = fields.String(required=True)
    kind = code_field(InspectionKind, required=True)
    form = code_field(InspectionForm, required=True)
    topic = code_field(InspectionTopic, required=True)
    decision_date = fields.Date(required=True)
    stage = code_field(InspectionStage, required=True)
    governing_law = fields.String(required=True, allow_none=True)


class ConcludedFinding(EventDataSchema):
    finding_id = fields.String(required=True)
    description = fields.String(required=True)
    severity = code_field(Severity, required=True)
    violation_type = fields.String(required=True)
    tthc_domain = code_field(TthcDomain, required=True, allow_none=True)
    responsible_official_ids = fields.List(fields.String(), required=True)


class FindingRecorded(ConcludedFinding):
    inspection_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    legal_basis = fields.String(required=True, allow_none=True)
    recorded_on = fields.Date(required=True)


class InspectionConcluded(EventDataSchema):
    inspection_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    result = code_field(ConclusionResult, required=True)
    concluded_on = fields.Date(required=True)
    summary = fields.String(required=True)
    findings = fields.List(fields.Nested(ConcludedFinding), required=True)


PUBLISHED_EVENTS = {
    "inspection_opened": InspectionOpened,
    "finding_recorded": FindingRecorded,
    "inspection_concluded": InspectionConcluded,
}


# --- events consumed (tolerant readers of personnel.events) ----------------------------------
class UnitCreatedIn(EventDataSchema):
    unit_id = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(allow_none=True, load_default=None)
    head_official_id = fields.String(allow_none=True, load_default=None)


class OfficialRegisteredIn(EventDataSchema):
    official_id = fields.String(required=True)
    full_name = fields.String(required=True)
    unit_id = fields.String(required=True)
    status = fields.String(required=True)
