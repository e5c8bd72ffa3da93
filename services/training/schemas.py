"""Training boundaries: commands in, views out, events published and consumed."""
from marshmallow import fields, validate

from services.common.schemas import CommandSchema, ENTITY_ID, EventDataSchema, PageQuery, code_field, text_field
from services.training.domain.enums import (CommitmentStatus, ContentArea, CourseKind, CourseStatus,
                                            CredentialKind, EnrollmentStatus, Location, NeedClosure,
                                            NeedOrigin, RepaymentReason)
# Commands and views of plans and needs are in schemas_planning.
from services.training.schemas_planning import CredentialView

SCORE = validate.Range(min=0, max=10, error="must be between 0 and 10 (scores are out of 10)")
VND = validate.Range(min=0, max=100_000_000_000)


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
    tuition = fields.Integer(strict=True, load_default=0, validate=VND)        # VND per participant
    other_costs = fields.Integer(strict=True, load_default=0, validate=VND)    # VND per participant


class CancelCourse(CommandSchema):
    reason = text_field(2000, required=True)
    cancelled_on = fields.Date(load_default=None)


class Enroll(CommandSchema):
    course_id = fields.String(required=True, validate=ENTITY_ID)
    official_id = fields.String(required=True, validate=ENTITY_ID)
    enrolled_on = fields.Date(load_default=None)          # default today; a past date records history
    commits_to_serve = fields.Boolean(load_default=False)  # required for DEGREE / POSTGRADUATE (rule 8)


class RecordResult(CommandSchema):
    attended_sessions = fields.Integer(strict=True, required=True, validate=validate.Range(min=0, max=10000))
    total_sessions = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=10000))
    scores = fields.List(fields.Float(validate=SCORE), required=True, validate=validate.Length(max=50))
    recorded_on = fields.Date(load_default=None)


class CorrectResult(RecordResult):
    reason = text_field(2000, required=True)


class ListCommitmentsQuery(PageQuery):
    official_id = fields.String(validate=ENTITY_ID)
    repayment_due = fields.Boolean()


class ListCoursesQuery(PageQuery):
    kind = code_field(CourseKind)
    content_area = code_field(ContentArea)
    status = code_field(CourseStatus)


class ListEnrollmentsQuery(PageQuery):
    official_id = fields.String(validate=ENTITY_ID)
    course_id = fields.String(validate=ENTITY_ID)
    status = code_field(EnrollmentStatus)


# --- views ------------------------------------------------------------------------------------
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
    tuition = fields.Integer()
    other_costs = fields.Integer()
    cancelled_on = fields.Date(allow_none=True)
    cancellation_reason = fields.String(allow_none=True)


class ResultView(EventDataSchema):
    attended_sessions = fields.Integer()
    total_sessions = fields.Integer()
    scores = fields.List(fields.Float())
    recorded_on = fields.Date()
    reasons = fields.List(fields.String())


class CorrectionView(EventDataSchema):
    corrected_on = fields.Date()
    reason = fields.String()
    previous_status = fields.String()
    previous_result = fields.Nested(ResultView)


class RepaymentView(EventDataSchema):
    amount = fields.Integer(metadata={"description": "VND owed: tuition and course costs, never salary"})
    reason = fields.String(validate=validate.OneOf([r.value for r in RepaymentReason]))
    due_from = fields.Date()
    costs = fields.Integer()
    committed_days = fields.Integer()
    unserved_days = fields.Integer()
    legal_basis = fields.String()


class CommitmentView(EventDataSchema):
    multiplier = fields.Integer()
    training_days = fields.Integer()
    committed_days = fields.Integer()
    costs = fields.Integer()
    legal_basis = fields.String()
    status = fields.String(validate=validate.OneOf([c.value for c in CommitmentStatus]))
    service_from = fields.Date(allow_none=True)
    service_until = fields.Date(allow_none=True)
    repayment = fields.Nested(RepaymentView, allow_none=True)


class EnrollmentView(EventDataSchema):
    id = fields.String()
    course_id = fields.String()
    official_id = fields.String()
    enrolled_on = fields.Date()
    status = fields.String()
    result = fields.Nested(ResultView, allow_none=True)
    unit_id = fields.String(allow_none=True)
    content_area = fields.String(allow_none=True)
    completed_on = fields.Date(allow_none=True)
    commitment = fields.Nested(CommitmentView, allow_none=True)
    corrections = fields.List(fields.Nested(CorrectionView))


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


PUBLISHED_EVENTS = {
    "course_created": CourseCreated,
    "course_cancelled": CourseCancelled,
    "enrollment_created": EnrollmentCreated,
    "training_completed": TrainingCompleted,
    "training_failed": TrainingFailed,
    "training_result_corrected": TrainingResultCorrected,
    "training_need_created": TrainingNeedCreated,
    "training_need_closed": TrainingNeedClosed,
    "training_plan_approved": TrainingPlanApproved,
    "training_repayment_required": TrainingRepaymentRequired,
}


# --- events consumed (tolerant readers) -------------------------------------------------------
class OfficialRegisteredIn(EventDataSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)
    full_name = fields.String(required=True)
    unit_id = fields.String(required=True)
    status = fields.String(required=True)   # plain string: personnel may add statuses later
    birth_date = fields.Date(required=True)
    service_start_date = fields.Date(required=True)


class OfficialSeparatedIn(EventDataSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)
    separated_on = fields.Date(required=True)
    reason = fields.String(required=True)   # plain string: personnel may add reasons later


class EvaluationRecordedIn(EventDataSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)
    year = fields.Integer(required=True)
    rating = fields.String(required=True)


class GapIn(EventDataSchema):
    kind = fields.String(required=True)
    required_level = fields.String(required=True)
    held_level = fields.String(allow_none=True, load_default=None)


class StandardsStatusChangedIn(EventDataSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)
    unit_id = fields.String(allow_none=True, load_default=None)
    position_id = fields.String(required=True)
    met = fields.Boolean(required=True)
    as_of = fields.Date(required=True)
    missing = fields.List(fields.Nested(GapIn), load_default=list)


class RetrainingNeedIn(EventDataSchema):
    kind = fields.String(allow_none=True, load_default=None)
    level = fields.String(allow_none=True, load_default=None)


class ReviewDecidedIn(EventDataSchema):
    review_id = fields.String(required=True, validate=ENTITY_ID)
    official_id = fields.String(required=True, validate=ENTITY_ID)
    unit_id = fields.String(allow_none=True, load_default=None)
    outcome = fields.String(required=True)
    decided_on = fields.Date(required=True)
    retraining_need = fields.Nested(RetrainingNeedIn, allow_none=True, load_default=None)
    content_area = fields.String(allow_none=True, load_default=None)


class UnitAnnouncedIn(EventDataSchema):
    """unit_created / unit_updated."""
    unit_id = fields.String(required=True, validate=ENTITY_ID)
    code = fields.String(required=True)
    name = fields.String(required=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(allow_none=True, load_default=None)
