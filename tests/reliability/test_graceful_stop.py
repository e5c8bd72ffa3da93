"""SIGTERM during load: nameko's runner stops its containers gracefully (what `nameko run` does on
SIGTERM): in-flight handlers finish, unhandled messages stay queued, nothing is lost."""
from services.common import dlq
from services.common.mongo import database_for
from services.personnel.service import PersonnelService
from tests.helpers import wait_until
from tests.reliability.support import completion_events, publish_all, qualification_counts, seed_officials

EVENTS = 400


def applied(config):
    return database_for(config, "personnel")["officials"].count_documents({"qualifications.0": {"$exists": True}})


def test_a_graceful_stop_under_load_loses_nothing(config, container_factory):
    official_ids = seed_officials(config, EVENTS)
    declaring = container_factory(PersonnelService, config)
    declaring.start()   # declares the handler's durable queue
    declaring.stop()
    publish_all(config["AMQP_URI"], "training.events", "training_completed", completion_events(official_ids))
    running = container_factory(PersonnelService, config)
    running.start()
    wait_until(lambda: applied(config) >= EVENTS // 10, timeout=60, message="the consumer never got going")

    running.stop()   # graceful: waits for the workers in flight
    stopped_at = applied(config)
    container_factory(PersonnelService, config).start()

    counts = wait_until(lambda: (lambda c: c if all(c) else None)(qualification_counts(config)), timeout=120,
                        message="events lost across the graceful stop")
    assert (counts.count(0), sum(1 for c in counts if c > 1)) == (0, 0)
    assert stopped_at < EVENTS   # the stop really came mid-stream
    assert dlq.list_dead_letters(config["AMQP_URI"], "personnel") == []
