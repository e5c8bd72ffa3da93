"""A publisher can only write to its own events exchange, so the exchange an event came from says who
published it: an event whose CloudEvents `source` claims another service is refused to the DLQ."""
from services.common import dlq
from services.common.mongo import database_for
from services.training.service import TrainingService
from tests.helpers import wait_until
from tests.security.broker import publish_as
from tests.unit.training.builders import official_registered


def start_training(config, identity_uris, container_factory):
    container = container_factory(TrainingService, dict(config, AMQP_URI=identity_uris["training"]))
    container.start()
    return database_for(config, "training")


def test_an_event_claiming_another_source_than_its_exchange_changes_nothing_and_is_dead_lettered(
        config, identity_uris, container_factory):
    training_db = start_training(config, identity_uris, container_factory)
    forged = dict(official_registered("off-forged"), source="/camau/civilservice/training")

    publish_as(identity_uris["personnel"], "personnel.events", "official_registered", forged)

    parked = wait_until(lambda: dlq.list_dead_letters(config["AMQP_URI"], "training"), timeout=15,
                        message="the forged event did not reach training.dlq")
    assert [entry["body"]["id"] for entry in parked] == [forged["id"]]
    assert parked[0]["error"].startswith("ForgedSource: source '/camau/civilservice/training' on personnel.events")
    assert parked[0]["retries"] == 0
    assert training_db["officials"].find_one({"_id": "off-forged"}) is None


def test_the_same_event_with_its_true_source_is_applied(config, identity_uris, container_factory):
    training_db = start_training(config, identity_uris, container_factory)
    genuine = official_registered("off-genuine")

    publish_as(identity_uris["personnel"], "personnel.events", "official_registered", genuine)

    wait_until(lambda: training_db["officials"].find_one({"_id": "off-genuine"}), timeout=15,
               message="the genuine event was not applied")
    assert dlq.list_dead_letters(config["AMQP_URI"], "training") == []
