"""Per-client token buckets behind the 429 answers of public and login routes."""
from gateway.ratelimit import TokenBuckets
from tests.helpers import ManualClock


def test_a_client_may_burst_up_to_the_limit_then_waits():
    clock = ManualClock()
    buckets = TokenBuckets(per_minute=3, clock=clock)
    assert [buckets.take("1.2.3.4") for _ in range(3)] == [0, 0, 0]
    assert buckets.take("1.2.3.4") == 20   # one token comes back every 20 s


def test_tokens_come_back_with_time():
    clock = ManualClock()
    buckets = TokenBuckets(per_minute=60, clock=clock)
    for _ in range(60):
        buckets.take("a")
    assert buckets.take("a") >= 1
    clock.now += 1.0
    assert buckets.take("a") == 0


def test_clients_are_limited_separately():
    buckets = TokenBuckets(per_minute=1, clock=ManualClock())
    assert buckets.take("a") == 0 and buckets.take("b") == 0
    assert buckets.take("a") > 0
