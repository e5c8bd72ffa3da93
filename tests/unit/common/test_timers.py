"""The singleton timer (services/common/timers.py): a tick runs the method only on the replica holding the
lease, a tick that cannot ask (storage away) is skipped, never a crash of the container, and a run that
outlived its lease is reported."""
import logging
from types import SimpleNamespace

from services.common.leases import Lease
from services.common.timers import SingletonTimer


class Keeper:
    def __init__(self, answer, kept=True):
        self.answer, self.asked, self.kept = answer, [], kept

    def still_holds(self, lease):
        return self.kept

    def claim(self, name):
        self.asked.append(name)
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def ticking(answer, kept=True):
    timer = SingletonTimer("SCAN_SECONDS", 60, lease="scan")
    timer.keeper = Keeper(answer, kept)
    spawned = []
    timer.container = SimpleNamespace(config={"SCAN_SECONDS": 5},
                                      spawn_worker=lambda *args, **kwargs: spawned.append(args))
    timer.setup()
    timer.handle_timer_tick()
    return timer, spawned


def test_the_replica_holding_the_lease_runs_the_work_at_its_tick():
    timer, spawned = ticking(Lease("scan", "replica-a", 1, 2e9))
    assert len(spawned) == 1 and timer.keeper.asked == ["scan"] and timer.interval == 5
    assert not timer.worker_complete.ready()        # the worker's end tells the loop


def test_a_replica_without_the_lease_skips_its_tick():
    timer, spawned = ticking(None)
    assert spawned == [] and timer.worker_complete.ready()      # the loop goes on to its next tick


def test_a_tick_that_cannot_ask_for_the_lease_is_skipped():
    timer, spawned = ticking(ConnectionError("storage away"))
    assert spawned == [] and timer.worker_complete.ready()


def test_a_run_that_outlived_its_lease_is_reported_and_the_timer_goes_on(caplog):
    timer, _ = ticking(Lease("scan", "replica-a", 4, 2e9), kept=False)
    timer.method_name = "scan_timer"
    with caplog.at_level(logging.WARNING, logger="services.common.timers"):
        assert timer.handle_result(None, "done", None) == ("done", None)
    assert "ran past its lease scan (fencing 4)" in caplog.text and timer.worker_complete.ready()


def test_a_run_that_kept_its_lease_is_not_reported(caplog):
    timer, _ = ticking(Lease("scan", "replica-a", 1, 2e9))
    timer.method_name = "scan_timer"
    with caplog.at_level(logging.WARNING, logger="services.common.timers"):
        timer.handle_result(None, None, None)
    assert caplog.text == "" and timer.worker_complete.ready()
