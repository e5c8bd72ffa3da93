"""The catalog of training.events: the payload of every event training publishes (`PUBLISHED_EVENTS`,
read by services/common/catalog.py and checked by the store before an event is written)."""
from marshmallow import fields

from services.common.schemas import EventDataSchema, code_field
from services.training.domain import events
from services.training.domain.enums import (ContentArea, CourseKind, CourseStatus, CredentialKind, EnrollmentStatus,
                                            Location, NeedClosure, NeedOrigin, RepaymentReason)


class CredentialData(EventDataSchema):
    kind = code_field(CredentialKind, required=True)
    level = fields.String(required=True)


class CourseCreated(EventDataSchema):
    course_id = fields.String(required=True)
    title = fields.String(required=True)
    kind = code_field(CourseKind, required=True)
    content_area = code_field(ContentArea, required=True)
    location = code_field(Location, required=True)
    organiser = fields.String(required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    hours = fields.Integer(required=True)
    capacity = fields.Integer(required=True)
    assessments = fields.Integer(required=True)
    credential = fields.Nested(CredentialData, allow_none=True, required=True)
    status = code_field(CourseStatus, required=True)
    tuition = fields.Integer(required=True)
    other_costs = fields.Integer(required=True)


class CourseCancelled(EventDataSchema):
    course_id = fields.String(required=True)
    cancelled_on = fields.Date(required=True)
    reason = fields.String(required=True)


class EnrollmentCreated(EventDataSchema):
    enrollment_id = fields.String(required=True)
    course_id = fields.String(required=True)
    official_id = fields.String(required=True)
    enrolled_on = fields.Date(required=True)


class TrainingCompleted(EventDataSchema):
    enrollment_id = fields.String(required=True)
    official_id = fields.String(required=True)
    course_id = fields.String(required=True)
    course_title = fields.String(required=True)
    completed_on = fields.Date(required=True)
    credential = fields.Nested(CredentialData, allow_none=True, required=True)
    scores = fields.List(fields.Float(), required=True)


class TrainingFailed(EventDataSchema):
    enrollment_id = fields.String(required=True)
    official_id = fields.String(required=True)
    course_id = fields.String(required=True)
    failed_on = fields.Date(required=True)
    reasons = fields.List(fields.String(), required=True)


class TrainingResultCorrected(EventDataSchema):
    enrollment_id = fields.String(required=True)
    official_id = fields.String(required=True)
    course_id = fields.String(required=True)
    previous_status = code_field(EnrollmentStatus, required=True)
    status = code_field(EnrollmentStatus, required=True)
    corrected_on = fields.Date(required=True)
    reason = fields.String(required=True)
    scores = fields.List(fields.Float(), required=True)
    reasons = fields.List(fields.String(), required=True)
    credential_revoked = fields.Nested(CredentialData, allow_none=True, required=True)


class NeedData(EventDataSchema):
    need_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True, required=True)
    origin = code_field(NeedOrigin, required=True)
    origin_ref = fields.String(required=True)
    kind = code_field(CredentialKind, allow_none=True, required=True)
    level = fields.String(allow_none=True, required=True)
    content_area = code_field(ContentArea, allow_none=True, required=True)


class TrainingNeedCreated(NeedData):
    identified_on = fields.Date(required=True)


class TrainingNeedClosed(NeedData):
    closed_on = fields.Date(required=True)
    reason = code_field(NeedClosure, required=True)
    enrollment_id = fields.String(allow_none=True, required=True)


class TrainingPlanApproved(EventDataSchema):
    plan_id = fields.String(required=True)
    title = fields.String(required=True)
    from_year = fields.Integer(required=True)
    to_year = fields.Integer(required=True)
    location = code_field(Location, allow_none=True, required=True)
    kind = code_field(CourseKind, allow_none=True, required=True)
    approved_on = fields.Date(required=True)
    decision_ref = fields.String(allow_none=True, required=True)
    planned_turns = fields.Integer(required=True)


class TrainingRepaymentRequired(EventDataSchema):
    enrollment_id = fields.String(required=True)
    official_id = fields.String(required=True)
    course_id = fields.String(required=True)
    amount = fields.Integer(required=True)
    reason = code_field(RepaymentReason, required=True)
    due_from = fields.Date(required=True)
    costs = fields.Integer(required=True)
    committed_days = fields.Integer(required=True)
    unserved_days = fields.Integer(required=True)
    legal_basis = fields.String(required=True)


# event class (services/training/domain/events.py) -> the schema of its payload
PUBLISHED_EVENTS = {
    events.CourseCreated: CourseCreated,
    events.CourseCancelled: CourseCancelled,
    events.EnrollmentCreated: EnrollmentCreated,
    events.TrainingCompleted: TrainingCompleted,
    events.TrainingFailed: TrainingFailed,
    events.TrainingResultCorrected: TrainingResultCorrected,
    events.TrainingNeedCreated: TrainingNeedCreated,
    events.TrainingNeedClosed: TrainingNeedClosed,
    events.TrainingPlanApproved: TrainingPlanApproved,
    events.TrainingRepaymentRequired: TrainingRepaymentRequired,
}
