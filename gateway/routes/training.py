"""Training routes: courses, enrollments, results, commitments, plans, needs."""
from gateway.http import route
from gateway.roles import STAFF, TRAINING_WRITE
from services.training import api as training_api

TAG = "training"
# Amounts an official owes are not for every staff member: trainers, HR and admins.
COMMITMENTS_READ = ("admin", "trainer", "hr_officer")


class TrainingRoutes:

    @route("POST", "/api/v1/training/courses", roles=TRAINING_WRITE, body=training_api.CreateCourse,
           response=training_api.CourseView, status=201, tag=TAG)
    def create_course(self, call):
        """Create a course and the credential it grants."""
        return self.backends.call("training", "create_course", call.body)

    @route("GET", "/api/v1/training/courses", roles=STAFF, query=training_api.ListCoursesQuery,
           response=training_api.CourseView,
           many=True, tag=TAG)
    def list_courses(self, call):
        """Courses, paginated."""
        return self.backends.call("training", "list_courses", call.query)

    @route("GET", "/api/v1/training/courses/{course_id}", roles=STAFF, response=training_api.CourseView, tag=TAG)
    def get_course(self, call, course_id):
        """One course."""
        return self.backends.call("training", "get_course", course_id)

    @route("POST", "/api/v1/training/enrollments", roles=TRAINING_WRITE, body=training_api.Enroll,
           response=training_api.EnrollmentView, status=201, tag=TAG)
    def enroll(self, call):
        """Enroll an active official in an open course with free places."""
        return self.backends.call("training", "enroll", call.body)

    @route("GET", "/api/v1/training/enrollments", roles=STAFF, query=training_api.ListEnrollmentsQuery,
           response=training_api.EnrollmentView, many=True, tag=TAG, unit_scoped=True)
    def list_enrollments(self, call):
        """Enrollments, by official, course or status."""
        return self.backends.call("training", "list_enrollments", call.query)

    @route("GET", "/api/v1/training/enrollments/{enrollment_id}", roles=STAFF, response=training_api.EnrollmentView,
           tag=TAG)
    def get_enrollment(self, call, enrollment_id):
        """One enrollment with its result."""
        return self.backends.call("training", "get_enrollment", enrollment_id)

    @route("POST", "/api/v1/training/enrollments/{enrollment_id}/result", roles=TRAINING_WRITE,
           body=training_api.RecordResult, response=training_api.EnrollmentView, tag=TAG)
    def record_result(self, call, enrollment_id):
        """Record attendance and scores: completed with a certificate (rule 8) or failed."""
        return self.backends.call("training", "record_result", enrollment_id, call.body)

    @route("POST", "/api/v1/training/courses/{course_id}/cancellation", roles=TRAINING_WRITE,
           body=training_api.CancelCourse, response=training_api.CourseView, tag=TAG)
    def cancel_course(self, call, course_id):
        """Cancel a course without results; its enrollments end and owe nothing."""
        return self.backends.call("training", "cancel_course", course_id, call.body)

    @route("POST", "/api/v1/training/enrollments/{enrollment_id}/result/correction", roles=TRAINING_WRITE,
           body=training_api.CorrectResult, response=training_api.EnrollmentView, tag=TAG)
    def correct_result(self, call, enrollment_id):
        """Correct a wrongly recorded result (kept in history; announced as training_result_corrected)."""
        return self.backends.call("training", "correct_result", enrollment_id, call.body)

    @route("GET", "/api/v1/training/commitments", roles=COMMITMENTS_READ, query=training_api.ListCommitmentsQuery,
           response=training_api.EnrollmentView, many=True, tag=TAG, unit_scoped=True)
    def list_commitments(self, call):
        """Service commitments of degree and postgraduate training, with the repayment owed (bồi hoàn)."""
        return self.backends.call("training", "list_commitments", call.query)

    @route("POST", "/api/v1/training/plans", roles=TRAINING_WRITE, body=training_api.CreatePlan,
           response=training_api.PlanView,
           status=201, tag=TAG)
    def create_plan(self, call):
        """Create an annual plan or a multi-year scheme with targets (turns) by year, unit and content area."""
        return self.backends.call("training", "create_plan", call.body)

    @route("GET", "/api/v1/training/plans", roles=STAFF, query=training_api.ListPlansQuery,
           response=training_api.PlanView,
           many=True, tag=TAG)
    def list_plans(self, call):
        """Training plans, by year (plans covering it) and status."""
        return self.backends.call("training", "list_plans", call.query)

    @route("GET", "/api/v1/training/plans/{plan_id}", roles=STAFF, response=training_api.PlanView, tag=TAG)
    def get_plan(self, call, plan_id):
        """One training plan with its targets."""
        return self.backends.call("training", "get_plan", plan_id)

    @route("POST", "/api/v1/training/plans/{plan_id}/approval", roles=TRAINING_WRITE, body=training_api.ApprovePlan,
           response=training_api.PlanView, tag=TAG)
    def approve_plan(self, call, plan_id):
        """Approve a plan with its date (and decision reference)."""
        return self.backends.call("training", "approve_plan", plan_id, call.body)

    @route("GET", "/api/v1/training/plans/{plan_id}/progress", roles=STAFF, query=training_api.ProgressQuery,
           response=training_api.ProgressView, tag=TAG)
    def plan_progress(self, call, plan_id):
        """Turns done vs planned (%) by target, unit, content area and year, as of a date (default today)."""
        return self.backends.call("training", "plan_progress", plan_id, call.query)

    @route("GET", "/api/v1/training/needs", roles=STAFF, query=training_api.ListNeedsQuery,
           response=training_api.NeedView,
           many=True, tag=TAG, unit_scoped=True)
    def list_needs(self, call):
        """Training needs (standards gaps, retraining after reviews) by unit, official, status, with matching
        courses."""
        return self.backends.call("training", "list_needs", call.query)

    @route("GET", "/api/v1/training/needs/summary", roles=STAFF, query=training_api.NeedsSummaryQuery,
           response=training_api.NeedsSummaryLine, many=True, tag=TAG, unit_scoped=True)
    def needs_summary(self, call):
        """Open training needs per unit (officials concerned, standards gaps, retraining)."""
        return self.backends.call("training", "needs_summary", call.query)

    @route("GET", "/api/v1/training/needs/{need_id}", roles=STAFF, response=training_api.NeedView, tag=TAG)
    def get_need(self, call, need_id):
        """One training need with the open courses that meet it."""
        return self.backends.call("training", "get_need", need_id)
