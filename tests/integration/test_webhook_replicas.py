"""Webhook deliveries with TWO subscriptions containers on one shared store (issue 24): every due delivery is
attempted exactly once however both dispatchers tick, an endpoint never has more than two attempts running
across both, and a delivery whose replica was killed mid-attempt is taken over once its claim expires."""
import random
import threading
import time

import pytest

from examples.webhook_receiver import WebhookReceiver
from services.common.envelope import new_event
from services.common.ids import utc_now
from services.common.mongo import database_for
from services.subscriptions.entrypoints import Webhooks
from services.subscriptions.service import SubscriptionsService
from services.subscriptions.store import DELIVERIES, SubscriptionsStore
from tests.e2e.conftest import start_side_by_side
from tests.helpers import wait_until

UNIT_CREATED = "vn.camau.civilservice.personnel.unit_created.v1"


@pytest.fixture
def webhook_config(config):
    """Receivers on this machine over plain HTTP, quick dispatch rounds, both replicas on `config`'s store."""
    return dict(config, WEBHOOK_ALLOW_HTTP=True, WEBHOOK_PRIVATE_NETWORKS=["127.0.0.0/8"],
                WEBHOOK_DISPATCH_SECONDS=0.1, WEBHOOK_RETRY_DELAYS_SECONDS=[0.5, 1, 1])


@pytest.fixture
def agency_users(broker_management, config):
    """Agencies' broker users made during the test, deleted after it."""
    yield
    for user in broker_management.get("users"):
        if user["name"].startswith(config["AGENCY_USER_PREFIX"]):
            broker_management.delete("users", user["name"])


def two_replicas(config, container_factory, one_after_the_other=False):
    """Two replicas, started together, or one after the other (their dispatch rounds then fall at different
    moments, as on two machines, and both take turns at the endpoint's free lanes)."""
    containers = [container_factory(SubscriptionsService, config) for _ in range(2)]
    if one_after_the_other:
        for container in containers:
            container.start()
    else:
        start_side_by_side(containers)
    return containers


def replica_of(container):
    return next(extension.replica for extension in container.dependencies if isinstance(extension, Webhooks))


def endpoint_for(rpc, receiver):
    rpc.subscriptions.register_agency({"name": "sotuphap", "title": "Sở Tư pháp", "contact_email": "stp@camau.gov.vn",
                                       "grants": [{"event_type": UNIT_CREATED}]}, "admin")
    endpoint = rpc.subscriptions.add_endpoint("sotuphap", {"url": receiver.url})
    receiver.use_secret(endpoint["secret"])
    return endpoint


def archive(config, count):
    """Events archived as the archive's handler stores them (one write for the batch)."""
    entries = [SubscriptionsService._archive_entry(new_event("personnel", "unit_created", {"n": n}, "unit-{}".format(n)))
               for n in range(count)]
    SubscriptionsStore(database_for(config, "subscriptions")).archive_many(entries, utc_now().isoformat())
    return [envelope["id"] for envelope, *_ in entries]


def deliveries(config):
    return list(database_for(config, "subscriptions")[DELIVERIES].find({}))


def settled(config, count):
    """Every delivery delivered and no claim held: no attempt can still be running."""
    found = deliveries(config)
    now = time.time()
    return len(found) == count and all(d["status"] == "DELIVERED" and d.get("claimed_until", 0) <= now for d in found)


class SlowReceiver(WebhookReceiver):
    """Answers after a while (a different while each time, as a real receiver does: a fixed one would keep the
    replicas' rounds in step, and one of them would always be first at the freed lanes), and remembers how
    many requests it worked on at once."""

    def __init__(self, fastest, slowest):
        super().__init__(on_event=lambda event: None)
        self.latency = random.Random(24)
        self.fastest, self.slowest, self.busy, self.most_busy = fastest, slowest, 0, 0

    def _receive(self, body, headers):
        with self._changed:
            self.busy += 1
            self.most_busy = max(self.most_busy, self.busy)
        try:
            # The receiver's own slowness, not a wait for a condition.
            time.sleep(self.latency.uniform(self.fastest, self.slowest))
            return super()._receive(body, headers)
        finally:
            with self._changed:
                self.busy -= 1


