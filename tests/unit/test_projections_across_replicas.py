"""Issue 24, end to end without a broker: personnel's real writes, stamped by replicas whose clocks differ,
reach training's, inspection's and feedback's projections through their handlers in either order, and the
newer change wins in every one of them (by the version in `sequence`, not by `time`)."""
from datetime import datetime, timedelta, timezone

import mongomock
import pytest
from nameko.testing.services import worker_factory

from services.common import envelope
from services.feedback.deadline_rules import policy_from_config
from services.feedback.service import FeedbackService
from services.feedback.store import FeedbackStore
from services.inspection.service import InspectionService
from services.inspection.settings import settings_from
from services.inspection.store import InspectionStore
from services.personnel.service import PersonnelService
from services.personnel.store import PersonnelStore
from services.training.service import TrainingService
from services.training.store import TrainingStore
from tests.stored import pending_events
from tests.unit.personnel.conftest import official_payload

ON_TIME = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)


class Replica:
    """Which personnel replica writes next: each stamps events with its own clock (envelope.new_event)."""

    def __init__(self, monkeypatch):
        self.now = ON_TIME
        replica = self

        class Clock(datetime):
            @classmethod
            def now(cls, tz=None):
                return replica.now
        monkeypatch.setattr(envelope, "datetime", Clock)


def consumers():
    """A fresh training, inspection and feedback service each, on its own in-memory store."""
    built = {}
    for name, service_class, store_class, extra in (
            ("training", TrainingService, TrainingStore, {}),
            ("inspection", InspectionService, InspectionStore, {"settings": settings_from({})}),
            ("feedback", FeedbackService, FeedbackStore, {"policy": policy_from_config({})})):
        db = mongomock.MongoClient().db
        store_class(db).ensure_indexes()
        built[name] = (worker_factory(service_class, store=store_class(db), **extra), db)
    return built


class Personnel:
    """personnel's service on its own store, and the replica (clock) that makes its next writes."""

    def __init__(self, monkeypatch):
        self.db = mongomock.MongoClient().personnel
        PersonnelStore(self.db).ensure_indexes()
        self.service = worker_factory(PersonnelService, store=PersonnelStore(self.db))
        self.replica = Replica(monkeypatch)
        self.unit = self.service.create_unit({"code": "SNV", "name": "Sở Nội vụ", "unit_type": "SO",
                                              "level": "PROVINCE", "valid_from": "2017-01-01"})
        self.position = self.position_in(self.unit)

    def position_in(self, unit):
        return self.service.create_position({"unit_id": unit["id"], "title": "Chuyên viên", "rank": "01.003",
                                             "group": "PROFESSIONAL", "requirements": []})

    def events(self, *official_ids):
        """{routing key: the envelope} of what personnel wrote about its first unit and these officials."""
        return {entry["routing_key"]: entry["envelope"]
                for collection, doc_id in [("units", self.unit["id"])] + [("officials", i) for i in official_ids]
                for entry in pending_events(self.db, collection, doc_id)}


@pytest.fixture
def personnel(monkeypatch):
    return Personnel(monkeypatch)


@pytest.fixture
def personnel_writes(personnel):
    """A unit and an official registered by one replica, then renamed by another whose clock is five
    minutes behind: {routing key: the envelope personnel wrote}, and the ids."""
    official = personnel.service.register_official(official_payload(personnel.unit, personnel.position))
    personnel.replica.now = ON_TIME - timedelta(minutes=5)          # the other replica, its clock behind
    personnel.service.update_official(official["id"], {"full_name": "Lê Văn Tám (đổi tên)"})
    personnel.service.update_unit(personnel.unit["id"], {"name": "Sở Nội vụ tỉnh Cà Mau"})
    return personnel.events(official["id"]), personnel.unit["id"], official["id"]


def deliver(service, events, routing_keys):
    for routing_key in routing_keys:
        getattr(service, "handle_" + routing_key)(events[routing_key])


IN_PUBLISHING_ORDER = ["unit_created", "official_registered", "unit_updated", "official_updated"]
NEWER_FIRST = ["unit_updated", "official_updated", "unit_created", "official_registered"]


def test_the_newer_change_has_the_higher_sequence_though_its_replica_stamped_it_earlier(personnel_writes):
    events, _, _ = personnel_writes
    assert events["official_updated"]["time"] < events["official_registered"]["time"]
    assert events["official_registered"]["sequence"] < events["official_updated"]["sequence"]
    assert events["unit_created"]["sequence"] == "000000000001.0001"
    assert events["unit_updated"]["sequence"] == "000000000002.0001"


