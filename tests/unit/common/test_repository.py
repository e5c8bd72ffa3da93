"""The generic repository (services/common/repository.py) and the command shape (services/common/commands.py)."""
from dataclasses import dataclass, replace

import mongomock
import pytest
from marshmallow import Schema, fields

from services.common import embedded
from services.common.commands import change, create
from services.common.domain_event import DomainEvent
from services.common.errors import ConcurrentUpdate, NotFound
from services.common.repository import Aggregate, Repository
from services.common.store import BaseStore

embedded.install()


class Renamed(Schema):
    name = fields.String(required=True)


@dataclass(frozen=True, kw_only=True)
class ThingRenamed(DomainEvent):
    event_type = "thing_renamed"
    name: str


@dataclass(frozen=True)
class Thing:
    id: str
    name: str


class ThingStore(BaseStore):
    service_name = "things"
    event_schemas = {ThingRenamed: Renamed}
    outbox_collections = ("things",)
    things = Aggregate("things", Thing, "thing")


@pytest.fixture
def store():
    store = ThingStore(mongomock.MongoClient().db)
    store.things.add(Thing("t-1", "a"))
    return store


def rename(name):
    def decide(thing):
        return replace(thing, name=name), [ThingRenamed(subject=thing.id, name=name)]
    return decide


def outbox(store, thing_id):
    return [entry["routing_key"] for entry in store.db["things"].find_one({"_id": thing_id})["_outbox"]]


def test_a_store_declares_an_aggregate_in_one_line_and_gets_one_repository():
    store = ThingStore(mongomock.MongoClient().db)
    assert isinstance(store.things, Repository)
    assert store.things is store.things
    assert isinstance(ThingStore.things, Aggregate)


def test_get_and_get_versioned_read_the_entity(store):
    assert store.things.get("t-1") == Thing("t-1", "a")
    assert store.things.get_versioned("t-1") == (Thing("t-1", "a"), 1)


def test_a_missing_entity_is_not_found_naming_the_label(store):
    with pytest.raises(NotFound, match="thing t-9 not found"):
        store.things.get("t-9")
    with pytest.raises(NotFound, match="thing t-9 not found"):
        store.things.get_versioned("t-9")
    with pytest.raises(NotFound, match="thing t-9 not found"):
        change(store.things, "t-9", rename("b"), vars)


def test_save_writes_the_state_and_its_events_at_the_version_read(store):
    thing, version = store.things.get_versioned("t-1")
    renamed, events = rename("b")(thing)
    assert store.things.save(renamed, version, events) is True
    assert store.things.get_versioned("t-1") == (Thing("t-1", "b"), 2)
    assert outbox(store, "t-1") == ["thing_renamed"]


def test_save_after_the_version_moved_is_a_concurrent_update(store):
    thing, version = store.things.get_versioned("t-1")
    store.things.save(replace(thing, name="first"), version)
    with pytest.raises(ConcurrentUpdate):
        store.things.save(replace(thing, name="second"), version)
    assert store.things.get("t-1").name == "first"


def test_an_event_already_applied_changes_nothing(store):
    thing, version = store.things.get_versioned("t-1")
    assert store.things.save(replace(thing, name="b"), version, applied_event="ev-1") is True
    thing, version = store.things.get_versioned("t-1")
    assert store.things.save(replace(thing, name="c"), version, applied_event="ev-1") is False
    assert store.things.get_versioned("t-1") == (Thing("t-1", "b"), 2)


def test_add_with_an_event_already_applied_changes_nothing(store):
    assert store.things.add(Thing("t-2", "x"), applied_event="ev-2") is True
    assert store.things.add(Thing("t-2", "y"), applied_event="ev-2") is False
    assert store.things.get("t-2").name == "x"


def test_change_loads_decides_saves_and_dumps_the_view(store):
    view = change(store.things, "t-1", rename("b"), lambda thing: {"id": thing.id, "name": thing.name})
    assert view == {"id": "t-1", "name": "b"}
    assert store.things.get_versioned("t-1") == (Thing("t-1", "b"), 2)
    assert outbox(store, "t-1") == ["thing_renamed"]


def test_change_raises_concurrent_update_when_the_version_moved_during_the_decision(store):
    def decide_while_another_writes(thing):
        other, version = store.things.get_versioned("t-1")
        store.things.save(replace(other, name="meanwhile"), version)
        return rename("b")(thing)
    with pytest.raises(ConcurrentUpdate):
        change(store.things, "t-1", decide_while_another_writes, vars)
    assert store.things.get("t-1").name == "meanwhile"
    assert outbox(store, "t-1") == []


def test_a_refused_decision_writes_nothing(store):
    def refuse(thing):
        raise ValueError("no")
    with pytest.raises(ValueError):
        change(store.things, "t-1", refuse, vars)
    assert store.things.get_versioned("t-1") == (Thing("t-1", "a"), 1)


def test_create_inserts_the_entity_with_its_events_and_dumps_the_view(store):
    view = create(store.things, lambda: (Thing("t-3", "c"), [ThingRenamed(subject="t-3", name="c")]),
                  lambda thing: thing.name)
    assert view == "c"
    assert store.things.get_versioned("t-3") == (Thing("t-3", "c"), 1)
    assert outbox(store, "t-3") == ["thing_renamed"]


def test_an_id_that_is_not_a_string_names_no_document(store):
    with pytest.raises(NotFound, match="thing"):
        store.things.get({"$gt": ""})
    with pytest.raises(NotFound, match="thing"):
        store.things.get_versioned({"$gt": ""})


def test_find_versioned_is_none_when_missing_and_saving_at_none_inserts(store):
    assert store.things.find_versioned("t-4") == (None, None)
    store.things.save(Thing("t-4", "d"), None)
    assert store.things.find_versioned("t-4") == (Thing("t-4", "d"), 1)


class LoudThings(Repository):
    """An aggregate with its own insert rule and stored fields (as personnel's officials)."""

    def add(self, thing, events=(), **options):
        if thing.name == "taken":
            raise ValueError("name taken")
        return super().add(thing, events, **options)

    def state(self, thing):
        return dict(super().state(thing), loud=thing.name.upper())


class LoudStore(ThingStore):
    things = Aggregate("things", Thing, "thing", LoudThings)


def test_an_aggregate_names_its_own_repository_class_for_insert_rules_and_stored_fields():
    store = LoudStore(mongomock.MongoClient().db)
    with pytest.raises(ValueError):
        create(store.things, lambda: (Thing("t-5", "taken"), ()), vars)
    create(store.things, lambda: (Thing("t-5", "e"), ()), vars)
    change(store.things, "t-5", lambda thing: (replace(thing, name="f"), ()), vars)
    assert store.db["things"].find_one({"_id": "t-5"})["loud"] == "F"
