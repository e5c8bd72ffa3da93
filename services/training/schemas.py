"""Training boundaries: commands in, views out, events published and consumed."""
from marshmallow import fields, validate

from services.common.schemas import CommandSchema, EventDataSchema, PageQuery, code_field, text_field
from services.training.domain.enums import (ContentArea, CourseKind, CourseStatus, CredentialKind,
                                            EnrollmentStatus, Location)

ID = validate.Length(min=1, max=64)
SCORE = validate.Range(min=0, max=10, error="must be between 0 and 10 (scores are out of 10)")


# --- commands ---------------------------------------------------------------------------------
class CredentialInput(CommandSchema):
    kind = code_field(CredentialKind, required=True)
    level = text_field(40, required=True)


class CreateCourse(CommandSchema):
    title = text_field(200, required=True)
    kind = code_field(CourseKind, required=True)
    content_area = code_field(ContentArea, required=True)
    location = code_field(Location, load_default=Location.DOMESTIC.value)
    organiser = text_field(200, required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    hours = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=20000))
    capacity = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=10000))
    assessments = fields.Integer(strict=True, required=True, validate=validate.Range(min=0, max=50))
    credential = fields.Nested(CredentialInput, allow_none=True, load_default=None)


class Enroll(CommandSchema):
    course_id = fields.String(required=True, validate=ID)
    official_id = fields.String(required=True, validate=ID)


class RecordResult(CommandSchema):
    attended_sessions = fields.Integer(strict=True, required=True, validate=validate.Range(min=0, max=10000))
    total_sessions = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=10000))
    scores = fields.List(fields.Float(validate=SCORE), required=True, validate=validate.Length(max=50))
    recorded_on = fields.Date(load_default=None)


class ListCoursesQuery(PageQuery):
    kind = code_field(CourseKind)
    content_area = code_field(ContentArea)
    status = code_field(CourseStatus)


class ListEnrollmentsQuery(PageQuery):
    official_id = fields.String(validate=ID)
    course_id = fields.String(validate=ID)
    status = code_field(EnrollmentStatus)


# --- views ------------------------------------------------------------------------------------
class CredentialView(EventDataSchema):
    kind = fields.String()
    level = fields.String()


class CourseView(EventDataSchema):
    id = fields.String()
    title = fields.String()
    kind = fields.String()
    content_area = fields.String()
    location = fields.String()
    organiser = fields.String()
    start_date = fields.Date()
    end_date = fields.Date()
    hours = fields.Integer()
    capacity = fields.Integer()
    assessments = fields.Integer()
    credential = fields.Nested(CredentialView, allow_none=True)
    status = fields.String()
    enrolled_count = fields.Integer()


class ResultView(EventDataSchema):
    attended_sessions = fields.Integer()
    total_sessions = fields.Integer()
    scores = fields.List(fields.Float())
    recorded_on = fields.Date()
    reasons = fields.List(fields.String())


class EnrollmentView(EventDataSchema):
    id = fields.String()
    course_id = fields.String()
    official_id = fields.String()
    enrolled_on = fields.Date()
    status = fields.String()
    result = fields.Nested(ResultView, allow_none=True)


# --- events published (the catalog of training.events) ---------------------------------------
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


PUBLISHED_EVENTS = {
    "course_created": CourseCreated,
    "enrollment_created": EnrollmentCreated,
    "training_completed": TrainingCompleted,
    "training_failed": TrainingFailed,
}


# --- events consumed (tolerant readers) -------------------------------------------------------
class OfficialRegisteredIn(EventDataSchema):
    official_id = fields.String(required=True, validate=ID)
    full_name = fields.String(required=True)
    unit_id = fields.String(required=True)
    status = fields.String(required=True)   # plain string: personnel may add statuses later
    birth_date = fields.Date(required=True)
    service_start_date = fields.Date(required=True)
