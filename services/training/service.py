"""Training service: nameko entrypoints only (load -> domain -> store -> dump)."""
from dataclasses import replace

from services.common.commands import change, create
from services.common.consumer import reliable_event_handler
from services.common.documents import from_document
from services.common.errors import NotFound
from services.common.health import HealthEntrypoint
from services.common.profile_sections import ProfileSectionsEntrypoint
from services.common.ids import new_id, today
from services.common.mongo import Storage
from services.common.rpc_errors import domain_rpc as rpc  # typed errors cross RPC as themselves
from services.common.schemas import load_or_invalid, shared
from services.common.schemas_scope import scoped
from services.training import api, events_consumed, events_published
from services.training.domain import commitments, courses, enrollments, officials
from services.training.domain.enums import CourseKind, NeedClosure
from services.training.domain.model import Course, OfficialSnapshot, Result
from services.common.projections import apply_in_order, event_time, event_version
from services.training.inputs import not_in_future
from services.training.service_needs import NeedEntrypoints, close_needs
from services.training.service_plans import PlanEntrypoints
from services.training.service_reporting import ReportingEntrypoints
from services.training.store import TrainingStore


class TrainingService(PlanEntrypoints, NeedEntrypoints, ReportingEntrypoints, HealthEntrypoint,
                      ProfileSectionsEntrypoint):
    """Courses, enrollments, results and commitments here; plans and needs in their mixins."""
    name = "training"  # also the `health` RPC the gateway's /ready calls
    store = Storage(TrainingStore)

    # --- courses ----------------------------------------------------------------------------
    @rpc
    def create_course(self, payload):
        command = load_or_invalid(shared(api.CreateCourse), payload)
        return create(self.store.courses,
                      lambda: courses.create_course(from_document(Course, dict(command, id=new_id("crs")))),
                      shared(api.CourseView).dump)

    @rpc
    def get_course(self, course_id):
        return shared(api.CourseView).dump(self.store.courses.get(course_id))

    @rpc
    def list_courses(self, query=None):
        query = load_or_invalid(shared(api.ListCoursesQuery), query or {})
        items, total = self.store.list_courses(**query)
        return {"items": shared(api.CourseView, many=True).dump(items), "total": total}

    @rpc
    def cancel_course(self, course_id, payload):
        command = load_or_invalid(shared(api.CancelCourse), payload)
        return change(self.store.courses, course_id, lambda course: courses.cancel_course(
            course, not_in_future("cancelled_on", command["cancelled_on"]), command["reason"],
            self.store.count_results(course_id)), shared(api.CourseView).dump)

    # --- enrollments and results ----------------------------------------------------------
    @rpc
    def enroll(self, payload):
        command = load_or_invalid(shared(api.Enroll), payload)
        course = self.store.courses.get(command["course_id"])
        official, _ = self.store.find_official(command["official_id"])
        first = (self.store.first_postgraduate_on(command["official_id"])
                 if course.kind == CourseKind.POSTGRADUATE else None)
        enrollment, events = enrollments.enroll(course, command["official_id"], official,
                                                not_in_future("enrolled_on", command["enrolled_on"]),
                                                command["commits_to_serve"], first)
        self.store.add_enrollment(enrollment, events)
        return self._enrollment_view(enrollment)

    @rpc
    def get_enrollment(self, enrollment_id):
        return self._enrollment_view(self.store.enrollments.get(enrollment_id))

    @rpc
    def list_enrollments(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListEnrollmentsQuery)), query or {})
        items, total, following = self.store.list_enrollments(**query)
        return {"items": [self._enrollment_view(e) for e in items], "total": total, "next": following}

    def profile_readers(self, official_id):
        return {"training": lambda: self.list_enrollments({"official_id": official_id}),
                "training_needs": lambda: self.list_needs({"official_id": official_id})}

    @rpc
    def record_result(self, enrollment_id, payload):
        command = load_or_invalid(shared(api.RecordResult), payload)

        def decide(enrollment):
            result = from_document(Result, dict(command, recorded_on=command["recorded_on"] or today()))
            course = self.store.courses.get(enrollment.course_id)
            not_in_future("recorded_on", result.recorded_on)
            return enrollments.record_result(enrollment, course, result)
        return change(self.store.enrollments, enrollment_id, decide, self._enrollment_view)

    @rpc
    def correct_result(self, enrollment_id, payload):
        command = load_or_invalid(shared(api.CorrectResult), payload)

        def decide(enrollment):
            recorded_on = command["recorded_on"] or (enrollment.result.recorded_on if enrollment.result else today())
            result = from_document(Result, dict(command, recorded_on=recorded_on))
            course = self.store.courses.get(enrollment.course_id)
            not_in_future("recorded_on", result.recorded_on)
            return enrollments.correct_result(enrollment, course, result, command["reason"], today())
        return change(self.store.enrollments, enrollment_id, decide, self._enrollment_view)

    @rpc
    def list_commitments(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListCommitmentsQuery)), query or {})
        items, total, following = self.store.list_enrollments(with_commitment=True, **query)
        return {"items": [self._enrollment_view(e) for e in items], "total": total, "next": following}

    def _enrollment_view(self, enrollment):
        if enrollment.commitment is not None:   # SERVING turns FULFILLED with time, not with a write
            commitment = replace(enrollment.commitment, status=commitments.status_on(enrollment.commitment, today()))
            enrollment = replace(enrollment, commitment=commitment)
        return shared(api.EnrollmentView).dump(enrollment)

    # --- projection of personnel's officials ------------------------------------------------
    @reliable_event_handler("personnel", "official_registered")
    def handle_official_registered(self, event):
        self._project_official(event)

    @reliable_event_handler("personnel", "official_updated")
    def handle_official_updated(self, event):
        self._project_official(event)

    @reliable_event_handler("personnel", "official_transferred")
    def handle_official_transferred(self, event):
        """A dated placement: training keeps the unit valid today (`current_unit_id`; a transfer dated in the
        past may be followed by a later one). An official not known yet: their registration brings the unit."""
        data = shared(events_consumed.OfficialTransferredIn).load(event["data"])
        current, version = self.store.find_official(data["official_id"])
        if current is None:
            return
        incoming = replace(current, unit_id=data["current_unit_id"], source_time=event_time(event),
                           source_version=event_version(event))
        self._save_projection(event, current, version, apply_in_order(current, incoming))

    def _project_official(self, event):
        data = shared(events_consumed.OfficialRegisteredIn).load(event["data"])
        incoming = from_document(OfficialSnapshot, dict(data, id=data["official_id"], source_time=event["time"],
                                                         source_version=event_version(event)))
        current, version = self.store.find_official(incoming.id)
        self._save_projection(event, current, version,
                              apply_in_order(current, incoming, officials.keep_training_facts))

    def _save_projection(self, event, current, version, snapshot):
        if snapshot is None:
            return
        self.store.save_official(snapshot, version, applied_event=event["id"])
        if current is not None and current.unit_id != snapshot.unit_id:   # open needs follow the official
            for need, need_version in self.store.open_needs_of(snapshot.id):
                self.store.needs.save(replace(need, unit_id=snapshot.unit_id), need_version, [],
                                     applied_event=event["id"])

    @reliable_event_handler("personnel", "evaluation_recorded")
    def handle_evaluation_recorded(self, event):
        data = shared(events_consumed.EvaluationRecordedIn).load(event["data"])
        current, version = self._known_official(data["official_id"])
        updated = officials.record_evaluation(current, data["year"], data["rating"], event_time(event),
                                              event_version(event))
        if updated is not None:
            self.store.save_official(updated, version, applied_event=event["id"])

    @reliable_event_handler("personnel", "official_separated")
    def handle_official_separated(self, event):
        """The official leaves: no more enrollments, repayments fall due, open needs close."""
        data = shared(events_consumed.OfficialSeparatedIn).load(event["data"])
        current, version = self._known_official(data["official_id"])
        separated_on, reason = data["separated_on"], data["reason"]
        self.store.save_official(officials.separate(current, separated_on, reason, event_time(event),
                                                    event_version(event)), version, applied_event=event["id"])
        for enrollment, enrollment_version in self.store.enrollments_of_official(data["official_id"]):
            updated, events = enrollments.separate(enrollment, separated_on, reason)
            if updated is not None:
                self.store.enrollments.save(updated, enrollment_version, events, applied_event=event["id"])
        close_needs(self.store, data["official_id"], event, NeedClosure.OFFICIAL_SEPARATED, separated_on,
                    lambda need: True)

    def _known_official(self, official_id):
        current, version = self.store.find_official(official_id)
        if current is None:   # not projected yet: raising retries later (then parks it in the DLQ)
            raise NotFound("official {} is not known to training yet".format(official_id))
        return current, version

    # --- our own facts, applied by our own consumers (each write carries its events) -------
    @reliable_event_handler("training", "course_cancelled")
    def handle_course_cancelled(self, event):
        """A cancelled course ends its enrollments without a result; nobody owes anything."""
        data = shared(events_published.CourseCancelled).load(event["data"])
        for enrollment, version in self.store.enrollments_of_course(data["course_id"]):
            updated = enrollments.cancel(enrollment)
            if updated is not None:
                self.store.enrollments.save(updated, version, [], applied_event=event["id"])


