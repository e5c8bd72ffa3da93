"""The lease rules (services/common/leases.py) with two replicas on one database and a clock the test moves:
claim, renewal, takeover after expiry with a higher fencing number, and a replica that lost its lease."""
import mongomock
import pytest

from services.common import embedded
from services.common.leases import LEASES, SUMMARIES_BUILD, Leases, ensure_indexes_once, lease_settings
from services.common.store import BaseStore
from services.common.summaries import Dimension, Summary
from tests.helpers import ManualClock

embedded.install()
SECONDS = 30


@pytest.fixture
def clock():
    return ManualClock(1_000_000.0)


@pytest.fixture
def db():
    return mongomock.MongoClient().service


def replicas(db, clock):
    return Leases(db, "replica-a", SECONDS, clock), Leases(db, "replica-b", SECONDS, clock)


def test_a_free_lease_is_claimed_with_the_first_fencing_number(db, clock):
    a, _ = replicas(db, clock)
    lease = a.claim("scan")
    assert (lease.holder, lease.fencing, lease.expires_at) == ("replica-a", 1, clock.now + SECONDS)
    assert a.holds("scan") and a.current("scan") == lease


def test_a_lease_another_replica_holds_is_not_claimed_while_it_lasts(db, clock):
    a, b = replicas(db, clock)
    a.claim("scan")
    clock.now += SECONDS - 1
    assert b.claim("scan") is None and not b.holds("scan")
    assert a.current("scan").holder == "replica-a"


def test_the_holder_renews_its_lease_keeping_its_fencing_number(db, clock):
    a, b = replicas(db, clock)
    first = a.claim("scan")
    clock.now += 20
    renewed = a.claim("scan")
    assert renewed.fencing == first.fencing and renewed.expires_at == clock.now + SECONDS
    clock.now += 20              # past the first expiry, within the renewed one
    assert b.claim("scan") is None


def test_renewing_every_few_seconds_keeps_a_lease_for_as_long_as_the_holder_lives(db, clock):
    a, b = replicas(db, clock)
    a.claim("scan")
    for _ in range(100):
        clock.now += 10
        assert a.renew_all() == []
        assert b.claim("scan") is None
    assert a.current("scan").fencing == 1


def test_an_expired_lease_is_taken_over_with_a_higher_fencing_number(db, clock):
    a, b = replicas(db, clock)
    first = a.claim("scan")
    clock.now += SECONDS          # replica a died: nobody renewed
    taken = b.claim("scan")
    assert taken.holder == "replica-b" and taken.fencing == first.fencing + 1
    assert b.claim("scan").fencing == taken.fencing            # renewed, not taken again


def test_the_fencing_number_increases_on_every_takeover(db, clock):
    a, b = replicas(db, clock)
    numbers = []
    for replica in (a, b, a, b, a):
        numbers.append(replica.claim("scan").fencing)
        clock.now += SECONDS + 1
    assert numbers == [1, 2, 3, 4, 5]


def test_a_replica_that_lost_its_lease_does_not_hold_it_any_more(db, clock):
    a, b = replicas(db, clock)
    old = a.claim("scan")
    clock.now += SECONDS + 5      # a stalled past its expiry; b took over
    b.claim("scan")
    assert not a.holds("scan") and not a.still_holds(old)
    assert a.claim("scan") is None                 # its renewal matches nothing, and the lease is b's
    assert a.renew_all() == [] and b.renew_all() == []
    assert a.current("scan").holder == "replica-b"


def test_a_renewal_finds_out_the_lease_was_taken_over(db, clock):
    a, b = replicas(db, clock)
    a.claim("scan")
    clock.now += SECONDS
    b.claim("scan")
    assert a.renew_all() == ["scan"] and not a.holds("scan")


def test_a_lease_that_expired_unclaimed_is_renewed_by_its_holder_with_the_same_number(db, clock):
    a, _ = replicas(db, clock)
    first = a.claim("scan")
    clock.now += SECONDS * 3      # nobody else asked meanwhile: nobody else held it
    again = a.claim("scan")
    assert again.fencing == first.fencing and again.holder == "replica-a"


def test_a_released_lease_is_taken_at_once_by_another_replica(db, clock):
    a, b = replicas(db, clock)
    a.claim("scan")
    a.release("scan")
    taken = b.claim("scan")
    assert taken.holder == "replica-b" and taken.fencing == 2 and not a.holds("scan")


def test_releasing_a_lease_taken_over_meanwhile_leaves_the_new_holder_in_place(db, clock):
    a, b = replicas(db, clock)
    a.claim("scan")
    clock.now += SECONDS
    b.claim("scan")
    a.release("scan")
    assert b.still_holds(b.claim("scan")) and a.current("scan").expires_at > clock.now


def test_leases_of_different_work_are_independent(db, clock):
    a, b = replicas(db, clock)
    assert a.claim("scan") and b.claim("reconcile")
    assert a.claim("reconcile") is None and b.claim("scan") is None
    assert db[LEASES].count_documents({}) == 2


def test_a_replica_waits_for_the_holder_then_runs_the_work_alone(db, clock):
    a, b = replicas(db, clock)
    a.claim(SUMMARIES_BUILD)               # a builds, then dies without releasing
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        clock.now += seconds

    ran = b.run_alone(SUMMARIES_BUILD, lambda: b.current(SUMMARIES_BUILD), poll_seconds=1, sleep=sleep)
    assert (ran.holder, ran.fencing) == ("replica-b", 2)
    assert sum(waits) == SECONDS                              # exactly until a's lease expired
    assert not b.holds(SUMMARIES_BUILD) and a.claim(SUMMARIES_BUILD).fencing == 3     # released after the work


def test_renewing_at_most_every_half_lease_is_required():
    assert lease_settings({}) == (30, 10)
    assert lease_settings({"LEASE_SECONDS": 2, "LEASE_RENEW_SECONDS": 1}) == (2, 1)
    with pytest.raises(ValueError):
        lease_settings({"LEASE_SECONDS": 10, "LEASE_RENEW_SECONDS": 6})


class Counted(BaseStore):
    service_name = "counted"
    summaries = (Summary("by_unit", "items", (Dimension("unit_id", "unit_id"),)),)


class Plain(BaseStore):
    service_name = "plain"


def test_a_store_with_summaries_builds_them_under_the_lease_and_frees_it(db):
    db.items.insert_many([{"_id": "i1", "unit_id": "u1", "_version": 1}, {"_id": "i2", "unit_id": "u1", "_version": 1}])
    ensure_indexes_once(Counted(db), {}, holder="replica-a")
    assert [counter["count"] for counter in Counted(db).counters(Counted.summaries[0])] == [2]
    lease = db[LEASES].find_one({"_id": SUMMARIES_BUILD})
    assert (lease["holder"], lease["expires_at"]) == ("replica-a", 0)


def test_a_store_without_summaries_needs_no_lease(db):
    ensure_indexes_once(Plain(db), {})
    assert db[LEASES].count_documents({}) == 0
