"""The catalog of inspection.events: the payload of every event inspection publishes (`PUBLISHED_EVENTS`,
read by services/common/catalog.py and checked by the store before an event is written)."""
from marshmallow import fields

from services.common.schemas import EventDataSchema, code_field
from services.inspection.domain import events
from services.inspection.domain.enums import (ConclusionResult, InspectionForm, InspectionKind, InspectionStage,
                                              InspectionTopic, RecommendationStatus, Severity, TthcDomain)


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
    violation_date = fields.Date(required=True, allow_none=True)


class ConcludedRecommendation(EventDataSchema):
    recommendation_id = fields.String(required=True)
    content = fields.String(required=True)
    owner = fields.String(required=True)
    due_on = fields.Date(required=True)


class InspectionConcluded(EventDataSchema):
    inspection_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    result = code_field(ConclusionResult, required=True)
    concluded_on = fields.Date(required=True)
    summary = fields.String(required=True)
    findings = fields.List(fields.Nested(ConcludedFinding), required=True)
    recommendations = fields.List(fields.Nested(ConcludedRecommendation), required=True)


class InspectionStageChanged(EventDataSchema):
    inspection_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    stage = code_field(InspectionStage, required=True)
    previous_stage = code_field(InspectionStage, required=True)
    entered_on = fields.Date(required=True)


class RecommendationProgressed(EventDataSchema):
    inspection_id = fields.String(required=True)
    recommendation_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    status = code_field(RecommendationStatus, required=True)
    percent_complete = fields.Integer(required=True)
    reported_on = fields.Date(required=True)
    waiver_reason = fields.String(required=True, allow_none=True)


class RecommendationOverdue(EventDataSchema):
    inspection_id = fields.String(required=True)
    recommendation_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    owner = fields.String(required=True)
    due_on = fields.Date(required=True)


# event class (services/inspection/domain/events.py) -> the schema of its payload
PUBLISHED_EVENTS = {
    events.InspectionOpened: InspectionOpened,
    events.FindingRecorded: FindingRecorded,
    events.InspectionStageChanged: InspectionStageChanged,
    events.InspectionConcluded: InspectionConcluded,
    events.RecommendationProgressed: RecommendationProgressed,
    events.RecommendationOverdue: RecommendationOverdue,
}
