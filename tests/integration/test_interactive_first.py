"""Interactive work first (issue 23): a burst of events cannot take every worker of a process while a request
waits for one. Event handlers hold at most EVENT_HANDLER_WORKERS of `max_workers` at once; the rest serve RPC."""
import eventlet
from nameko.rpc import rpc
from nameko.standalone.rpc import ClusterRpcProxy

from services.common.consumer import event_handler_workers, reliable_event_handler
from services.common.envelope import new_event
from tests.helpers import publish_raw, wait_until

HELD = {"running": 0, "most": 0}
RELEASE = eventlet.event.Event()


class BusyService:
    """Its handler blocks (yielding) until the test releases it, so each event it takes holds a worker."""
    name = "busy_probe"

    @reliable_event_handler("training", "slow_work_done")
    def handle_slow_work_done(self, event):
        HELD["running"] += 1
        HELD["most"] = max(HELD["most"], HELD["running"])
        try:
            RELEASE.wait()
        finally:
            HELD["running"] -= 1

    @rpc
    def ping(self):
        return "pong"


def test_a_request_is_answered_while_a_burst_of_events_holds_every_handler_slot(config, container_factory):
    global RELEASE
    RELEASE = eventlet.event.Event()
    HELD.update(running=0, most=0)
    config = dict(config, max_workers=4, EVENT_HANDLER_WORKERS=2, EVENT_BATCH_SIZE=1)   # a worker per event
    container = container_factory(BusyService, config)
    container.start()
    for number in range(10):
        publish_raw(config["AMQP_URI"], "training.events", "slow_work_done",
                    new_event("training", "slow_work_done", {"n": number}, subject="work-{}".format(number)))
    wait_until(lambda: HELD["running"] == 2, timeout=10, message="the handlers never took their two slots")
    with ClusterRpcProxy(config, timeout=5) as proxy:
        assert proxy.busy_probe.ping() == "pong"       # 4 workers, 10 events waiting: two are still free
    assert HELD["most"] == 2
    RELEASE.send(True)
    wait_until(lambda: container._worker_threads == {} and HELD["running"] == 0, timeout=20,
               message="the burst was not worked off")
    assert HELD["most"] == 2


def test_event_handlers_get_half_the_workers_unless_told_otherwise():
    assert event_handler_workers({}, 10) == 5
    assert event_handler_workers({"EVENT_HANDLER_WORKERS": None}, 1) == 1
    assert event_handler_workers({"EVENT_HANDLER_WORKERS": 3}, 10) == 3
    assert event_handler_workers({"EVENT_HANDLER_WORKERS": 50}, 10) == 10     # never more than the process has
