"""Training storage (the only module here that speaks pymongo)."""
from collections import Counter
from datetime import date, datetime

from pymongo import ASCENDING

from services.common.documents import from_document
from services.common.errors import Conflict
from services.common.repository import Aggregate
from services.common.store import BaseStore
from services.common.summaries import Dimension, Summary
from services.common.unit_scope import with_unit
from services.training.domain.enums import CourseKind, CourseStatus, EnrollmentStatus, NeedStatus
from services.training.domain.model import (Course, Enrollment, OfficialSnapshot, TrainingNeed, TrainingPlan,
                                            UnitSnapshot)
from services.training.events_published import PUBLISHED_EVENTS

OFFICIALS, COURSES, ENROLLMENTS, NEEDS, PLANS = "officials", "courses", "enrollments", "needs", "plans"
UNITS = "units"
STANDARDS_SEEN = "standards_seen"     # per official: the newest standards_status_changed applied (time, version)
MATCHING_COURSES_SCANNED = 500
# Completed turns by year, unit, content area, location and kind (services/common/summaries.py): what plans'
# progress and the annual report count, read per bucket instead of per enrollment.
COMPLETIONS = Summary("completions", ENROLLMENTS, (
    Dimension("year", "completed_on", year_of=True), Dimension("unit_id", "unit_id"),
    Dimension("content_area", "content_area"), Dimension("location", "location"),
    Dimension("course_kind", "course_kind")), where=(("status", EnrollmentStatus.COMPLETED.value),))