@pytest.mark.parametrize("order", [IN_PUBLISHING_ORDER, NEWER_FIRST], ids=["in publishing order", "newer first"])
@pytest.mark.parametrize("consumer", ["training", "inspection", "feedback"])
def test_every_projection_keeps_the_newer_change_whatever_the_clocks_and_the_order(personnel_writes, consumer,
                                                                                    order):
    events, unit_id, official_id = personnel_writes
    service, db = consumers()[consumer]
    deliver(service, events, order)
    assert db.officials.find_one({"_id": official_id})["full_name"] == "Lê Văn Tám (đổi tên)"
    assert db.units.find_one({"_id": unit_id})["name"] == "Sở Nội vụ tỉnh Cà Mau"
    assert db.officials.find_one({"_id": official_id})["source_version"] == 2


@pytest.mark.parametrize("consumer", ["training", "inspection", "feedback"])
def test_events_published_before_they_carried_a_sequence_still_order_by_time(personnel_writes, consumer):
    events, unit_id, official_id = personnel_writes
    # As a replica of before the change wrote them (no `sequence`), with clocks that agreed.
    legacy = {key: {k: v for k, v in event.items() if k != "sequence"} for key, event in events.items()}
    for key in ("unit_updated", "official_updated"):
        legacy[key]["time"] = (ON_TIME + timedelta(minutes=5)).isoformat(timespec="milliseconds")
    service, db = consumers()[consumer]
    deliver(service, legacy, NEWER_FIRST)
    assert db.officials.find_one({"_id": official_id})["full_name"] == "Lê Văn Tám (đổi tên)"
    assert db.units.find_one({"_id": unit_id})["name"] == "Sở Nội vụ tỉnh Cà Mau"


DECISION = {"number": "12/QĐ-SNV", "signer": "Giám đốc Sở Nội vụ", "signed_on": "2026-01-05",
            "legal_basis": "Law 80/2025/QH15"}


@pytest.mark.parametrize("order", [["official_registered", "official_updated", "official_transferred"],
                                   ["official_registered", "official_transferred", "official_updated"]],
                         ids=["in publishing order", "the rename arriving last"])
@pytest.mark.parametrize("consumer", ["training", "inspection", "feedback"])
def test_a_transfer_by_the_replica_whose_clock_is_behind_moves_the_official_everywhere(personnel, consumer, order):
    other_unit = personnel.service.create_unit({"code": "STC", "name": "Sở Tài chính", "unit_type": "SO",
                                                "level": "PROVINCE", "valid_from": "2017-01-01"})
    other_position = personnel.position_in(other_unit)
    official = personnel.service.register_official(official_payload(personnel.unit, personnel.position))
    personnel.replica.now = ON_TIME + timedelta(minutes=1)
    personnel.service.update_official(official["id"], {"full_name": "Lê Văn Tám (đổi tên)"})      # version 2
    personnel.replica.now = ON_TIME - timedelta(minutes=5)
    personnel.service.transfer_official(official["id"], {"position_id": other_position["id"],   # version 3
                                                         "effective_from": "2026-01-05", "decision": DECISION})
    events = personnel.events(official["id"])
    assert events["official_transferred"]["time"] < events["official_updated"]["time"]
    service, db = consumers()[consumer]
    deliver(service, events, order)
    projected = db.officials.find_one({"_id": official["id"]})
    # The rename's payload still names the first unit: arriving last, it must not move the official back.
    assert (projected["unit_id"], projected["source_version"]) == (other_unit["id"], 3)


@pytest.mark.parametrize("consumer", ["training", "inspection"])
def test_a_separation_by_the_replica_whose_clock_is_behind_is_not_undone_by_an_older_change(personnel, consumer):
    official = personnel.service.register_official(official_payload(personnel.unit, personnel.position))
    personnel.replica.now = ON_TIME + timedelta(minutes=1)
    personnel.service.update_official(official["id"], {"status": "ON_LEAVE"})                     # version 2
    personnel.replica.now = ON_TIME - timedelta(minutes=5)
    personnel.service.separate_official(official["id"], {"reason": "RETIREMENT", "separated_on": "2026-02-27",
                                                         "decision_ref": "QĐ 9"})                 # version 3
    events = personnel.events(official["id"])
    service, db = consumers()[consumer]
    deliver(service, events, ["official_registered", "official_separated", "official_updated"])
    projected = db.officials.find_one({"_id": official["id"]})
    assert (projected["status"], projected["source_version"]) == ("SEPARATED", 3)
