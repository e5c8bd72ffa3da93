"""Faults of processes: a consumer killed mid-stream, a producer killed between write and publish.

"Nothing lost" = every event's effect is present; "no duplicate" = no effect applied twice.
"""
from services.common import dlq
from services.common.mongo import database_for
from services.personnel.service import PersonnelService
from tests.helpers import wait_until
from tests.reliability.support import completion_events, publish_all, qualification_counts, seed_officials

IN_FLIGHT = 2000


def test_a_consumer_killed_with_2000_events_in_flight_applies_each_exactly_once_after_restart(
        config, container_factory):
    official_ids = seed_officials(config, IN_FLIGHT)
    declaring = container_factory(PersonnelService, config)
    declaring.start()   # declares the handler's durable queue
    declaring.stop()
    publish_all(config["AMQP_URI"], "training.events", "training_completed", completion_events(official_ids))
    first = container_factory(PersonnelService, config)
    first.start()

    wait_until(lambda: applied(config) >= IN_FLIGHT // 10, timeout=60, message="the consumer never got going")
    first.kill()  # like kill -9: workers die mid-flight, unacknowledged messages return to the queue
    applied_before_restart = applied(config)
    container_factory(PersonnelService, config).start()

    counts = wait_until(lambda: _all_applied(config), timeout=120, message="events were lost")
    lost = counts.count(0)
    duplicated = sum(1 for c in counts if c > 1)
    assert (lost, duplicated) == (0, 0)
    assert applied_before_restart < IN_FLIGHT  # the kill really happened mid-stream
    assert dlq.list_dead_letters(config["AMQP_URI"], "personnel") == []


def applied(config):
    return database_for(config, "personnel")["officials"].count_documents({"qualifications.0": {"$exists": True}})


def _all_applied(config):
    counts = qualification_counts(config)
    return counts if all(counts) else None
