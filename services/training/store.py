"""Training storage (the only module here that speaks pymongo)."""
from pymongo import ASCENDING

from services.common.documents import from_document
from services.common.errors import Conflict, NotFound
from services.common.store import BaseStore
from services.training.domain.enums import CourseStatus
from services.training.domain.model import Course, Enrollment, OfficialSnapshot
from services.training.schemas import PUBLISHED_EVENTS

OFFICIALS, COURSES, ENROLLMENTS = "officials", "courses", "enrollments"



class TrainingStore(BaseStore):
    service_name = "training"
    event_schemas = PUBLISHED_EVENTS
    outbox_collections = (COURSES, ENROLLMENTS)

    def create_indexes(self):
        self.db[OFFICIALS].create_index([("unit_id", ASCENDING)], name="official_unit")
        self.db[COURSES].create_index([("start_date", ASCENDING)], name="course_start")
        self.db[ENROLLMENTS].create_index([("official_id", ASCENDING), ("enrolled_on", ASCENDING)],
                                          name="enrollment_official")
        self.db[ENROLLMENTS].create_index([("course_id", ASCENDING), ("enrolled_on", ASCENDING)],
                                          name="enrollment_course")

    # --- officials projection (fed by personnel's events) ---------------------------------
    def find_official(self, official_id):
        """(snapshot, version), or (None, None) when personnel never announced this official."""
        document = self.db[OFFICIALS].find_one({"_id": official_id})
        if document is None:
            return None, None
        return from_document(OfficialSnapshot, document), document["_version"]

    def save_official(self, snapshot, version, applied_event):
        """Insert (version None) or update the snapshot; the same event applied twice is a no-op."""
        return self.commit(OFFICIALS, snapshot.id, self.state_of(snapshot), expected_version=version,
                           applied_event=applied_event)

    # --- courses ----------------------------------------------------------------------------
    def add_course(self, course, events):
        self.commit(COURSES, course.id, self.state_of(course), events)

    def get_course(self, course_id):
        return self.get_entity(COURSES, Course, course_id, "course")

    def list_courses(self, offset=0, limit=50, **filters):
        query = {key: value for key, value in filters.items() if value is not None}
        cursor = self.db[COURSES].find(query).sort([("start_date", ASCENDING), ("_id", ASCENDING)])
        items = [from_document(Course, d) for d in self.page(cursor, offset, limit)]
        return items, self.db[COURSES].count_documents(query)

    # --- enrollments ------------------------------------------------------------------------
    def add_enrollment(self, enrollment, events):
        """Take a seat atomically, then insert the enrollment with its events.

        The seat is a conditional increment on the course (never beyond capacity, only while
        OPEN), so concurrent enrollments cannot overbook. Enrollment ids are derived from
        (course, official), so a concurrent duplicate fails on insert and gives its seat back.
        A crash (or a storage error) between the two writes leaks one seat (the course under-fills by one; it is
        never overbooked); enrolled_count can be recounted from the enrollments if needed.
        """
        duplicate = Conflict("the official is already enrolled in this course", fields={"official_id": [
            "official {} is already enrolled in course {}".format(enrollment.official_id, enrollment.course_id)]})
        if self.db[ENROLLMENTS].count_documents({"_id": enrollment.id}, limit=1):
            raise duplicate
        if not self._take_seat(enrollment.course_id):
            raise Conflict("the course is full or no longer open", fields={"course_id": [
                "course {} has no free seat left".format(enrollment.course_id)]})
        try:
            self.commit(ENROLLMENTS, enrollment.id, self.state_of(enrollment), events, duplicate_error=duplicate)
        except Conflict:
            # Only a refused insert gives the seat back; after any other error the insert may
            # have happened, and keeping the seat errs on the safe side (no overbooking).
            self._give_seat_back(enrollment.course_id)
            raise

    def _take_seat(self, course_id):
        # Outside commit() on purpose: a counter with a condition, no events. _version moves too,
        # so a concurrent versioned commit of the course cannot overwrite the count.
        result = self.db[COURSES].update_one(
            {"_id": course_id, "status": CourseStatus.OPEN.value,
             "$expr": {"$lt": ["$enrolled_count", "$capacity"]}},
            {"$inc": {"enrolled_count": 1, "_version": 1}})
        return result.modified_count == 1

    def _give_seat_back(self, course_id):
        self.db[COURSES].update_one({"_id": course_id, "enrolled_count": {"$gt": 0}},
                                    {"$inc": {"enrolled_count": -1, "_version": 1}})

    def get_enrollment(self, enrollment_id):
        return self.get_entity(ENROLLMENTS, Enrollment, enrollment_id, "enrollment")

    def get_enrollment_versioned(self, enrollment_id):
        document = self.db[ENROLLMENTS].find_one({"_id": enrollment_id})
        if document is None:
            raise NotFound("enrollment {} not found".format(enrollment_id))
        return from_document(Enrollment, document), document["_version"]

    def save_enrollment(self, enrollment, version, events):
        return self.commit(ENROLLMENTS, enrollment.id, self.state_of(enrollment), events, expected_version=version)

    def list_enrollments(self, offset=0, limit=50, **filters):
        query = {key: value for key, value in filters.items() if value is not None}
        cursor = self.db[ENROLLMENTS].find(query).sort([("enrolled_on", ASCENDING), ("_id", ASCENDING)])
        items = [from_document(Enrollment, d) for d in self.page(cursor, offset, limit)]
        return items, self.db[ENROLLMENTS].count_documents(query)