def test_each_due_delivery_is_attempted_exactly_once_by_two_replicas(webhook_config, container_factory, rpc,
                                                                     agency_users):
    containers = two_replicas(webhook_config, container_factory, one_after_the_other=True)
    with SlowReceiver(0.05, 0.3) as receiver:
        endpoint_for(rpc, receiver)
        ids = archive(webhook_config, 30)
        wait_until(lambda: settled(webhook_config, 30), timeout=30, message="the deliveries were not all made")
        assert receiver.requests_received == 30 and receiver.refused == []
        assert sorted(event["id"] for event in receiver.events) == sorted(ids)
        assert receiver.most_busy <= Webhooks.PER_ENDPOINT_IN_FLIGHT          # across both replicas
    found = deliveries(webhook_config)
    assert all(len(delivery["attempts"]) == 1 for delivery in found)
    attempted_by = {delivery["claimed_by"] for delivery in found}
    assert attempted_by == {replica_of(container) for container in containers}      # both took turns


class HoldingReceiver(WebhookReceiver):
    """Holds its first request unanswered (its sender is killed meanwhile), then accepts as any receiver."""

    def __init__(self):
        super().__init__(on_event=lambda event: None)
        self.arrived, self.release = [], threading.Event()

    def _receive(self, body, headers):
        with self._changed:
            self.arrived.append((time.time(), headers.get("webhook-id")))     # the clock claims expire by
            first = len(self.arrived) == 1
        if first:
            self.release.wait(10)
            return 503, "held"
        return super()._receive(body, headers)


def test_a_delivery_whose_replica_was_killed_mid_attempt_is_taken_over_once_its_claim_expires(
        webhook_config, container_factory, rpc, agency_users, monkeypatch):
    claim_seconds = 4.5         # above the attempt's hard deadline (twice the timeout), as it must be
    config = dict(webhook_config, WEBHOOK_TIMEOUT_SECONDS=2, WEBHOOK_CLAIM_SECONDS=claim_seconds)
    # A killed container's threads still run their `finally` (which releases the claim); a process that dies
    # runs nothing more, so its claims stay until they expire: that is the case to prove.
    dead, release = set(), SubscriptionsStore.release_delivery_claim
    monkeypatch.setattr(SubscriptionsStore, "release_delivery_claim",
                        lambda store, claim: None if claim.by in dead else release(store, claim))
    containers = two_replicas(config, container_factory)
    receiver = HoldingReceiver().start()
    try:
        endpoint_for(rpc, receiver)
        [event_id] = archive(config, 1)
        wait_until(lambda: receiver.arrived, timeout=10, message="no attempt started")
        [delivery] = deliveries(config)
        sender = next(container for container in containers if replica_of(container) == delivery["claimed_by"])
        survivor = next(container for container in containers if container is not sender)
        dead.add(delivery["claimed_by"])
        sender.kill()                      # mid-attempt: nothing recorded, the claim left to expire
        wait_until(lambda: settled(config, 1), timeout=15, message="the delivery was not taken over")
    finally:
        receiver.release.set()
        receiver.stop()
    (first_at, first_id), (second_at, second_id) = receiver.arrived
    assert first_id == second_id == delivery["_id"]            # the same webhook-id: the receiver may dedupe
    # Taken over once the claim expired, not before (the claim runs from the attempt's start, which a slow
    # store or network puts a little before the request reached the receiver), and soon after.
    expired_at = delivery["claimed_until"]
    assert expired_at - 0.2 <= second_at <= expired_at + 5 and second_at - first_at <= claim_seconds + 5
    [delivered] = deliveries(config)
    assert delivered["claimed_by"] == replica_of(survivor) and len(delivered["attempts"]) == 1
    assert [event["id"] for event in receiver.events] == [event_id]
