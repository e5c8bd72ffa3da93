"""Projections of personnel's units and officials: one effect per event id, the newest news wins
(services/common/projections.py), whatever order the events arrive in."""
from datetime import datetime, timedelta

import pytest

from services.common.envelope import new_event
from services.common.errors import Invalid
from tests.unit.feedback.support import OFFICIAL_ID, UNIT_ID, official_registered, submission, unit_created
from tests.unit.personnel_events import official_transferred


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


def _later(event, seconds, **data):
    """Newer news about the same entity (`*_updated`), `seconds` after `event`, with other data."""
    routing_key = "official_updated" if "official" in event["type"] else "unit_updated"
    later = new_event("personnel", routing_key, dict(event["data"], **data), event["subject"])
    later["time"] = (datetime.fromisoformat(event["time"]) + timedelta(seconds=seconds)).isoformat()
    return later


def test_an_older_official_event_retried_after_a_newer_one_does_not_overwrite_it(service, db):
    registered = official_registered("off-4")
    moved = _later(registered, 60, unit_id="unit-9", full_name="Trần Thị Bình (đã chuyển)")
    service.handle_official_registered(registered)
    service.handle_official_updated(moved)
    service.handle_official_registered(registered | {"id": "a-retried-copy"})   # older news, other id

    document = db.officials.find_one({"_id": "off-4"})
    assert document["unit_id"] == "unit-9" and document["full_name"].endswith("(đã chuyển)")


def test_an_older_unit_event_arriving_late_does_not_reopen_a_closed_unit(service, db):
    created = unit_created("unit-5")
    closed = _later(created, 60, valid_to="2025-06-30")
    service.handle_unit_updated(closed)
    service.handle_unit_created(created)           # the creation arrives after the closure
    assert db.units.find_one({"_id": "unit-5"})["valid_to"] == "2025-06-30"


def test_official_transferred_moves_the_known_official_to_the_unit_valid_today(service, db):
    service.handle_official_registered(official_registered())
    service.handle_official_transferred(official_transferred(OFFICIAL_ID, [(UNIT_ID, "2015-03-01", "2024-02-29"),
                                                                           ("unit-2", "2024-03-01", None)]))
    assert db.officials.find_one({"_id": OFFICIAL_ID})["unit_id"] == "unit-2"
