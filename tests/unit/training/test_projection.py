"""The officials projection fed by personnel's official_registered (exactly-once effect)."""
from services.training.store import TrainingStore
from tests.unit.training.builders import official_registered
from tests.unit.personnel_events import official_transferred


def test_a_registered_official_is_projected_with_what_training_needs(service, db):
    service.handle_official_registered(official_registered("off-1", some_future_field="ignored"))
    document = db.officials.find_one({"_id": "off-1"})
    assert {k: document[k] for k in ("full_name", "unit_id", "status", "birth_date", "service_start_date")} == {
        "full_name": "Nguyễn Văn An", "unit_id": "unit-1", "status": "ACTIVE",
        "birth_date": "1985-04-12", "service_start_date": "2015-08-01"}
    assert "some_future_field" not in document and "national_id" not in document


def test_the_same_event_twice_has_one_effect(service, db):
    event = official_registered("off-1")
    service.handle_official_registered(event)
    service.handle_official_registered(event)
    document = db.officials.find_one({"_id": "off-1"})
    assert document["_version"] == 1 and document["_applied"] == [event["id"]]
    assert db.officials.count_documents({}) == 1


def test_a_newer_event_updates_the_snapshot_and_an_older_one_does_not(service, db):
    older = dict(official_registered("off-1", full_name="Tên cũ"), time="2025-05-01T08:00:00.000+00:00")
    newer = dict(official_registered("off-1", full_name="Tên mới", status="ON_LEAVE"),
                 time="2025-05-01T15:00:01.000+07:00")     # one second later, in UTC+7
    service.handle_official_registered(newer)
    service.handle_official_registered(older)                 # a late retry of an older event
    snapshot, version = TrainingStore(db).find_official("off-1")
    assert snapshot.full_name == "Tên mới" and snapshot.status == "ON_LEAVE" and version == 1
    service.handle_official_registered(official_registered("off-1", full_name="Tên mới nhất"))
    assert TrainingStore(db).find_official("off-1")[0].full_name == "Tên mới nhất"


def test_an_unknown_status_from_personnel_is_kept_not_refused(service, db):
    service.handle_official_registered(official_registered("off-1", status="SECONDED"))
    assert db.officials.find_one({"_id": "off-1"})["status"] == "SECONDED"


def test_official_transferred_moves_the_snapshot_to_the_unit_valid_today(service, db):
    service.handle_official_registered(official_registered("off-1"))
    service.handle_official_transferred(official_transferred("off-1", [("unit-1", "2015-08-01", "2024-02-29"),
                                                                        ("unit-2", "2024-03-01", None)]))
    assert TrainingStore(db).find_official("off-1")[0].unit_id == "unit-2"
    service.handle_official_transferred(official_transferred("off-unknown", [("unit-2", "2024-03-01", None)]))
    assert TrainingStore(db).find_official("off-unknown")[0] is None   # the registration will bring the unit
