"""Training lists filtered by the gateway's `unit_ids`: enrollments by their official's unit today (the
projection of personnel's events, as the gateway checks one enrollment), needs by their own unit."""
from tests.unit.training.builders import course_payload, official_registered, personnel_event


def test_enrollments_are_those_of_officials_now_in_the_scope(service):
    for official_id, unit_id in (("off-1", "unit-a"), ("off-2", "unit-b"), ("off-3", "unit-a")):
        service.handle_official_registered(official_registered(official_id, unit_id=unit_id))
    course = service.create_course(course_payload(capacity=5))
    for official_id in ("off-1", "off-2", "off-3"):
        service.enroll({"course_id": course["id"], "official_id": official_id})

    page = service.list_enrollments({"unit_ids": ["unit-a"], "limit": 1})
    assert page["total"] == 2 and page["items"][0]["official_id"] in ("off-1", "off-3")
    assert service.list_enrollments({"unit_ids": ["unit-a"], "official_id": "off-2"})["total"] == 0
    assert service.list_commitments({"unit_ids": ["unit-b"]})["total"] == 0
    assert service.list_enrollments({})["total"] == 3

    moved = dict(official_registered("off-2", unit_id="unit-a")["data"], changes=["unit_id"])
    service.handle_official_updated(personnel_event("official_updated", "off-2", **moved))
    assert service.list_enrollments({"unit_ids": ["unit-a"]})["total"] == 3     # moved in: their history too


def test_needs_and_their_summary_are_those_of_the_scope(service, db):
    db.needs.insert_many([
        {"_id": "need-{}".format(n), "official_id": "off-{}".format(n), "unit_id": unit_id, "origin": "STANDARDS_GAP",
         "origin_ref": "x", "identified_on": "2025-01-02", "open_key": "k{}".format(n), "status": "OPEN",
         "_version": 1} for n, unit_id in enumerate(("unit-a", "unit-b", "unit-a"))])
    assert service.list_needs({"unit_ids": ["unit-a"], "limit": 1})["total"] == 2
    assert {line["unit_id"] for line in service.needs_summary({"unit_ids": ["unit-b"]})["items"]} == {"unit-b"}
