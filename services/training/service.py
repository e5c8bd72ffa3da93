"""Training service: nameko entrypoints only (load -> domain -> store -> dump)."""
from services.common.health import HealthEntrypoint
from services.common.rpc_errors import domain_rpc as rpc  # typed errors cross RPC as themselves
from services.common.consumer import reliable_event_handler
from services.common.documents import from_document
from services.common.ids import new_id, today
from services.common.mongo import Storage
from services.common.schemas import load_or_invalid
from services.training import schemas as s
from services.training.domain import courses, enrollments, officials
from services.training.domain.model import Course, OfficialSnapshot, Result
from services.training.store import TrainingStore


class TrainingService(HealthEntrypoint):
    name = "training"  # also the `health` RPC the gateway's /ready calls
    store = Storage(TrainingStore)

    # --- courses ----------------------------------------------------------------------------
    @rpc
    def create_course(self, payload):
        command = load_or_invalid(s.CreateCourse(), payload)
        course, events = courses.create_course(from_document(Course, dict(command, id=new_id("crs"))))
        self.store.add_course(course, events)
        return s.CourseView().dump(course)

    @rpc
    def get_course(self, course_id):
        return s.CourseView().dump(self.store.get_course(course_id))

    @rpc
    def list_courses(self, query=None):
        query = load_or_invalid(s.ListCoursesQuery(), query or {})
        items, total = self.store.list_courses(**query)
        return {"items": s.CourseView(many=True).dump(items), "total": total}

    # --- enrollments and results ----------------------------------------------------------
    @rpc
    def enroll(self, payload):
        command = load_or_invalid(s.Enroll(), payload)
        course = self.store.get_course(command["course_id"])
        official, _ = self.store.find_official(command["official_id"])
        enrollment, events = enrollments.enroll(course, command["official_id"], official, today())
        self.store.add_enrollment(enrollment, events)
        return s.EnrollmentView().dump(enrollment)

    @rpc
    def get_enrollment(self, enrollment_id):
        return s.EnrollmentView().dump(self.store.get_enrollment(enrollment_id))

    @rpc
    def list_enrollments(self, query=None):
        query = load_or_invalid(s.ListEnrollmentsQuery(), query or {})
        items, total = self.store.list_enrollments(**query)
        return {"items": s.EnrollmentView(many=True).dump(items), "total": total}

    @rpc
    def record_result(self, enrollment_id, payload):
        command = load_or_invalid(s.RecordResult(), payload)
        enrollment, version = self.store.get_enrollment_versioned(enrollment_id)
        result = from_document(Result, dict(command, recorded_on=command["recorded_on"] or today()))
        course = self.store.get_course(enrollment.course_id)
        updated, events = enrollments.record_result(enrollment, course, result)
        self.store.save_enrollment(updated, version, events)
        return s.EnrollmentView().dump(updated)

    # --- projection of personnel's officials ------------------------------------------------
    @reliable_event_handler("personnel", "official_registered")
    def handle_official_registered(self, event):
        data = s.OfficialRegisteredIn().load(event["data"])
        incoming = from_document(OfficialSnapshot, dict(data, id=data["official_id"], source_time=event["time"]))
        current, version = self.store.find_official(incoming.id)
        snapshot = officials.apply_snapshot(current, incoming)
        if snapshot is not None:
            self.store.save_official(snapshot, version, applied_event=event["id"])
