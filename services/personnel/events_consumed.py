"""Tolerant readers (EventDataSchema: unknown fields ignored) of the events personnel consumes: training's,
inspection's and feedback's, and three of its own."""
from marshmallow import fields

from services.common.schemas import EventDataSchema
from services.personnel.events_published import DisciplineImposed, EvaluationRecorded, ReviewDecided


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
# opens its decision case, a decided review is applied (at-least-once through the outbox, so no effect can be lost).
class DisciplineImposedIn(DisciplineImposed):
    pass


class EvaluationRecordedIn(EvaluationRecorded):
    pass


class ReviewDecidedIn(ReviewDecided):
    pass
