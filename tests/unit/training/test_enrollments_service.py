"""Enrollments through the service: known active officials, capacity, duplicates, listing."""
import pytest
from nameko.testing.services import worker_factory

from services.common.errors import Conflict, Invalid, NotFound
from services.common.ids import today
from services.training.service import TrainingService
from services.training.store import TrainingStore
from tests.unit.training.builders import course_payload, official_registered, outbox


def test_enrolling_takes_a_seat_and_announces_the_enrollment(service, db, course, officials):
    enrollment = service.enroll({"course_id": course["id"], "official_id": "off-1"})
    assert enrollment["status"] == "ENROLLED" and enrollment["result"] is None
    assert enrollment["enrolled_on"] == today().isoformat()
    assert service.get_course(course["id"])["enrolled_count"] == 1
    [entry] = outbox(db, "enrollments", enrollment["id"])
    assert entry["routing_key"] == "enrollment_created"
    assert entry["envelope"]["data"] == {"enrollment_id": enrollment["id"], "course_id": course["id"],
                                         "official_id": "off-1", "enrolled_on": today().isoformat()}
    assert service.get_enrollment(enrollment["id"]) == enrollment


def test_an_unknown_official_is_refused_on_official_id(service, db, course):
    with pytest.raises(Invalid) as error:
        service.enroll({"course_id": course["id"], "official_id": "off-ghost"})
    assert error.value.fields == {"official_id": ["unknown official off-ghost: not registered by personnel"]}
    assert db.enrollments.count_documents({}) == 0
    assert service.get_course(course["id"])["enrolled_count"] == 0


def test_a_separated_official_cannot_enroll(service, db, course):
    service.handle_official_registered(official_registered("off-9", status="SEPARATED"))
    with pytest.raises(Invalid) as error:
        service.enroll({"course_id": course["id"], "official_id": "off-9"})
    assert error.value.fields == {"official_id": ["official off-9 is SEPARATED; only ACTIVE officials may enroll"]}
    assert db.enrollments.count_documents({}) == 0


def test_an_unknown_course_is_not_found(service, officials):
    with pytest.raises(NotFound):
        service.enroll({"course_id": "crs-missing", "official_id": "off-1"})


def test_bad_enroll_input_is_named_per_field(service):
    with pytest.raises(Invalid) as error:
        service.enroll({"course_id": "", "official_id": {"$ne": None}, "extra": 1})
    assert set(error.value.fields) >= {"course_id", "extra"}


def test_the_same_official_cannot_enroll_twice_in_one_course(service, db, course, enrollment):
    with pytest.raises(Conflict) as error:
        service.enroll({"course_id": course["id"], "official_id": "off-1"})
    assert "already enrolled" in error.value.fields["official_id"][0]
    assert db.enrollments.count_documents({}) == 1
    assert service.get_course(course["id"])["enrolled_count"] == 1


def test_a_racing_duplicate_gives_its_seat_back(db, course, officials):
    # Two workers enroll the same official at once: both pass the duplicate pre-check, then the
    # other worker's insert lands while this one takes its seat. The derived id refuses the insert.
    store = TrainingStore(db)
    worker = worker_factory(TrainingService, store=store)
    take_seat = store._take_seat

    def take_seat_while_the_other_worker_enrolls(course_id):
        store._take_seat = take_seat
        worker_factory(TrainingService, store=TrainingStore(db)).enroll(
            {"course_id": course_id, "official_id": "off-1"})
        return take_seat(course_id)

    store._take_seat = take_seat_while_the_other_worker_enrolls
    with pytest.raises(Conflict, match="already enrolled"):
        worker.enroll({"course_id": course["id"], "official_id": "off-1"})
    assert db.enrollments.count_documents({}) == 1
    assert db.courses.find_one({"_id": course["id"]})["enrolled_count"] == 1


def test_a_full_course_refuses_the_next_official(service, db, course, officials):
    for official_id in ("off-1", "off-2"):
        service.enroll({"course_id": course["id"], "official_id": official_id})
    with pytest.raises(Conflict, match="full"):
        service.enroll({"course_id": course["id"], "official_id": "off-3"})
    assert db.enrollments.count_documents({}) == 2
    assert service.get_course(course["id"])["enrolled_count"] == 2


def test_the_seat_counter_never_overbooks_even_when_the_read_is_stale(service, db, course, officials):
    # Two workers read the course with one free seat left; only one conditional increment wins.
    store = TrainingStore(db)
    service.enroll({"course_id": course["id"], "official_id": "off-1"})
    assert store._take_seat(course["id"]) is True
    assert store._take_seat(course["id"]) is False
    assert db.courses.find_one({"_id": course["id"]})["enrolled_count"] == 2


def test_a_cancelled_course_takes_no_enrollment(service, db, course, officials):
    db.courses.update_one({"_id": course["id"]}, {"$set": {"status": "CANCELLED"}})
    with pytest.raises(Conflict, match="not open"):
        service.enroll({"course_id": course["id"], "official_id": "off-1"})


def test_enrollments_are_listed_with_filters_and_pages(service, course, officials):
    other = service.create_course(course_payload(capacity=5))
    service.enroll({"course_id": course["id"], "official_id": "off-1"})
    service.enroll({"course_id": course["id"], "official_id": "off-2"})
    service.enroll({"course_id": other["id"], "official_id": "off-1"})
    assert service.list_enrollments()["total"] == 3
    by_official = service.list_enrollments({"official_id": "off-1"})
    assert by_official["total"] == 2 and {e["course_id"] for e in by_official["items"]} == {course["id"], other["id"]}
    page = service.list_enrollments({"course_id": course["id"], "limit": 1, "offset": 1})
    assert page["total"] == 2 and len(page["items"]) == 1
    assert service.list_enrollments({"status": "COMPLETED"}) == {"items": [], "total": 0, "next": None}
    with pytest.raises(Invalid) as error:
        service.list_enrollments({"limit": 0, "status": "DONE"})
    assert set(error.value.fields) == {"limit", "status"}


def test_enrollments_page_by_cursor_as_they_page_by_offset(service, officials):
    courses = [service.create_course(course_payload(capacity=10, start_date="2025-09-0{}".format(day)))
               for day in (1, 2)]
    for course in courses:
        for official in officials:
            service.enroll({"course_id": course["id"], "official_id": official})
    everything = service.list_enrollments({"limit": 100})
    walked, page = [], service.list_enrollments({"limit": 2, "total": "false"})
    while True:
        assert page["total"] is None
        walked += page["items"]
        if not page["next"]:
            break
        page = service.list_enrollments({"limit": 2, "after": page["next"], "total": "false"})
    assert [e["id"] for e in walked] == [e["id"] for e in everything["items"]] and len(walked) == 6
