"""Training routes: courses, enrollments, results."""
from gateway.http import route
from gateway.roles import STAFF, TRAINING_WRITE
from services.training import schemas as ts

TAG = "training"


class TrainingRoutes:

    @route("POST", "/api/v1/training/courses", roles=TRAINING_WRITE, body=ts.CreateCourse,
           response=ts.CourseView, status=201, tag=TAG)
    def create_course(self, call):
        """Create a course and the credential it grants."""
        return self.backends.call("training", "create_course", call.body)

    @route("GET", "/api/v1/training/courses", roles=STAFF, query=ts.ListCoursesQuery, response=ts.CourseView,
           many=True, tag=TAG)
    def list_courses(self, call):
        """Courses, paginated."""
        return self.backends.call("training", "list_courses", call.query)

    @route("GET", "/api/v1/training/courses/{course_id}", roles=STAFF, response=ts.CourseView, tag=TAG)
    def get_course(self, call, course_id):
        """One course."""
        return self.backends.call("training", "get_course", course_id)

    @route("POST", "/api/v1/training/enrollments", roles=TRAINING_WRITE, body=ts.Enroll,
           response=ts.EnrollmentView, status=201, tag=TAG)
    def enroll(self, call):
        """Enroll an active official in an open course with free places."""
        return self.backends.call("training", "enroll", call.body)

    @route("GET", "/api/v1/training/enrollments", roles=STAFF, query=ts.ListEnrollmentsQuery,
           response=ts.EnrollmentView, many=True, tag=TAG)
    def list_enrollments(self, call):
        """Enrollments, by official, course or status."""
        return self.backends.call("training", "list_enrollments", call.query)

    @route("GET", "/api/v1/training/enrollments/{enrollment_id}", roles=STAFF, response=ts.EnrollmentView,
           tag=TAG)
    def get_enrollment(self, call, enrollment_id):
        """One enrollment with its result."""
        return self.backends.call("training", "get_enrollment", enrollment_id)

    @route("POST", "/api/v1/training/enrollments/{enrollment_id}/result", roles=TRAINING_WRITE,
           body=ts.RecordResult, response=ts.EnrollmentView, tag=TAG)
    def record_result(self, call, enrollment_id):
        """Record attendance and scores: completed with a certificate (rule 8) or failed."""
        return self.backends.call("training", "record_result", enrollment_id, call.body)
