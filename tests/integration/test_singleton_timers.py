"""Work that runs once per deployment (issue 24), with TWO containers of one service class on one shared store
(the same MONGO_URI and MONGO_DB_PREFIX: the embedded store is one per URI per process): a singleton timer's
work runs once per interval across both, on the replica holding the lease; a killed holder's lease is taken
over once it expires, a stopped one's at once. Also two personnel replicas: its overdue scan runs once per
interval and announces each case once."""
import time
import uuid

from nameko.extensions import DependencyProvider

from services.common.leases import LEASES, SUMMARIES_BUILD
from services.common.mongo import database_for
from services.common.timers import singleton_timer
from services.personnel.service import PersonnelService
from services.personnel.store import PersonnelStore
from tests.e2e.conftest import start_side_by_side
from tests.helpers import bind_spy_queue, drain, wait_until
from tests.integration.test_review_overdue import open_a_review_case

TICK, LEASE, RENEW = 0.2, 1.0, 0.3
RUNS = []           # (container, monotonic time) of every run of LeaseProbe.tick


class Replica(DependencyProvider):
    """Which container a worker runs in (its label)."""

    def setup(self):
        self.label = uuid.uuid4().hex

    def get_dependency(self, worker_ctx):
        return self.label


class LeaseProbe:
    name = "lease_probe"
    replica = Replica()

    @singleton_timer("PROBE_TICK_SECONDS", 60, lease="probe-tick")
    def tick(self):
        RUNS.append((self.replica, time.monotonic()))


def label(container):
    return next(dependency.label for dependency in container.dependencies if isinstance(dependency, Replica))


def replicas(config, container_factory, service_cls, count=2):
    containers = [container_factory(service_cls, config) for _ in range(count)]
    start_side_by_side(containers)
    return containers


def leased(config):
    return dict(config, PROBE_TICK_SECONDS=TICK, LEASE_SECONDS=LEASE, LEASE_RENEW_SECONDS=RENEW)


def runs_since(started, replica=None):
    return [at for who, at in RUNS if at >= started and (replica is None or who == replica)]


def test_a_singleton_timers_work_runs_once_per_interval_across_two_replicas(config, container_factory):
    RUNS.clear()
    first, second = replicas(leased(config), container_factory, LeaseProbe)
    started = time.monotonic()
    wait_until(lambda: len(runs_since(started)) >= 10, timeout=10, message="the probe did not tick")
    elapsed = time.monotonic() - started
    runs = runs_since(started)
    # Two timers tick every 0.2 s: without the lease, twice as many runs.
    assert len(runs) <= elapsed / TICK + 1
    assert {who for who, at in RUNS if at >= started} in ({label(first)}, {label(second)})     # all on the holder
    lease = database_for(config, "lease_probe")[LEASES].find_one({"_id": "probe-tick"})
    assert lease["fencing"] == 1


def test_a_killed_replicas_lease_is_taken_over_once_it_expires(config, container_factory):
    RUNS.clear()
    containers = replicas(leased(config), container_factory, LeaseProbe)
    wait_until(lambda: len(RUNS) >= 3, timeout=10, message="the probe did not tick")
    holder = next(container for container in containers if label(container) == RUNS[-1][0])
    survivor = next(container for container in containers if container is not holder)
    holder.kill()                  # dies without releasing: its lease must expire first
    killed_at = time.monotonic()
    wait_until(lambda: runs_since(killed_at, label(survivor)), timeout=LEASE * 5,
               message="the lease was not taken over")
    taken_after = runs_since(killed_at, label(survivor))[0] - killed_at
    assert LEASE - RENEW - TICK <= taken_after <= LEASE + 2 * TICK + 0.5
    assert {who for who, _ in RUNS} == {label(holder), label(survivor)}
    assert runs_since(killed_at, label(holder)) == []
    lease = database_for(config, "lease_probe")[LEASES].find_one({"_id": "probe-tick"})
    assert lease["fencing"] == 2


def test_a_stopped_replica_releases_its_lease_and_the_other_runs_at_its_next_tick(config, container_factory):
    RUNS.clear()
    config = dict(leased(config), LEASE_SECONDS=30, LEASE_RENEW_SECONDS=10)    # expiry would take 30 s
    containers = replicas(config, container_factory, LeaseProbe)
    wait_until(lambda: len(RUNS) >= 2, timeout=10, message="the probe did not tick")
    holder = next(container for container in containers if label(container) == RUNS[-1][0])
    survivor = next(container for container in containers if container is not holder)
    holder.stop()
    stopped_at = time.monotonic()
    wait_until(lambda: runs_since(stopped_at, label(survivor)), timeout=5,
               message="the released lease was not taken")
    assert runs_since(stopped_at, label(survivor))[0] - stopped_at < 2 * TICK + 0.5


def test_two_personnel_replicas_scan_for_overdue_reviews_once_per_interval(config, container_factory, rpc,
                                                                          monkeypatch):
    scans = []
    unflagged = PersonnelStore.unflagged_overdue_reviews

    def counted(store, as_of):
        scans.append(time.monotonic())
        return unflagged(store, as_of)
    monkeypatch.setattr(PersonnelStore, "unflagged_overdue_reviews", counted)
    config = dict(config, REVIEW_OVERDUE_SCAN_SECONDS=TICK, LEASE_SECONDS=LEASE, LEASE_RENEW_SECONDS=RENEW)
    replicas(config, container_factory, PersonnelService)
    spy = bind_spy_queue(config["AMQP_URI"], "personnel.events", "review_overdue", "spy-review-overdue-replicas")
    official, case = open_a_review_case(rpc)

    started = time.monotonic()
    wait_until(lambda: len([at for at in scans if at >= started]) >= 8, timeout=10, message="no scans")
    assert len([at for at in scans if at >= started]) <= (time.monotonic() - started) / TICK + 1
    announced = wait_until(lambda: drain(config["AMQP_URI"], spy), message="no review_overdue")
    assert [body["data"]["review_id"] for body, _ in announced] == [case["id"]]
    # Both replicas started side by side: the summaries were built under the lease, once, and it is free.
    build = database_for(config, "personnel")[LEASES].find_one({"_id": SUMMARIES_BUILD})
    assert build["expires_at"] == 0 and build["fencing"] in (1, 2)
