"""Training's public surface: the commands, queries, views and codes the gateway may use.

Commands and queries refuse what they do not declare (CommandSchema); views declare their own fields.
Events: events_published.py, events_consumed.py."""
from marshmallow import fields, validate

from services.common.schemas import CommandSchema, ENTITY_ID, EventDataSchema, KeysetPageQuery, PageQuery, code_field, text_field
from services.training.domain.enums import (CommitmentStatus, ContentArea, CourseKind, CourseStatus, CredentialKind,
                                            EnrollmentStatus, Location, NeedOrigin, NeedStatus, PlanStatus,
                                            RepaymentReason)

SCORE = validate.Range(min=0, max=10, error="must be between 0 and 10 (scores are out of 10)")
VND = validate.Range(min=0, max=100_000_000_000)
YEAR = validate.Range(min=1990, max=2100)


# --- courses, enrollments and results: commands -----------------------------------------------
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


class ListCommitmentsQuery(KeysetPageQuery):
    official_id = fields.String(validate=ENTITY_ID)
    repayment_due = fields.Boolean()


class ListCoursesQuery(PageQuery):
    kind = code_field(CourseKind)
    content_area = code_field(ContentArea)
    status = code_field(CourseStatus)


class ListEnrollmentsQuery(KeysetPageQuery):
    official_id = fields.String(validate=ENTITY_ID)
    course_id = fields.String(validate=ENTITY_ID)
    status = code_field(EnrollmentStatus)


# --- courses, enrollments and results: views --------------------------------------------------
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


# --- plans and needs: commands ----------------------------------------------------------------
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


class ListNeedsQuery(KeysetPageQuery):
    unit_id = fields.String(validate=ENTITY_ID)
    official_id = fields.String(validate=ENTITY_ID)
    status = code_field(NeedStatus)
    origin = code_field(NeedOrigin)


class NeedsSummaryQuery(CommandSchema):
    unit_id = fields.String(validate=ENTITY_ID)


# --- plans and needs: views -------------------------------------------------------------------
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
