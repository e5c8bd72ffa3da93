"""relay: outbox events published per second (confirm per message, then marked sent) vs a bare
kombu publisher with a confirm per message, same broker, same run."""
import time
from datetime import date

from kombu import Connection, Exchange
from nameko.standalone.events import get_event_exchange

from bench.harness import compare, fresh_config, record
from services.common.confirms import ConfirmedBatchPublisher
from services.common.mongo import database_for
from services.common.outbox import OutboxRelay
from services.personnel.domain.events import UnitCreated
from services.personnel.store import PersonnelStore


def bare_rate(config, count, body):
    exchange = Exchange("bare.events", type="topic", durable=True)
    with Connection(config["AMQP_URI"], transport_options={"confirm_publish": True}) as connection:
        producer = connection.Producer(serializer="json")
        producer.declare()
        exchange(connection.default_channel).declare()
        started = time.monotonic()
        for _ in range(count):
            producer.publish(body, exchange=exchange, routing_key="unit_created", delivery_mode=2)
        return count / (time.monotonic() - started)


def project_rate(config, count):
    store = PersonnelStore(database_for(config, "personnel"))
    store.ensure_indexes()
    refs = []
    for index in range(count):
        unit_id = "unit-{:05d}".format(index)
        store.commit("units", unit_id, {"code": unit_id}, [UnitCreated(
            subject=unit_id, unit_id=unit_id, code=unit_id, name="Đơn vị", level="PROVINCE", parent_id=None,
            valid_from=date(2017, 1, 1), valid_to=None, head_official_id=None, unit_type="SO", successor_ids=[])])
        refs.append(("units", unit_id))
    exchange = get_event_exchange("personnel", config)
    relay = OutboxRelay(store.db, ("units",), ConfirmedBatchPublisher(config["AMQP_URI"], exchange),
                        service="personnel")
    started = time.monotonic()
    published = relay.publish_documents(refs)
    assert published == count
    return count / (time.monotonic() - started)


def run(count=5000, target=0.8, rounds=3):
    body = {"specversion": "1.0", "data": {"unit_id": "x"}}

    def in_fresh_vhost_and_store(measure):
        with fresh_config() as config:
            return measure(config)
    value, baseline = compare(lambda: in_fresh_vhost_and_store(lambda c: project_rate(c, count)),
                              lambda: in_fresh_vhost_and_store(lambda c: bare_rate(c, count, body)), rounds)
    return record("relay", value, baseline, target, "events/s", events=count, rounds=rounds)
