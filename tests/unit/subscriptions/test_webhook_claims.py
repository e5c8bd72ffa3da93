"""Webhook deliveries claimed one by one (issue 24): with several subscriptions replicas on one database, a
due delivery is attempted by exactly one of them, an endpoint's lanes cap its attempts across all of them,
and a dead replica's claims are taken over once they expire. Two replicas here are two claimants (or two
services) on one embedded store, with the time given explicitly."""
from datetime import datetime, timedelta, timezone
from unittest.mock import MagicMock

import mongomock
import pytest
from nameko.testing.services import worker_factory

from services.common import embedded
from services.subscriptions.domain import webhooks
from services.subscriptions.domain.webhooks import Endpoint, new_delivery, new_secret
from services.subscriptions.entrypoints import Webhooks
from services.subscriptions.service import SubscriptionsService
from services.subscriptions.store import DELIVERIES, SubscriptionsStore
from tests.unit.subscriptions.test_service_safeguards import SETTINGS, UNIT_CREATED, published, register

embedded.install()
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
AT = 1_800_000_000.0            # epoch seconds of the claims
CLAIM = 60
LANES = Webhooks.PER_ENDPOINT_IN_FLIGHT


@pytest.fixture
def store():
    store = SubscriptionsStore(mongomock.MongoClient().db)
    store.ensure_indexes()
    return store


def endpoint(endpoint_id="end-1"):
    return Endpoint(id=endpoint_id, agency="sotuphap", url="https://stp.example/hook",
                    secrets=(new_secret(T0, bytes(range(32))),), enabled=True, created_at=T0, failing_since=None,
                    disabled_at=None, disabled_reason=None)


def with_deliveries(store, count, endpoint_id="end-1", due=T0):
    store.start_dispatch(endpoint_id, 0)
    store.add_deliveries([new_delivery(endpoint(endpoint_id), "evt-{}".format(n), n, due,
                                       delivery_id="{}:evt-{}".format(endpoint_id, n)) for n in range(count)])


def claim(store, by, at=AT, endpoint_id="end-1"):
    return store.claim_delivery(endpoint_id, T0, by, LANES, at, CLAIM)


def test_a_due_delivery_is_claimed_by_one_replica_only(store):
    with_deliveries(store, 1)
    delivery, mine = claim(store, "replica-a")
    assert (delivery.id, mine.by, mine.lane) == ("end-1:evt-0", "replica-a", 0)
    assert claim(store, "replica-b") is None
    document = store.db[DELIVERIES].find_one({"_id": delivery.id})
    assert (document["claimed_by"], document["claimed_until"]) == ("replica-a", AT + CLAIM)


def test_replicas_claim_different_deliveries_oldest_first(store):
    with_deliveries(store, 3)
    first, _ = claim(store, "replica-a")
    second, _ = claim(store, "replica-b")
    assert (first.id, second.id) == ("end-1:evt-0", "end-1:evt-1")


def test_an_endpoint_has_at_most_two_attempts_in_flight_across_replicas(store):
    with_deliveries(store, 5)
    assert claim(store, "replica-a") and claim(store, "replica-b")
    assert claim(store, "replica-a") is None and claim(store, "replica-c") is None
    assert store.attempts_in_flight("end-1", AT) == LANES
    # The delivery picked while every lane was held was let go again: it is still due for whoever has a lane.
    assert store.db[DELIVERIES].count_documents({"claimed_until": {"$gt": AT}}) == LANES


def test_a_finished_attempt_frees_its_delivery_and_its_lane(store):
    with_deliveries(store, 3)
    _, first = claim(store, "replica-a")
    claim(store, "replica-b")
    store.release_delivery_claim(first)
    assert store.attempts_in_flight("end-1", AT) == 1
    delivery, again = claim(store, "replica-b")
    assert again.lane == first.lane and delivery.id == "end-1:evt-0"     # released, not attempted: due again


def test_a_dead_replicas_claim_is_taken_over_after_it_expires(store):
    with_deliveries(store, 1)
    _, dead = claim(store, "replica-a")
    assert claim(store, "replica-b", at=AT + CLAIM - 1) is None
    delivery, taken = claim(store, "replica-b", at=AT + CLAIM)
    assert delivery.id == dead.delivery_id and taken.lane == dead.lane and taken.token != dead.token