class TrainingStore(BaseStore):
    service_name = "training"
    event_schemas = PUBLISHED_EVENTS
    outbox_collections = (COURSES, ENROLLMENTS, NEEDS, PLANS)
    summaries = (COMPLETIONS,)

    # The aggregates: store.courses.get / get_versioned / add / save (services/common/repository.py).
    courses = Aggregate(COURSES, Course, "course")
    enrollments = Aggregate(ENROLLMENTS, Enrollment, "enrollment")
    needs = Aggregate(NEEDS, TrainingNeed, "training need")
    plans = Aggregate(PLANS, TrainingPlan, "training plan")

    def create_indexes(self):
        self.db[OFFICIALS].create_index([("unit_id", ASCENDING)], name="official_unit")
        self.db[COURSES].create_index([("start_date", ASCENDING)], name="course_start")
        self.db[ENROLLMENTS].create_index([("official_id", ASCENDING), ("enrolled_on", ASCENDING)],
                                          name="enrollment_official")
        self.db[ENROLLMENTS].create_index([("course_id", ASCENDING), ("enrolled_on", ASCENDING)],
                                          name="enrollment_course")
        self.db[ENROLLMENTS].create_index([("status", ASCENDING), ("completed_on", ASCENDING)],
                                          name="enrollment_completed")
        self.db[ENROLLMENTS].create_index([("commitment.status", ASCENDING)], name="enrollment_commitment")
        self.db[ENROLLMENTS].create_index([("unit_id", ASCENDING), ("completed_on", ASCENDING)],
                                          name="enrollment_unit_completed")       # recounts of COMPLETIONS
        # The enrollments list's order, alone and after a status (a province's ten years: hundreds of thousands).
        self.db[ENROLLMENTS].create_index([("enrolled_on", ASCENDING), ("_id", ASCENDING)], name="enrollment_order")
        self.db[ENROLLMENTS].create_index([("status", ASCENDING), ("enrolled_on", ASCENDING), ("_id", ASCENDING)],
                                          name="enrollment_status_order")
        # One OPEN need per gap: open_key names the gap while open, the need itself once closed.
        self.db[NEEDS].create_index([("open_key", ASCENDING)], name="need_open_key", unique=True)
        self.db[NEEDS].create_index([("unit_id", ASCENDING), ("status", ASCENDING)], name="need_unit")
        self.db[NEEDS].create_index([("official_id", ASCENDING), ("status", ASCENDING)], name="need_official")
        self.db[NEEDS].create_index([("identified_on", ASCENDING), ("_id", ASCENDING)], name="need_order")
        self.db[NEEDS].create_index([("status", ASCENDING), ("identified_on", ASCENDING), ("_id", ASCENDING)],
                                    name="need_status_order")
        self.db[PLANS].create_index([("from_year", ASCENDING)], name="plan_year")

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

    # --- units projection (fed by personnel's events) --------------------------------------
    def find_unit(self, unit_id):
        document = self.db[UNITS].find_one({"_id": unit_id})
        return (None, None) if document is None else (from_document(UnitSnapshot, document), document["_version"])

    def save_unit(self, unit, version, applied_event):
        return self.commit(UNITS, unit.id, self.state_of(unit), expected_version=version, applied_event=applied_event)

    def official_ids_in(self, unit_ids):
        """Ids of the officials the projection places in `unit_ids` today."""
        return [d["_id"] for d in self.db[OFFICIALS].find({"unit_id": {"$in": list(unit_ids)}}, {"_id": 1})]

    def units_by_id(self, unit_ids):
        return {d["_id"]: from_document(UnitSnapshot, d) for d in self.db[UNITS].find({"_id": {"$in": list(unit_ids)}})}

    # --- courses ----------------------------------------------------------------------------
    def open_courses(self, from_day):
        """OPEN courses with a free seat that have not ended before `from_day` (to propose for needs)."""
        cursor = self.db[COURSES].find({"status": CourseStatus.OPEN.value, "end_date": {"$gte": from_day.isoformat()},
                                        "$expr": {"$lt": ["$enrolled_count", "$capacity"]}})
        cursor = cursor.sort([("start_date", ASCENDING), ("_id", ASCENDING)]).limit(MATCHING_COURSES_SCANNED)
        return [from_document(Course, d) for d in cursor]

    def list_courses(self, offset=0, limit=50, **filters):
        query = {key: value for key, value in filters.items() if value is not None}
        return self.page_of(COURSES, Course, query, [("start_date", ASCENDING), ("_id", ASCENDING)], offset, limit)

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
            self.enrollments.add(enrollment, events, duplicate_error=duplicate)
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

    def list_enrollments(self, offset=0, limit=50, repayment_due=None, with_commitment=False, unit_ids=None,
                         official_id=None, after=None, total=True, **filters):
        """`unit_ids`: enrollments of the officials now in those units (the projection), as the gateway
        checks a single enrollment by its official's unit."""
        query = {key: value for key, value in filters.items() if value is not None}
        officials_in_scope = self.official_ids_in(unit_ids) if unit_ids is not None else None
        query = with_unit(query, "official_id", [official_id] if official_id else None, officials_in_scope)
        if with_commitment:
            query["commitment"] = {"$ne": None}
        if repayment_due is not None:
            query["commitment.repayment"] = {"$ne": None} if repayment_due else None
        return self.keyset_page(ENROLLMENTS, Enrollment, query, [("enrolled_on", ASCENDING), ("_id", ASCENDING)],
                                after, offset, limit, total)

    def enrollments_of_official(self, official_id):
        """[(enrollment, version)] of one official (a handful: no paging needed)."""
        cursor = self.db[ENROLLMENTS].find({"official_id": official_id}).sort("_id", ASCENDING)
        return [(from_document(Enrollment, d), d["_version"]) for d in cursor]

    def enrollments_of_course(self, course_id):
        cursor = self.db[ENROLLMENTS].find({"course_id": course_id}).sort("_id", ASCENDING)
        return [(from_document(Enrollment, d), d["_version"]) for d in cursor]

    def count_results(self, course_id):
        return self.db[ENROLLMENTS].count_documents({"course_id": course_id, "result": {"$ne": None}})

    def first_postgraduate_on(self, official_id):
        """When the official was first enrolled in postgraduate training (None: never)."""
        document = self.db[ENROLLMENTS].find_one(
            {"official_id": official_id, "course_kind": CourseKind.POSTGRADUATE.value,
             "status": {"$ne": EnrollmentStatus.CANCELLED.value}}, sort=[("enrolled_on", ASCENDING)])
        return None if document is None else from_document(Enrollment, document).enrolled_on

    def completed_turns(self, first, last, location=None, kind=None, today=None):
        """{(year, unit_id, content_area): completions} between two days (both included). Whole years come
        from the COMPLETIONS summary; so does the last year when `last` is today or later (no completion is
        recorded in the future); a part of a year is counted from the enrollments."""
        done, whole = Counter(), []
        for year in range(first.year, last.year + 1):
            start, end = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
            if start == date(year, 1, 1) and (end == date(year, 12, 31) or (today is not None and end >= today)):
                whole.append(year)
            else:
                done.update(self._completions_scanned(start, end, location, kind))
        if whole:
            for counter in self.counters(COMPLETIONS, year=whole, location=location, course_kind=kind):
                if counter["count"]:
                    done[(counter["year"], counter["unit_id"], counter["content_area"])] += counter["count"]
        return done

    def _completions_scanned(self, first, last, location, kind):
        query = {"status": EnrollmentStatus.COMPLETED.value,
                 "completed_on": {"$gte": first.isoformat(), "$lte": last.isoformat()}}
        if location is not None:
            query["location"] = location
        if kind is not None:
            query["course_kind"] = kind
        cursor = self.db[ENROLLMENTS].find(query, {"completed_on": 1, "unit_id": 1, "content_area": 1})
        return Counter((int(d["completed_on"][:4]), d.get("unit_id"), d.get("content_area")) for d in cursor)

    # --- training needs ---------------------------------------------------------------------
    def add_need(self, need, events, applied_event):
        """Insert a need; False (nothing written) when that gap already has an OPEN need."""
        return self.needs.add(need, events, applied_event=applied_event, exists_ok=True)

    def open_needs_of(self, official_id):
        cursor = self.db[NEEDS].find({"official_id": official_id, "status": NeedStatus.OPEN.value}).sort("_id", 1)
        return [(from_document(TrainingNeed, d), d["_version"]) for d in cursor]

    def open_needs_by_unit(self, unit_id=None, unit_ids=None):
        """[(unit_id, official_id, origin)] of every OPEN need (optionally of one unit, within a scope)."""
        query = with_unit({"status": NeedStatus.OPEN.value}, "unit_id", [unit_id] if unit_id else None, unit_ids)
        cursor = self.db[NEEDS].find(query, {"unit_id": 1, "official_id": 1, "origin": 1})
        return [(d.get("unit_id"), d["official_id"], d["origin"]) for d in cursor]

    def standards_seen(self, official_id):
        """(time and personnel's version of the official in the newest standards event applied for the
        official, the document's version), or (None, None, None); the version is None for events without one."""
        document = self.db[STANDARDS_SEEN].find_one({"_id": official_id})
        if document is None:
            return None, None, None
        return datetime.fromisoformat(document["time"]), document.get("source_version"), document["_version"]

    def save_standards_seen(self, official_id, time, source_version, version, applied_event):
        return self.commit(STANDARDS_SEEN, official_id, {"time": time.isoformat(), "source_version": source_version},
                           expected_version=version, applied_event=applied_event)

    def list_needs(self, offset=0, limit=50, unit_id=None, unit_ids=None, after=None, total=True, **filters):
        query = {key: value for key, value in filters.items() if value is not None}
        query = with_unit(query, "unit_id", [unit_id] if unit_id else None, unit_ids)
        return self.keyset_page(NEEDS, TrainingNeed, query, [("identified_on", ASCENDING), ("_id", ASCENDING)],
                                after, offset, limit, total)

    # --- plans --------------------------------------------------------------------------------
    def list_plans(self, offset=0, limit=50, year=None, status=None):
        query = {} if status is None else {"status": status}
        if year is not None:
            query.update({"from_year": {"$lte": year}, "to_year": {"$gte": year}})
        return self.page_of(PLANS, TrainingPlan, query, [("from_year", ASCENDING), ("_id", ASCENDING)],
                            offset, limit)
