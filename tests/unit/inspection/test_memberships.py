"""An official is held responsible only for a time they belonged to the inspected unit (docs/domain.md rule 10):
the projection keeps personnel's transfers (official_updated) and separations as dated memberships."""
import pytest
from marshmallow import ValidationError

from services.common.envelope import new_event
from services.common.errors import Invalid
from tests.stored import pending_events
from tests.unit.inspection.builders import finding, official_registered, opening, unit_created, wired_service
from tests.unit.personnel_events import official_transferred


def official_updated(official_id, unit_id, effective_on=None, **extra):
    data = dict({"official_id": official_id, "full_name": "Nguyễn Văn A", "unit_id": unit_id,
                 "position_id": "pos-2", "category": "CONG_CHUC", "rank": "01.003", "status": "ACTIVE",
                 "service_start_date": "2015-03-01", "birth_date": "1985-05-05"}, **extra)
    if effective_on:
        data["effective_on"] = effective_on
    return new_event("personnel", "official_updated", data, official_id)


def official_separated(official_id, unit_id, separated_on):
    return new_event("personnel", "official_separated", {
        "official_id": official_id, "unit_id": unit_id, "separated_on": separated_on, "reason": "RETIREMENT"},
        official_id)


@pytest.fixture
def wired():
    service, db = wired_service()
    for unit_id in ("unit-a", "unit-b"):
        service.handle_unit_created(unit_created(unit_id))
    service.handle_official_registered(official_registered("off-1", "unit-a"))
    return service, db


def blame(service, inspection, violation_date):
    return service.record_finding(inspection["id"], finding(responsible_official_ids=["off-1"],
                                                            violation_date=violation_date))


def test_a_transferred_official_answers_for_the_old_unit_only_up_to_the_transfer(wired):
    service, db = wired
    service.handle_official_updated(official_updated("off-1", "unit-b", effective_on="2025-06-01"))
    assert [(m["unit_id"], m["start"], m["end"]) for m in db.officials.find_one({"_id": "off-1"})["memberships"]] \
        == [("unit-a", None, "2025-05-31"), ("unit-b", "2025-06-01", None)]
    old_unit = service.open_inspection(opening(unit_id="unit-a", decision_date="2025-08-01"))
    assert blame(service, old_unit, "2025-05-31")["responsible_official_ids"] == ["off-1"]
    recorded = pending_events(db, "inspections", old_unit["id"])[-1]["envelope"]["data"]
    assert recorded["violation_date"] == "2025-05-31" and recorded["responsible_official_ids"] == ["off-1"]
    with pytest.raises(Invalid) as error:
        blame(service, old_unit, "2025-06-01")
    assert error.value.fields == {"responsible_official_ids": [
        "official off-1 belonged to unit unit-b on 2025-06-01, not to the inspected unit unit-a"]}
    new_unit = service.open_inspection(opening(unit_id="unit-b", decision_date="2025-08-01"))
    assert blame(service, new_unit, "2025-07-01")["responsible_official_ids"] == ["off-1"]


def test_without_a_violation_date_membership_is_checked_on_the_decision_date(wired):
    service, _ = wired
    service.handle_official_updated(official_updated("off-1", "unit-b", effective_on="2025-06-01"))
    before = service.open_inspection(opening(unit_id="unit-a", decision_date="2025-05-15"))
    assert blame(service, before, None)["responsible_official_ids"] == ["off-1"]
    after = service.open_inspection(opening(unit_id="unit-a", decision_date="2025-08-01"))
    with pytest.raises(Invalid):
        blame(service, after, None)


def test_a_separated_official_belongs_to_no_unit_afterwards(wired):
    service, _ = wired
    service.handle_official_separated(official_separated("off-1", "unit-a", "2025-03-31"))
    inspection = service.open_inspection(opening(unit_id="unit-a", decision_date="2025-08-01"))
    assert blame(service, inspection, "2025-03-31")["id"]
    with pytest.raises(Invalid) as error:
        blame(service, inspection, "2025-04-01")
    assert error.value.fields == {"responsible_official_ids": [
        "official off-1 did not belong to any unit on 2025-04-01"]}


