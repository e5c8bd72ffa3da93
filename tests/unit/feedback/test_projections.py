"""Projections of personnel's units and officials: one effect per event id, latest news wins."""
import pytest

from services.common.envelope import new_event
from services.common.errors import Invalid
from tests.unit.feedback.support import UNIT_ID, official_registered, submission, unit_created


def test_the_same_unit_event_twice_has_one_effect(service, db):
    event = unit_created("unit-2")
    service.handle_unit_created(event)
    service.handle_unit_created(event)
    document = db.units.find_one({"_id": "unit-2"})
    assert document["_version"] == 1 and document["_applied"] == [event["id"]]
    assert document["name"] == "Sở Tư pháp" and document["valid_from"] == "2020-01-01"


def test_the_same_official_event_twice_has_one_effect(service, db):
    event = official_registered("off-2")
    service.handle_official_registered(event)
    service.handle_official_registered(event)
    document = db.officials.find_one({"_id": "off-2"})
    assert document["_version"] == 1 and document["full_name"] == "Trần Thị Bình"
    assert "birth_date" not in document  # only what feedback needs is kept


def test_a_new_event_about_a_known_unit_replaces_its_projection(service, db):
    service.handle_unit_created(unit_created(UNIT_ID, valid_to="2025-06-30"))
    document = db.units.find_one({"_id": UNIT_ID})
    assert document["_version"] == 2 and document["valid_to"] == "2025-06-30"


def test_a_unit_no_longer_in_force_no_longer_receives_feedback(service, db):
    service.handle_unit_created(unit_created(UNIT_ID, valid_to="2021-01-01"))
    with pytest.raises(Invalid) as error:
        service.submit(submission())
    assert set(error.value.fields) == {"target_unit_id"}
    assert db.feedback.count_documents({}) == 0


def test_fields_personnel_adds_later_are_ignored(service, db):
    event = new_event("personnel", "official_registered", {
        "official_id": "off-3", "full_name": "Lê Văn C", "unit_id": UNIT_ID, "new_field": 1}, "off-3")
    service.handle_official_registered(event)
    assert db.officials.find_one({"_id": "off-3"})["unit_id"] == UNIT_ID
