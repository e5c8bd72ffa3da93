"""BaseStore's one write primitive: state, events and applied ids in one document write."""
from dataclasses import dataclass

import mongomock
import pytest
from marshmallow import Schema, fields

from services.common import embedded
from services.common.domain_event import DomainEvent
from services.common.errors import ConcurrentUpdate, NotFound
from services.common.store import BaseStore

embedded.install()


class Renamed(Schema):
    name = fields.String(required=True)


@dataclass(frozen=True, kw_only=True)
class ThingRenamed(DomainEvent):
    event_type = "thing_renamed"
    name: str


class ThingStore(BaseStore):
    service_name = "things"
    event_schemas = {ThingRenamed: Renamed}
    outbox_collections = ("things",)


@dataclass(frozen=True)
class Thing:
    id: str
    name: str
    size: int
    tags: list


class RecordingDatabase:
    """The database, noting every update_one sent to it."""

    def __init__(self, db):
        self.db, self.updates = db, []

    def __getitem__(self, name):
        collection = self.db[name]
        database = self

        class Recording:
            def __getattr__(self, attribute):
                return getattr(collection, attribute)

            def update_one(self, query, update):
                database.updates.append(update)
                return collection.update_one(query, update)
        return Recording()


@pytest.fixture
def db():
    database = RecordingDatabase(mongomock.MongoClient().db)
    ThingStore(database).commit("things", "t-1", {"name": "a", "size": 1, "tags": ["x"]})
    return database


def test_a_change_after_a_versioned_read_writes_only_the_changed_fields(db):
    store = ThingStore(db)
    thing, version = store.get_versioned("things", Thing, "t-1", "thing")
    store.commit("things", "t-1", store.state_of(Thing("t-1", "b", 1, ["x"])), [ThingRenamed(
        subject="t-1", name="b")], expected_version=version)
    assert db.updates[-1]["$set"] == {"name": "b"}
    stored = db.db.things.find_one({"_id": "t-1"})
    assert (stored["name"], stored["size"], stored["tags"], stored["_version"]) == ("b", 1, ["x"], 2)
    assert [entry["routing_key"] for entry in stored["_outbox"]] == ["thing_renamed"]


def test_a_commit_that_changes_no_field_still_moves_the_version_and_keeps_its_events(db):
    store = ThingStore(db)
    thing, version = store.get_versioned("things", Thing, "t-1", "thing")
    assert store.commit("things", "t-1", store.state_of(thing), applied_event="ev-1", expected_version=version)
    assert "$set" not in db.updates[-1]
    stored = db.db.things.find_one({"_id": "t-1"})
    assert stored["_version"] == 2 and stored["_applied"] == ["ev-1"]


def test_without_a_read_here_the_whole_state_is_written(db):
    ThingStore(db).commit("things", "t-1", {"name": "c", "size": 2, "tags": []}, expected_version=1)
    assert db.updates[-1]["$set"] == {"name": "c", "size": 2, "tags": []}


def test_a_read_that_went_stale_is_refused_and_writes_nothing(db):
    store, other = ThingStore(db), ThingStore(db)
    thing, version = store.get_versioned("things", Thing, "t-1", "thing")
    other.commit("things", "t-1", {"name": "other", "size": 1, "tags": ["x"]}, expected_version=version)
    with pytest.raises(ConcurrentUpdate):
        store.commit("things", "t-1", {"name": "mine", "size": 5, "tags": ["x"]}, expected_version=version)
    assert db.db.things.find_one({"_id": "t-1"})["name"] == "other"


def test_a_missing_document_is_not_found_or_none_when_no_label_is_given(db):
    with pytest.raises(NotFound, match="thing t-9 not found"):
        ThingStore(db).get_versioned("things", Thing, "t-9", "thing")
    assert ThingStore(db).get_versioned("things", Thing, "t-9") == (None, None)


def test_an_event_class_missing_from_the_catalog_is_refused_and_nothing_is_written(db):
    @dataclass(frozen=True, kw_only=True)
    class ThingResized(DomainEvent):
        event_type = "thing_resized"
        size: int

    with pytest.raises(ValueError, match="ThingResized"):
        ThingStore(db).commit("things", "t-2", {"name": "n", "size": 2, "tags": []},
                              [ThingResized(subject="t-2", size=2)])
    assert db.db.things.find_one({"_id": "t-2"}) is None


def test_the_payload_is_the_event_fields_dumped_by_its_schema_and_the_subject_is_apart(db):
    store = ThingStore(db)
    thing, version = store.get_versioned("things", Thing, "t-1", "thing")
    store.commit("things", "t-1", {"name": "z"}, [ThingRenamed(subject="t-1", name="z")], expected_version=version)
    [entry] = db.db.things.find_one({"_id": "t-1"})["_outbox"]
    assert entry["routing_key"] == "thing_renamed"
    assert entry["envelope"]["data"] == {"name": "z"} and entry["envelope"]["subject"] == "t-1"


def _sequences(db, doc_id):
    return [entry["envelope"].get("sequence") for entry in db.db.things.find_one({"_id": doc_id})["_outbox"]]


def test_each_event_carries_the_version_its_write_gives_the_document_and_its_place_in_the_write(db):
    store = ThingStore(db)
    store.commit("things", "t-2", {"name": "a"}, [ThingRenamed(subject="t-2", name="a"),
                                                  ThingRenamed(subject="t-2", name="a")])
    store.commit("things", "t-2", {"name": "b"}, [ThingRenamed(subject="t-2", name="b")], expected_version=1)
    assert _sequences(db, "t-2") == ["000000000001.0001", "000000000001.0002", "000000000002.0001"]
    assert _sequences(db, "t-2") == sorted(_sequences(db, "t-2"))      # strictly ordered as strings


def test_an_event_about_another_entity_than_the_document_written_carries_no_sequence(db):
    # This document's version does not count the other entity's changes (personnel's probation_ended).
    ThingStore(db).commit("things", "t-1", {"name": "d"}, [ThingRenamed(subject="t-9", name="d"),
                                                           ThingRenamed(subject="t-1", name="d")], expected_version=1)
    assert _sequences(db, "t-1") == [None, "000000000002.0001"]


def test_a_write_refused_for_a_stale_version_leaves_no_event_numbered_with_it(db):
    store = ThingStore(db)
    store.commit("things", "t-1", {"name": "e"}, expected_version=1)
    with pytest.raises(ConcurrentUpdate):
        store.commit("things", "t-1", {"name": "f"}, [ThingRenamed(subject="t-1", name="f")], expected_version=1)
    store.commit("things", "t-1", {"name": "f"}, [ThingRenamed(subject="t-1", name="f")], expected_version=2)
    assert _sequences(db, "t-1") == ["000000000003.0001"]
