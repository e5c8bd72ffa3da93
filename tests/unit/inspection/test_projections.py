"""Units and officials projected from personnel's events: exactly one effect per event id."""
import pytest
from marshmallow import ValidationError

from tests.unit.inspection.builders import official_registered, opening, unit_created, wired_service


@pytest.fixture
def wired():
    return wired_service()


def test_a_unit_created_event_makes_the_unit_inspectable(wired):
    service, db = wired
    service.handle_unit_created(unit_created("unit-a", head="off-h", extra_field="producers may add fields"))
    document = db.units.find_one({"_id": "unit-a"})
    assert {k: document[k] for k in ("code", "name", "head_official_id", "valid_from", "valid_to")} == {
        "code": "UNIT-A", "name": "Unit unit-a", "head_official_id": "off-h", "valid_from": "2020-01-01",
        "valid_to": None}
    assert service.open_inspection(opening())["unit_id"] == "unit-a"


def test_the_same_unit_event_delivered_twice_has_one_effect(wired):
    service, db = wired
    event = unit_created("unit-a")
    service.handle_unit_created(event)
    service.handle_unit_created(event)
    document = db.units.find_one({"_id": "unit-a"})
    assert document["_version"] == 1 and document["_applied"] == [event["id"]]


def test_a_newer_unit_event_replaces_the_projected_copy_once(wired):
    service, db = wired
    service.handle_unit_created(unit_created("unit-a"))
    newer = unit_created("unit-a", head="off-new", valid_to="2025-06-30")
    service.handle_unit_created(newer)
    service.handle_unit_created(newer)
    document = db.units.find_one({"_id": "unit-a"})
    assert document["_version"] == 2 and document["head_official_id"] == "off-new"
    assert document["valid_to"] == "2025-06-30"


def test_the_same_official_event_delivered_twice_has_one_effect(wired):
    service, db = wired
    event = official_registered("off-1", "unit-a", full_name="Phạm Thị D")
    service.handle_official_registered(event)
    service.handle_official_registered(event)
    document = db.officials.find_one({"_id": "off-1"})
    assert document["_version"] == 1 and document["_applied"] == [event["id"]]
    assert (document["full_name"], document["unit_id"], document["status"]) == ("Phạm Thị D", "unit-a", "ACTIVE")
    assert "birth_date" not in document   # only what inspection needs is kept


def test_an_official_moved_by_a_later_event_belongs_to_the_new_unit(wired):
    service, db = wired
    service.handle_official_registered(official_registered("off-1", "unit-a"))
    service.handle_official_registered(official_registered("off-1", "unit-b"))
    assert db.officials.find_one({"_id": "off-1"})["unit_id"] == "unit-b"


def test_an_event_without_its_required_fields_is_refused_for_the_dead_letter_queue(wired):
    service, db = wired
    event = unit_created("unit-a")
    del event["data"]["valid_from"]
    with pytest.raises(ValidationError):
        service.handle_unit_created(event)
    event = official_registered("off-1", "unit-a")
    del event["data"]["unit_id"]
    with pytest.raises(ValidationError):
        service.handle_official_registered(event)
    assert db.units.count_documents({}) == 0 and db.officials.count_documents({}) == 0


def test_a_unit_updated_event_replaces_the_projected_unit(wired):
    service, db = wired
    service.handle_unit_created(unit_created("unit-a"))
    updated = unit_created("unit-a", valid_to="2025-06-30")
    updated["type"] = "vn.camau.civilservice.personnel.unit_updated.v1"
    service.handle_unit_updated(updated)
    assert db.units.find_one({"_id": "unit-a"})["valid_to"] == "2025-06-30"
