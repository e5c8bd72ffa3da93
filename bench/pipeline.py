"""event_pipeline and catch_up: training_completed -> qualification stored, vs a bare nameko
dispatcher -> handler doing one insert, in the same run.

- event_pipeline: live. The clock starts with the first publish and stops when the last event is
  applied: the project's events leave training's outbox through the relay (batches, one confirm wait
  each) and personnel applies them; the bare events leave nameko's event dispatcher (a confirm per
  message) and the bare handler inserts them.
- catch_up: the same events already queued; the clock runs while the consumer drains the queue.
"""
import time
from datetime import date

import mongomock
from nameko.containers import ServiceContainer
from nameko.events import event_handler
from nameko.standalone.events import event_dispatcher, get_event_exchange

from bench.harness import compare, fresh_config, record, wait_for
from services.common import metrics
from services.common.confirms import ConfirmedBatchPublisher
from services.common.mongo import database_for
from services.common.outbox import OutboxRelay
from services.personnel.service import PersonnelService
from services.training.domain.enums import CredentialKind
from services.training.domain.events import TrainingCompleted
from services.training.domain.model import Credential
from services.training.store import TrainingStore
from tests.reliability.support import seed_officials

SINK = mongomock.MongoClient().bench.sink


class BareSink:
    name = "bare_sink"

    @event_handler("bare_source", "done")
    def handle_done(self, payload):
        SINK.insert_one(dict(payload))


def bare_rate(count, live):
    SINK.delete_many({})
    with fresh_config() as config:
        dispatch = event_dispatcher(config)
        if live:
            container = _started(BareSink, config)
            started = time.monotonic()
            for index in range(count):
                dispatch("bare_source", "done", {"n": index})
        else:
            _started(BareSink, config).stop()   # the queue exists; fill it, then consume
            for index in range(count):
                dispatch("bare_source", "done", {"n": index})
            started = time.monotonic()
            container = _started(BareSink, config)
        wait_for(lambda: SINK.estimated_document_count() >= count, timeout=600)
        elapsed = time.monotonic() - started
        container.stop()
    return count / elapsed


def project_rate(count, live):
    with fresh_config() as config:
        official_ids = seed_officials(config, count)
        relay, refs = _training_outbox(config, official_ids)
        applied = _applied_counter()
        if live:
            container = _started(PersonnelService, config)
            started = time.monotonic()
            relay.publish_documents(refs)
        else:
            _started(PersonnelService, config).stop()
            relay.publish_documents(refs)
            started = time.monotonic()
            container = _started(PersonnelService, config)
        wait_for(lambda: applied() >= count, timeout=1200)
        elapsed = time.monotonic() - started
        container.stop()
    return count / elapsed


def _started(service_cls, config):
    container = ServiceContainer(service_cls, config)
    container.start()
    return container


def _training_outbox(config, official_ids):
    """training_completed events written as the training service writes them: in its outbox."""
    store = TrainingStore(database_for(config, "training"))
    store.ensure_indexes()
    for official_id in official_ids:
        enrollment_id = "enr-" + official_id
        store.commit("enrollments", enrollment_id, {"official_id": official_id}, [TrainingCompleted(
            subject=enrollment_id, enrollment_id=enrollment_id, official_id=official_id, course_id="course-b",
            course_title="Bồi dưỡng quản lý nhà nước ngạch chuyên viên", completed_on=date(2024, 6, 30),
            credential=Credential(CredentialKind.STATE_MANAGEMENT, "CHUYEN_VIEN"), scores=[8.0])])
    exchange = get_event_exchange("training", config)
    relay = OutboxRelay(store.db, ("enrollments",), ConfirmedBatchPublisher(config["AMQP_URI"], exchange),
                        service="training")
    return relay, [("enrollments", "enr-" + official_id) for official_id in official_ids]


def _applied_counter():
    """Events personnel has applied and acknowledged (its own counter: no collection scan while timing)."""
    before = metrics.snapshot("personnel")["consumed"].get("training_completed", 0)
    return lambda: metrics.snapshot("personnel")["consumed"].get("training_completed", 0) - before


def run(count=5000, name="event_pipeline", target=0.7, live=True, rounds=2):
    value, baseline = compare(lambda: project_rate(count, live), lambda: bare_rate(count, live), rounds)
    return record(name, value, baseline, target, "events/s", events=count, rounds=rounds,
                  note="qualification stored, standards re-evaluated, evidence recorded and the resulting events "
                       "relayed with confirms, vs one insert; embedded store")
