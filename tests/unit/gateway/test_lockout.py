"""Failed logins lock a username for the address they came from only, for a while, known or not."""
import mongomock
import pytest

from gateway.lockout import Lockout
from gateway.store import GatewayStore
from tests.helpers import ManualClock


@pytest.fixture
def clock():
    return ManualClock(1_000_000.0)


@pytest.fixture
def lockout(clock):
    return Lockout(GatewayStore(mongomock.MongoClient().gateway), failures=3, seconds=60, clock=clock)


def fail(lockout, times, username="admin", client="10.0.0.1"):
    for _ in range(times):
        lockout.failed(username, client)


def test_the_last_allowed_failure_locks_the_username_for_that_address_for_the_whole_duration(lockout):
    fail(lockout, 2)
    assert lockout.seconds_left("admin", "10.0.0.1") == 0
    fail(lockout, 1)
    assert lockout.seconds_left("admin", "10.0.0.1") == 60


def test_failures_from_one_address_do_not_lock_the_username_for_another(lockout):
    fail(lockout, 3, client="203.0.113.9")
    assert lockout.seconds_left("admin", "203.0.113.9") == 60
    assert lockout.seconds_left("admin", "10.0.0.1") == 0


def test_an_unknown_username_is_locked_exactly_like_a_known_one(lockout):
    fail(lockout, 3, username="nobody")
    assert lockout.seconds_left("nobody", "10.0.0.1") == 60


def test_once_the_lock_has_expired_one_more_failure_does_not_lock_again(lockout, clock):
    fail(lockout, 3)
    clock.now += 61
    assert lockout.seconds_left("admin", "10.0.0.1") == 0
    fail(lockout, 1)
    assert lockout.seconds_left("admin", "10.0.0.1") == 0
    fail(lockout, 2)
    assert lockout.seconds_left("admin", "10.0.0.1") == 60


def test_failures_older_than_the_lock_duration_are_forgotten(lockout, clock):
    fail(lockout, 2)
    clock.now += 61
    fail(lockout, 1)
    assert lockout.seconds_left("admin", "10.0.0.1") == 0


def test_forgetting_a_username_lifts_its_locks_from_every_address(lockout):
    fail(lockout, 3, client="a")
    fail(lockout, 3, client="b")
    fail(lockout, 3, username="other", client="a")
    lockout.forget("admin")
    assert lockout.seconds_left("admin", "a") == lockout.seconds_left("admin", "b") == 0
    assert lockout.seconds_left("other", "a") == 60
