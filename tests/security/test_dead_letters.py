"""What reaches a service's DLQ, and how often: an undecodable body with its raw bytes, and a failing
event once however often it is delivered (until an operator replays it)."""
import pytest
from kombu import Connection

from services.common import dlq, metrics
from services.personnel.service import PersonnelService
from tests.helpers import wait_until
from tests.integration.test_delivery_guarantees import training_completed
from tests.security.broker import publish_as, ready_count

HANDLER_QUEUE = "evt-training-training_completed--personnel.handle_training_completed"


@pytest.fixture
def personnel(config, identity_uris, container_factory):
    """The personnel service connected as its own broker user; the events come from the admin."""
    container_factory(PersonnelService, dict(config, AMQP_URI=identity_uris["personnel"])).start()
    return config["AMQP_URI"]


def counted(kind):
    return metrics.snapshot("personnel")[kind].get("training_completed", 0)


def test_a_body_that_is_not_json_lands_in_the_dlq_with_its_raw_bytes_and_the_decode_error(personnel):
    raw = b"\x00this is { not json"

    publish_as(personnel, "training.events", "training_completed", raw=raw)

    wait_until(lambda: ready_count(personnel, "personnel.dlq"), timeout=15,
               message="the undecodable message did not reach personnel.dlq")
    with Connection(personnel) as connection:
        message = connection.default_channel.basic_get(queue="personnel.dlq", no_ack=False)
        body = message.body if isinstance(message.body, bytes) else message.body.encode("utf-8")
        headers = message.headers
        message.channel.basic_reject(message.delivery_tag, requeue=True)
    assert body == raw
    assert headers["x-decode-error"].startswith("DecodeError:")
    assert headers["x-original-queue"] == HANDLER_QUEUE
    listed = dlq.list_dead_letters(personnel, "personnel")
    assert listed[0]["body"] is None and listed[0]["raw_body"].endswith("this is { not json")


def test_a_failing_event_delivered_twice_is_dead_lettered_once(personnel, config):
    before_parked, before_duplicates = counted("dead_lettered"), counted("already_dead_lettered")
    event = training_completed("off-never-registered")

    publish_as(personnel, "training.events", "training_completed", event)
    publish_as(personnel, "training.events", "training_completed", event)

    wait_until(lambda: counted("already_dead_lettered") == before_duplicates + 1, timeout=20,
               message="the second delivery was not settled")
    assert counted("dead_lettered") == before_parked + 1
    assert [entry["body"]["id"] for entry in dlq.list_dead_letters(personnel, "personnel")] == [event["id"]]


def test_a_dead_letter_replayed_by_an_operator_that_fails_again_is_parked_again(personnel):
    before = counted("dead_lettered")
    event = training_completed("off-never-registered")
    publish_as(personnel, "training.events", "training_completed", event)
    wait_until(lambda: counted("dead_lettered") == before + 1, timeout=20, message="the event was not parked")

    assert dlq.replay(personnel, "personnel") == 1

    wait_until(lambda: counted("dead_lettered") == before + 2, timeout=20,
               message="the replayed event was not parked again")
    parked = dlq.list_dead_letters(personnel, "personnel")
    assert [entry["body"]["id"] for entry in parked] == [event["id"]]