def test_an_update_without_a_date_takes_effect_the_day_it_was_sent(wired):
    service, db = wired
    registered = official_registered("off-2", "unit-a")
    registered["time"] = "2025-01-02T03:00:00.000+00:00"
    service.handle_official_registered(registered)
    event = official_updated("off-2", "unit-b")
    event["time"] = "2025-06-30T18:00:00.000+00:00"     # 1 Jul 2025 01:00 in Cà Mau (UTC+7)
    service.handle_official_updated(event)
    memberships = db.officials.find_one({"_id": "off-2"})["memberships"]
    assert memberships[-1] == {"unit_id": "unit-b", "start": "2025-07-01", "end": None}


def test_an_older_transfer_arriving_after_a_newer_one_changes_nothing(wired):
    service, db = wired
    first, second = official_updated("off-1", "unit-b", "2025-03-01"), official_updated("off-1", "unit-a", "2025-09-01")
    service.handle_official_updated(second)
    before = db.officials.find_one({"_id": "off-1"})
    first["time"] = "2000-01-01T00:00:00.000+00:00"      # sent long before, delivered late (retry, DLQ replay)
    service.handle_official_updated(first)
    after = db.officials.find_one({"_id": "off-1"})
    assert after["memberships"] == before["memberships"] and after["unit_id"] == "unit-a"


def test_news_older_than_a_separation_does_not_bring_the_official_back(wired):
    service, db = wired
    separation = official_separated("off-1", "unit-a", "2025-06-30")
    service.handle_official_separated(separation)
    late = official_updated("off-1", "unit-b", "2025-05-01")
    late["time"] = "2000-01-01T00:00:00.000+00:00"
    service.handle_official_updated(late)
    document = db.officials.find_one({"_id": "off-1"})
    assert document["status"] == "SEPARATED" and document["unit_id"] == "unit-a"


def test_details_change_without_a_transfer_keeps_one_membership_and_redelivery_changes_nothing(wired):
    service, db = wired
    event = official_updated("off-1", "unit-a", effective_on="2025-06-01", full_name="Nguyễn Văn An")
    service.handle_official_updated(event)
    service.handle_official_updated(event)
    document = db.officials.find_one({"_id": "off-1"})
    assert document["full_name"] == "Nguyễn Văn An" and document["_version"] == 2
    assert document["memberships"] == [{"unit_id": "unit-a", "start": None, "end": None}]


def test_an_update_for_an_official_not_yet_projected_starts_their_history(wired):
    service, db = wired
    service.handle_official_updated(official_updated("off-9", "unit-b", effective_on="2025-02-01"))
    assert db.officials.find_one({"_id": "off-9"})["memberships"] == [
        {"unit_id": "unit-b", "start": "2025-02-01", "end": None}]


def test_malformed_personnel_events_are_refused(wired):
    service, _ = wired
    event = official_separated("off-1", "unit-a", "2025-03-31")
    del event["data"]["separated_on"]
    with pytest.raises(ValidationError):
        service.handle_official_separated(event)


def test_official_transferred_rewrites_the_memberships_from_the_dated_periods(wired):
    service, db = wired
    service.handle_official_transferred(official_transferred("off-1", [
        ("unit-a", "2015-03-01", "2024-05-31"), ("unit-b", "2024-06-01", None)]))
    assert [(m["unit_id"], m["start"], m["end"]) for m in db.officials.find_one({"_id": "off-1"})["memberships"]] \
        == [("unit-a", "2015-03-01", "2024-05-31"), ("unit-b", "2024-06-01", None)]
    old_unit = service.open_inspection(opening(unit_id="unit-a", decision_date="2025-08-01"))
    assert blame(service, old_unit, "2024-05-31")["responsible_official_ids"] == ["off-1"]
    with pytest.raises(Invalid):
        blame(service, old_unit, "2024-06-01")