def test_a_replica_whose_claim_was_taken_over_does_not_attempt_and_cannot_free_the_new_claim(store):
    with_deliveries(store, 1)
    _, stale = claim(store, "replica-a")
    _, live = claim(store, "replica-b", at=AT + CLAIM + 5)
    assert store.renew_delivery_claim(stale, AT + CLAIM + 6, CLAIM) is False
    store.release_delivery_claim(stale)
    assert store.renew_delivery_claim(live, AT + CLAIM + 6, CLAIM) is True
    assert store.attempts_in_flight("end-1", AT + CLAIM + 6) == 1


def test_a_claim_renewed_before_its_attempt_lasts_from_then(store):
    with_deliveries(store, 1)
    _, mine = claim(store, "replica-a")
    assert store.renew_delivery_claim(mine, AT + 50, CLAIM)
    assert claim(store, "replica-b", at=AT + CLAIM + 1) is None        # the renewed claim holds until AT + 110


def test_claims_leave_the_deliverys_version_and_state_as_they_were(store):
    with_deliveries(store, 1)
    before = store.deliveries.get_versioned("end-1:evt-0")
    _, mine = claim(store, "replica-a")
    store.release_delivery_claim(mine)
    assert store.deliveries.get_versioned("end-1:evt-0") == before


def test_deliveries_not_due_or_finished_are_not_claimed(store):
    with_deliveries(store, 1, due=T0 + timedelta(minutes=5))
    assert claim(store, "replica-a") is None
    with_deliveries(store, 1, endpoint_id="end-2")
    delivery, mine = claim(store, "replica-a", endpoint_id="end-2")
    attempt = webhooks.Attempt(at=T0, status_code=204, latency_ms=3, error=None)
    store.deliveries.save(webhooks.record_attempt(delivery, attempt, (5,)), store.deliveries.get_versioned(delivery.id)[1])
    store.release_delivery_claim(mine)
    assert claim(store, "replica-a", endpoint_id="end-2") is None


class HeldSender:
    """Webhooks' interface for one replica: attempts are held (in flight) until the test lets them run."""
    PER_ENDPOINT_IN_FLIGHT = LANES
    claim_seconds = CLAIM

    def __init__(self, replica, sent):
        self.replica, self.sent, self.held = replica, sent, []

    def start_attempt(self, delivery, attempt):
        self.held.append((delivery, attempt))
        return True

    def finish(self):
        held, self.held = self.held, []
        for delivery, attempt in held:
            attempt(delivery)

    def deliver(self, url, envelope, secrets, message_id, now):
        self.sent.append((self.replica, message_id))
        return webhooks.Attempt(at=now, status_code=204, latency_ms=1, error=None)


def test_two_dispatching_replicas_attempt_each_delivery_once_two_at_a_time(store):
    broker = MagicMock()
    broker.provision.return_value = ("agency-sotuphap", "pw")
    broker.user_of.side_effect = lambda name: "agency-" + name
    sent = []
    senders = [HeldSender("replica-a", sent), HeldSender("replica-b", sent)]
    services = [worker_factory(SubscriptionsService, store=store, broker=broker, settings=dict(SETTINGS),
                               sender=sender) for sender in senders]
    register(services[0], "sotuphap", [{"event_type": UNIT_CREATED}])
    services[0].add_endpoint("sotuphap", {"url": "https://stp.example/hook"})
    for index in range(7):
        services[0].archive(published("personnel", "unit_created", {"n": index}))

    rounds = 0
    while len(sent) < 7:
        for service in (services if rounds % 2 == 0 else services[::-1]):     # whoever dispatches first
            service.deliver_webhooks()
        assert sum(len(sender.held) for sender in senders) <= LANES       # across both replicas
        for sender in senders:
            sender.finish()
        rounds += 1
        assert rounds < 10
    assert sorted(message_id for _, message_id in sent) == sorted({message_id for _, message_id in sent})
    assert {replica for replica, _ in sent} == {"replica-a", "replica-b"}
    [hook] = store.endpoints_of()
    log = services[1].endpoint_deliveries("sotuphap", hook.id)["items"]
    assert len(log) == 7 and all(item["status"] == "DELIVERED" and len(item["attempts"]) == 1 for item in log)
