"""event_pipeline and catch_up: events applied per second by a service vs a bare nameko handler
doing one insert, both consuming the same number of queued events in the same run."""
import time

import mongomock
from nameko.containers import ServiceContainer
from nameko.events import event_handler
from nameko.standalone.events import event_dispatcher

from bench.harness import fresh_config, record, wait_for
from services.common.mongo import database_for
from services.personnel.service import PersonnelService
from tests.reliability.support import completion_events, publish_all, seed_officials

SINK = mongomock.MongoClient().bench.sink


class BareSink:
    name = "bare_sink"

    @event_handler("bare_source", "done")
    def handle_done(self, payload):
        SINK.insert_one(dict(payload))


def bare_rate(count):
    SINK.delete_many({})
    with fresh_config() as config:
        container = ServiceContainer(BareSink, config)
        container.start()
        container.stop()   # the queue exists; now fill it
        dispatch = event_dispatcher(config)
        for index in range(count):
            dispatch("bare_source", "done", {"n": index})
        container = ServiceContainer(BareSink, config)
        started = time.monotonic()
        container.start()
        wait_for(lambda: SINK.estimated_document_count() >= count, timeout=600)
        elapsed = time.monotonic() - started
        container.stop()
    return count / elapsed


def project_rate(count):
    with fresh_config() as config:
        official_ids = seed_officials(config, count)
        container = ServiceContainer(PersonnelService, config)
        container.start()
        container.stop()
        publish_all(config["AMQP_URI"], "training.events", "training_completed", completion_events(official_ids))
        officials = database_for(config, "personnel")["officials"]
        container = ServiceContainer(PersonnelService, config)
        started = time.monotonic()
        container.start()
        wait_for(lambda: officials.count_documents({"qualifications.0": {"$exists": True}}) >= count,
                 timeout=1200, interval=0.25)
        elapsed = time.monotonic() - started
        container.stop()
    return count / elapsed


def run(count=5000, name="event_pipeline", target=0.7):
    baseline = bare_rate(count)
    value = project_rate(count)
    return record(name, value, baseline, target, "events/s", events=count,
                  note="qualification stored with standards re-evaluated and 1-2 events relayed "
                       "with confirms, vs one insert; embedded store (mongomock scans collections)")
