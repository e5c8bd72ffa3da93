"""Courses through the service entrypoints: validation per field, storage, course_created."""
import pytest

from services.common.errors import Invalid, NotFound
from tests.unit.training.builders import course_payload, outbox


def invalid_fields(service, payload):
    with pytest.raises(Invalid) as error:
        service.create_course(payload)
    return error.value.fields


def test_creating_a_course_stores_it_open_and_announces_it(service, db):
    course = service.create_course(course_payload())
    assert course["status"] == "OPEN" and course["enrolled_count"] == 0
    assert course["credential"] == {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}
    assert service.get_course(course["id"]) == course
    [entry] = outbox(db, "courses", course["id"])
    assert entry["routing_key"] == "course_created"
    assert entry["envelope"]["type"] == "vn.camau.civilservice.training.course_created.v1"
    data = entry["envelope"]["data"]
    assert data["course_id"] == course["id"] and data["start_date"] == "2025-09-01"
    assert data["credential"] == {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}
    assert data["kind"] == "FOSTERING" and data["assessments"] == 2 and data["status"] == "OPEN"


def test_a_course_may_grant_no_credential_and_defaults_to_domestic(service):
    payload = course_payload(credential=None)
    del payload["location"]
    course = service.create_course(payload)
    assert course["credential"] is None and course["location"] == "DOMESTIC"


@pytest.mark.parametrize("field, value", [
    ("kind", "SEMINAR"), ("content_area", "COOKING"), ("location", "MOON"), ("hours", 0),
    ("capacity", 0), ("assessments", -1), ("start_date", "2025-13-01"), ("title", ""), ("hours", "40"),
])
def test_each_bad_field_gets_its_own_message(service, field, value):
    assert list(invalid_fields(service, course_payload(**{field: value}))) == [field]


def test_missing_and_unknown_fields_are_named(service):
    payload = course_payload(teacher="someone")
    del payload["organiser"]
    fields = invalid_fields(service, payload)
    assert set(fields) == {"organiser", "teacher"}


def test_the_period_and_the_credential_level_are_checked(service, db):
    fields = invalid_fields(service, course_payload(end_date="2025-08-01",
                                                    credential={"kind": "EDUCATION", "level": "CU_NHAN"}))
    assert set(fields) == {"end_date", "credential"}
    assert "CU_NHAN is not a level of EDUCATION" in fields["credential"]["level"][0]
    assert db.courses.count_documents({}) == 0       # nothing half-written


def test_an_unknown_credential_kind_is_refused(service):
    fields = invalid_fields(service, course_payload(credential={"kind": "DRIVING", "level": "B2"}))
    assert list(fields["credential"]) == ["kind"]


def test_an_unknown_course_is_not_found(service):
    with pytest.raises(NotFound):
        service.get_course("crs-missing")


def test_courses_are_listed_with_filters_and_pages(service):
    service.create_course(course_payload(start_date="2025-10-01", end_date="2025-10-02"))
    service.create_course(course_payload(kind="DEGREE", content_area="JOB_SPECIFIC",
                                         credential={"kind": "EDUCATION", "level": "DAI_HOC"}))
    page = service.list_courses({"limit": 1})
    assert page["total"] == 2 and len(page["items"]) == 1
    assert page["items"][0]["start_date"] == "2025-09-01"          # earliest first
    assert service.list_courses({"kind": "DEGREE"})["total"] == 1
    assert service.list_courses()["total"] == 2
    with pytest.raises(Invalid):
        service.list_courses({"status": "FINISHED"})


def test_the_service_answers_the_readiness_probe(service):
    from services.common.heartbeat import replica_id
    assert service.health() == {"service": "training", "store": "ok", "outbox_pending": 0, "replica": replica_id()}
