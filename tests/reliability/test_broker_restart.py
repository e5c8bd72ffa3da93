"""RabbitMQ restarted with events pending in queues and in outboxes: services reconnect by
themselves and nothing is lost (durable queues, persistent messages, outbox relayed later)."""
import shutil
import subprocess
from datetime import date

import pytest

from services.common.mongo import database_for
from services.personnel.domain.events import UnitCreated
from services.personnel.service import PersonnelService
from services.personnel.store import PersonnelStore
from tests.helpers import bind_spy_queue, drain, wait_until
from tests.reliability.support import completion_events, publish_all, qualification_counts, seed_officials

# serial: stopping the broker would fail every test running beside it.
pytestmark = [pytest.mark.serial,
              pytest.mark.skipif(shutil.which("rabbitmqctl") is None, reason="needs a local RabbitMQ node")]


def rabbitmqctl(*args):
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=120)


@pytest.fixture
def restartable_broker():
    yield
    rabbitmqctl("start_app")   # whatever happened, leave the broker running
    rabbitmqctl("await_startup")


def test_a_broker_restart_loses_nothing_and_services_reconnect(config, container_factory, restartable_broker):
    official_ids = seed_officials(config, 60)
    first_batch, second_batch = official_ids[:30], official_ids[30:]
    declaring = container_factory(PersonnelService, config)
    declaring.start()
    declaring.stop()
    publish_all(config["AMQP_URI"], "training.events", "training_completed", completion_events(first_batch))
    spy = bind_spy_queue(config["AMQP_URI"], "personnel.events", "unit_created", "spy-restart")
    running = container_factory(PersonnelService, config)
    running.start()
    wait_until(lambda: sum(qualification_counts(config)) == 30, timeout=30)

    # More events, then the broker goes down at once: what is not yet consumed waits in the queue.
    publish_all(config["AMQP_URI"], "training.events", "training_completed", completion_events(second_batch))
    rabbitmqctl("stop_app")
    # A write accepted while the broker is down: its event waits in the outbox.
    store = PersonnelStore(database_for(config, "personnel"))
    store.commit("units", "unit-during-outage", {"code": "OUT"}, [UnitCreated(
        subject="unit-during-outage", unit_id="unit-during-outage", code="OUT", name="Đơn vị", level="PROVINCE",
        parent_id=None, valid_from=date(2017, 1, 1), valid_to=None, head_official_id=None, unit_type="SO",
        successor_ids=[])])
    rabbitmqctl("start_app")
    rabbitmqctl("await_startup")

    delivered = wait_until(lambda: drain(config["AMQP_URI"], spy), timeout=60,
                           message="the outbox event was not relayed after the restart")
    assert [body["subject"] for body, _ in delivered] == ["unit-during-outage"]
    wait_until(lambda: qualification_counts(config) == [1] * 60, timeout=60,
               message="the running service did not reconnect and consume")
