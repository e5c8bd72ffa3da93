"""A load run: 20 concurrent clients for 60 s of mixed reads and writes through the gateway: zero 5xx,
every resulting event processed (outboxes empty, handler queues drained), nothing dead-lettered."""
import itertools
import os
import time

import eventlet
import requests

from services.common import dlq
from services.common.mongo import database_for
from tests.helpers import wait_until

CLIENTS = 20
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
_national_ids = itertools.count(96200000000)


def test_twenty_clients_for_a_minute_get_no_5xx_and_every_event_is_processed(api, system_config, rabbit_manager):
    unit = api.created("/api/v1/units", {"code": "LOAD", "name": "Sở Tải", "unit_type": "SO", "level": "PROVINCE",
                                         "valid_from": "2017-01-01"})
    position = api.created("/api/v1/positions", {"unit_id": unit["id"], "title": "Chuyên viên",
                                                 "group": "PROFESSIONAL", "rank": "01.003"})
    token = api.session.headers["Authorization"]
    deadline = time.monotonic() + SECONDS
    statuses, officials = [], []

    def client(number):
        session = requests.Session()
        session.headers["Authorization"] = token
        base = api.base_url
        for step in itertools.count():
            if time.monotonic() > deadline:
                return
            if step % 4 == 0 or not officials:
                response = session.post(base + "/api/v1/officials", timeout=30, json={
                    "full_name": "Tải {} {}".format(number, step), "national_id": str(next(_national_ids)),
                    "birth_date": "1990-01-01", "category": "VIEN_CHUC", "unit_id": unit["id"],
                    "position_id": position["id"], "rank": "01.003", "service_start_date": "2015-01-01"})
                if response.status_code == 201:
                    officials.append(response.json()["id"])
            elif step % 4 == 1:
                response = session.get(base + "/api/v1/officials/{}/profile".format(officials[-1]), timeout=30)
            elif step % 4 == 2:
                response = session.get(base + "/api/v1/officials/{}".format(officials[step % len(officials)]),
                                       timeout=30)
            else:
                response = session.get(base + "/api/v1/reviews", params={"official_id": officials[0]}, timeout=30)
            statuses.append(response.status_code)

    pool = eventlet.GreenPool(CLIENTS)
    for number in range(CLIENTS):
        pool.spawn(client, number)
    pool.waitall()

    assert [s for s in statuses if s >= 500] == []
    assert len(statuses) > CLIENTS * 10
    for service in ("personnel", "training", "inspection", "feedback"):
        wait_until(lambda: _outbox_empty(system_config, service), timeout=60,
                   message="{} left events unpublished".format(service))
    wait_until(lambda: _handler_queues_drained(rabbit_manager, system_config["AMQP_URI"]), timeout=120,
               message="events were left unprocessed")
    for service in ("personnel", "training", "inspection", "feedback"):
        assert dlq.list_dead_letters(system_config["AMQP_URI"], service) == []


def _outbox_empty(config, service):
    db = database_for(config, service)
    return all(db[name].count_documents({"_outbox.0": {"$exists": True}}) == 0
               for name in db.list_collection_names())


def _handler_queues_drained(rabbit_manager, amqp_uri):
    vhost = amqp_uri.rsplit("/", 1)[1]
    queues = rabbit_manager._get("queues", vhost)
    return all(q.get("messages", 0) == 0 for q in queues if q["name"].startswith("evt-"))
