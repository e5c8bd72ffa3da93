"""Deliveries that arrive together run in batches, one worker each (issue 23: the per-worker cost of nameko was
paid per event), and each event keeps what it had alone: one application, its own correlation id, and its own
retry and parking when it fails."""
from nameko.containers import ServiceContainer

from services.common import logcontext
from services.common.consumer import reliable_event_handler
from services.common.envelope import new_event
from tests.helpers import drain, publish_raw, wait_until

SEEN = []        # (event id, correlation id in the log context, the worker's service instance)
FAILING = set()  # ids of events whose handling raises


class BatchProbe:
    name = "batch_probe"

    @reliable_event_handler("training", "course_published")
    def handle_course_published(self, event):
        SEEN.append((event["id"], logcontext.correlation_id(), self))
        if event["id"] in FAILING:
            raise ValueError("this one fails")


def _events(count):
    return [new_event("training", "course_published", {"n": number}, subject="course-{}".format(number),
                      correlation_id="trace-{:04d}".format(number)) for number in range(count)]


def _queued_then_started(config, events):
    """The queue exists and holds every event before the service consumes: a backlog, as after an outage."""
    container = ServiceContainer(BatchProbe, config)
    container.start()
    container.stop()
    for event in events:
        publish_raw(config["AMQP_URI"], "training.events", "course_published", event)
    container = ServiceContainer(BatchProbe, config)
    container.start()
    return container


def test_a_backlog_is_worked_off_in_batches_each_event_once_with_its_own_correlation_id(config):
    SEEN.clear()
    FAILING.clear()
    events = _events(120)
    container = _queued_then_started(dict(config, EVENT_BATCH_SIZE=50), events)
    try:
        wait_until(lambda: len(SEEN) >= len(events), timeout=30, message="the backlog was not worked off")
        assert sorted(event_id for event_id, _, _ in SEEN) == sorted(event["id"] for event in events)
        by_id = {event["id"]: event["correlationid"] for event in events}
        assert all(correlation == by_id[event_id] for event_id, correlation, _ in SEEN)
        workers = {id(instance) for _, _, instance in SEEN}
        assert len(workers) < len(events) / 5         # batches, not a worker per event
    finally:
        container.stop()


def test_one_failing_event_of_a_batch_is_retried_and_parked_alone(config):
    SEEN.clear()
    events = _events(30)
    FAILING.clear()
    FAILING.add(events[7]["id"])
    container = _queued_then_started(dict(config, EVENT_BATCH_SIZE=50, EVENT_RETRY_DELAYS_MS=[100, 200]), events)
    try:
        parked = wait_until(lambda: drain(config["AMQP_URI"], "batch_probe.dlq"), timeout=30,
                            message="the failing event was not parked")
        assert [body["id"] for body, _ in parked] == [events[7]["id"]]
        attempts = [event_id for event_id, _, _ in SEEN]
        assert attempts.count(events[7]["id"]) == 3                    # the first try and two retries
        assert all(attempts.count(event["id"]) == 1 for event in events if event["id"] not in FAILING)
    finally:
        container.stop()
