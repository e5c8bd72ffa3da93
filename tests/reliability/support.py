"""Shared set-up of the fault tests: many officials written straight to personnel's store."""
from datetime import date

from kombu import Connection, Exchange

from services.common.envelope import new_event
from services.common.mongo import database_for
from services.personnel.domain.enums import Category, OrgLevel, PositionGroup
from services.personnel.domain.model import Official, OrgUnit, Position
from services.personnel.store import PersonnelStore


def seed_officials(config, count):
    store = PersonnelStore(database_for(config, "personnel"))
    store.ensure_indexes()
    store.commit("units", "unit-r", store.state_of(OrgUnit("unit-r", "R", "Sở R", "SO", OrgLevel.PROVINCE,
                                                           date(2017, 1, 1))))
    store.commit("positions", "pos-r", store.state_of(Position("pos-r", "unit-r", "Chuyên viên",
                                                               PositionGroup.PROFESSIONAL, "01.003")))
    ids = ["off-{:05d}".format(i) for i in range(count)]
    for index, official_id in enumerate(ids):
        store.commit("officials", official_id, store.state_of(Official(
            official_id, "Cán bộ {}".format(index), "{:012d}".format(index), date(1985, 1, 1), Category.CONG_CHUC,
            "unit-r", "pos-r", "01.003", date(2010, 1, 1))))
    return ids


def completion_events(official_ids):
    return [new_event("training", "training_completed", {
        "enrollment_id": "enr-" + official_id, "official_id": official_id, "completed_on": "2024-06-30",
        "credential": {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}}, subject="enr-" + official_id)
        for official_id in official_ids]


def publish_all(amqp_uri, exchange_name, routing_key, bodies):
    exchange = Exchange(exchange_name, type="topic", durable=True)
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as connection:
        producer = connection.Producer(serializer="json")
        for body in bodies:
            producer.publish(body, exchange=exchange, routing_key=routing_key, delivery_mode=2, declare=[exchange])


def qualification_counts(config):
    officials = database_for(config, "personnel")["officials"]
    return [len(d["qualifications"]) for d in officials.find({}, {"qualifications": 1})]
