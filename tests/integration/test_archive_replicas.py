"""Two subscriptions replicas archive one stream side by side (issue 24: with a per-process lock around the
cursor counter, replica B could store cursor n+1 before A stored n, and a reader paging by cursor skipped n for
good). A reader paging while they archive misses nothing and sees nothing twice."""
import random

import eventlet
from kombu import Connection, Exchange
from nameko.standalone.rpc import ClusterRpcProxy

from services.common.envelope import new_event
from services.subscriptions.service import SubscriptionsService
from services.subscriptions.store import SubscriptionsStore
from tests.helpers import wait_until

EVENTS = 1500


def _publish(amqp_uri, count):
    exchange = Exchange("personnel.events", type="topic", durable=True)
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as connection:
        producer = connection.Producer(serializer="json")
        for number in range(count):
            event = new_event("personnel", "unit_created", {"n": number}, subject="unit-{}".format(number))
            producer.publish(event, exchange=exchange, routing_key="unit_created", delivery_mode=2)


def test_a_reader_paging_while_two_replicas_archive_sees_every_event_once_in_cursor_order(
        config, container_factory, monkeypatch):
    config = dict(config, EVENT_BATCH_SIZE=20)         # many small batches, so the replicas interleave
    # Each replica takes a while between taking its cursors and writing them (what a network round trip, a
    # pause or a slow disk does), a different while each time: later cursors are often written first.
    pauses, reserve = random.Random(24), SubscriptionsStore._reserve_cursors

    def reserve_then_pause(store, count):
        first = reserve(store, count)
        eventlet.sleep(pauses.random() * 0.02)
        return first
    monkeypatch.setattr(SubscriptionsStore, "_reserve_cursors", reserve_then_pause)
    replicas = [container_factory(SubscriptionsService, config) for _ in range(2)]
    for replica in replicas:
        replica.start()
    publishing = eventlet.spawn(_publish, config["AMQP_URI"], EVENTS)       # read while they archive
    seen, after = [], 0
    with ClusterRpcProxy(config, timeout=30) as rpc:
        def read_on():
            nonlocal after
            page = rpc.subscriptions.list_events({"after": after, "limit": 200})
            seen.extend((item["cursor"], item["event"]["id"]) for item in page["items"])
            after = page["next_after"]
            return len(seen) >= EVENTS
        wait_until(read_on, timeout=60, interval=0.005, message="the reader missed events for good")
        publishing.wait()
        archived = rpc.subscriptions.list_events({"after": 0, "limit": 1000})["head"]
    cursors = [cursor for cursor, _ in seen]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
    assert len({event_id for _, event_id in seen}) == EVENTS == len(seen)
    assert archived == EVENTS
    assert all(replica.service_name == "subscriptions" for replica in replicas)
