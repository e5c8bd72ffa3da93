"""The archive takes a batch of events in one write (issue 23: subscriptions, which archives every event of
the platform, set how long an import's backlog took to drain): consecutive cursors in delivery order, each id
once, and an event the archive refuses fails alone."""
import time
from unittest.mock import patch

import mongomock
import pytest
from nameko.testing.services import worker_factory

from services.common.consumer import EventBatch
from services.common.envelope import new_event
from services.common.errors import Invalid
from services.subscriptions.service import SubscriptionsService
from services.subscriptions.store import ARCHIVE, PENDING_RANGE_SECONDS, SubscriptionsStore


@pytest.fixture
def store():
    store = SubscriptionsStore(mongomock.MongoClient().db)
    store.ensure_indexes()
    return store


def _entry(number, routing_key="unit_created"):
    return (new_event("personnel", routing_key, {"n": number}, subject="unit-{}".format(number)),
            "vn.camau.civilservice.personnel.{}.v1".format(routing_key), "public", None)


def test_a_batch_is_archived_under_consecutive_cursors_in_its_order(store):
    store.archive_many([_entry(0)], "2026-12-08T00:00:00+00:00")
    batch = [_entry(number) for number in range(1, 6)]
    assert store.archive_many(batch, "2026-12-08T00:00:01+00:00") == [2, 3, 4, 5, 6]
    archived = store.archived_after(1, 10)
    assert [event["id"] for _, _, event in archived] == [envelope["id"] for envelope, *_ in batch]
    assert store.archive_head() == 6


def test_ids_already_archived_or_twice_in_a_batch_get_no_second_cursor(store):
    first, second = _entry(1), _entry(2)
    store.archive_many([first], "2026-12-08T00:00:00+00:00")
    assert store.archive_many([first, second, second], "2026-12-08T00:00:01+00:00") == [2]
    assert store.db[ARCHIVE].count_documents({}) == 2 and store.archive_head() == 2


def test_an_id_archived_by_another_instance_meanwhile_leaves_a_gap_never_a_copy(store):
    raced, fresh = _entry(1), _entry(2)
    store.db[ARCHIVE].insert_one({"_id": raced[0]["id"], "cursor": 99, "event": raced[0]})
    with patch.object(store.db[ARCHIVE], "find", return_value=[]):     # the duplicate check saw nothing
        store.archive_many([raced, fresh], "2026-12-08T00:00:00+00:00")
    assert store.db[ARCHIVE].count_documents({"_id": raced[0]["id"]}) == 1
    assert store.archived_event(fresh[0]["id"]) == fresh[0]


def test_an_event_of_another_services_type_fails_alone_and_the_rest_of_its_batch_is_archived(store):
    service = worker_factory(SubscriptionsService, store=store)
    good = [new_event("personnel", "unit_created", {"n": number}, subject="u-{}".format(number)) for number in range(3)]
    forged = dict(good[0], id="forged-1", type="vn.camau.civilservice.training.training_completed.v1")
    batch = EventBatch([(event, _Message()) for event in (good[0], forged, good[1], good[2])])
    outcomes = service.archive(batch)
    assert [outcome is None for outcome in outcomes] == [True, False, True, True]
    assert outcomes[1][0] is Invalid
    assert [event["id"] for _, _, event in store.archived_after(0, 10)] == [event["id"] for event in good]


class _Message:
    headers = {}


def test_a_reader_never_moves_past_cursors_another_replica_is_still_writing(store):
    """Issue 24: replica A takes cursors 1-2, replica B takes 3-4 and writes first; a reader that moved past 4
    would skip 1-2 for good. It stops below A's range until A has written."""
    replica_b = SubscriptionsStore(store.db)
    slow = [_entry(1), _entry(2)]
    first = store._reserve_cursors(len(slow))                  # replica A, between its reservation and its insert
    replica_b.archive_many([_entry(3), _entry(4)], "2026-12-08T00:00:01+00:00")
    assert store.archive_head() == 0 and store.archived_after(0, 10) == []
    store.db[ARCHIVE].insert_many([{"_id": envelope["id"], "cursor": first + offset, "type": kind, "data_class": data,
                                    "addressed_to": None, "archived_at": "2026-12-08T00:00:02+00:00",
                                    "event": envelope} for offset, (envelope, kind, data, _) in enumerate(slow)])
    store._written(first)
    assert [cursor for cursor, _, _ in store.archived_after(0, 10)] == [1, 2, 3, 4] and store.archive_head() == 4


def test_a_range_whose_writer_died_is_passed_once_it_is_abandoned(store):
    store._reserve_cursors(3)                                   # a replica killed before its insert
    store.archive_many([_entry(9)], "2026-12-08T00:00:00+00:00")
    assert store.archive_head() == 0
    later = time.time() + PENDING_RANGE_SECONDS + 1
    assert store.archive_head(now=later) == 4


def test_replicas_taking_cursors_get_disjoint_consecutive_ranges(store):
    replicas = [store, SubscriptionsStore(store.db)]
    firsts = [replicas[turn % 2]._reserve_cursors(5) for turn in range(6)]
    assert firsts == [1, 6, 11, 16, 21, 26]
