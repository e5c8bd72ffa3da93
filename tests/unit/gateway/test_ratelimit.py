"""Per-client token buckets behind the 429 answers of public and login routes, shared by every gateway replica
(issue 24: kept in each replica's memory, N replicas let a client through N times as often)."""
import time

import mongomock

from gateway.ratelimit import SharedTokenBuckets
from gateway.store import GatewayStore
from tests.helpers import ManualClock



def now():
    """The wall clock, read per test: the store drops what its TTL index says expired, by real time."""
    return time.time()


def _store():
    store = GatewayStore(mongomock.MongoClient().gateway)
    store.ensure_indexes()
    return store


def test_a_client_may_burst_up_to_the_limit_then_waits():
    buckets = SharedTokenBuckets(_store(), "login", per_minute=3, clock=ManualClock(now()))
    assert [buckets.take("1.2.3.4") for _ in range(3)] == [0, 0, 0]
    assert buckets.take("1.2.3.4") == 20   # one token comes back every 20 s


def test_tokens_come_back_with_time():
    clock = ManualClock(now())
    buckets = SharedTokenBuckets(_store(), "public", per_minute=60, clock=clock)
    for _ in range(60):
        buckets.take("a")
    assert buckets.take("a") >= 1
    clock.now += 1.0
    assert buckets.take("a") == 0


def test_clients_and_limits_are_counted_separately():
    store, clock = _store(), ManualClock(now())
    login, public = (SharedTokenBuckets(store, name, per_minute=1, clock=clock) for name in ("login", "public"))
    assert login.take("a") == 0 and login.take("b") == 0 and public.take("a") == 0
    assert login.take("a") > 0


def test_two_replicas_take_from_one_bucket():
    store, clock = _store(), ManualClock(now())
    replicas = [SharedTokenBuckets(store, "login", per_minute=10, clock=clock) for _ in range(2)]
    answers = [replicas[attempt % 2].take("9.9.9.9") for attempt in range(14)]
    assert answers[:10] == [0] * 10 and all(wait > 0 for wait in answers[10:])


def test_a_bucket_changed_by_another_request_meanwhile_is_read_again_not_overwritten():
    store, clock = _store(), ManualClock(now())
    buckets = SharedTokenBuckets(store, "login", per_minute=2, clock=clock)
    buckets.take("c")                               # one token left
    stale = store.find_bucket("login:c")
    assert store.swap_bucket("login:c", stale, 0.0, clock.now, stale["expires_at"])     # another replica took it
    assert not store.swap_bucket("login:c", stale, 0.0, clock.now, stale["expires_at"])  # a stale view is refused
    assert buckets.take("c") > 0


def test_expired_buckets_are_pruned():
    store, clock = _store(), ManualClock(now() - 3600)         # a bucket last used an hour ago...
    buckets = SharedTokenBuckets(store, "public", per_minute=60, clock=clock)
    buckets.take("old")
    clock.now = now()                                         # ...is full again, and gone
    buckets.take("new")
    assert store.db["rate_buckets"].count_documents({"_id": "public:old"}) == 0
    assert store.find_bucket("public:new") is not None
