"""Storage failing (the store raising pymongo's connection errors): commands fail fast with 503;
events are not acknowledged-and-lost nor dead-lettered, and are applied once storage returns."""
import time

import pytest
from pymongo.errors import ServerSelectionTimeoutError

from services.common import dlq, metrics
from services.common.repository import Repository
from services.personnel.service import PersonnelService
from tests.helpers import wait_until
from tests.reliability.support import completion_events, publish_all, qualification_counts, seed_officials

# serial: the outage is timed, and would be blurred by other tests competing for the CPU.
pytestmark = pytest.mark.serial


class Outage:
    def __init__(self):
        self.down = True

    def guard(self, original):
        def guarded(store, *args, **kwargs):
            if self.down:
                raise ServerSelectionTimeoutError("mongo:27017: [Errno 111] Connection refused")
            return original(store, *args, **kwargs)
        return guarded


@pytest.fixture
def outage(monkeypatch):
    outage = Outage()
    # Every read and write of an aggregate goes through its repository (services/common/repository.py);
    # the test's own seeding writes through the store directly, so it is not cut off.
    for name in ("get", "get_versioned", "find_versioned", "add", "save"):
        monkeypatch.setattr(Repository, name, outage.guard(getattr(Repository, name)))
    return outage


def test_events_wait_out_a_storage_outage_and_are_applied_once_it_ends(config, container_factory, outage):
    official_ids = seed_officials(config, 5)
    retried_before = metrics.snapshot("personnel")["retried"].get("training_completed", 0)
    container_factory(PersonnelService, config).start()

    publish_all(config["AMQP_URI"], "training.events", "training_completed", completion_events(official_ids))
    retry_limit = len(config["EVENT_RETRY_DELAYS_MS"])
    wait_until(lambda: metrics.snapshot("personnel")["retried"].get("training_completed", 0) - retried_before
               >= 5 * (retry_limit + 2), timeout=30, message="events were not retried during the outage")
    assert dlq.list_dead_letters(config["AMQP_URI"], "personnel") == []   # past the retry limit, still not parked
    assert qualification_counts(config) == [0] * 5

    outage.down = False

    wait_until(lambda: qualification_counts(config) == [1] * 5, timeout=30, message="events lost in the outage")
    assert dlq.list_dead_letters(config["AMQP_URI"], "personnel") == []


def test_a_command_fails_fast_with_503_while_storage_is_down(api, outage):
    started = time.monotonic()
    response = api.post("/api/v1/officials", {
        "full_name": "Võ Thị Sáu", "national_id": "096190001111", "birth_date": "1990-01-01",
        "category": "CONG_CHUC", "unit_id": "unit-x", "position_id": "pos-x", "rank": "01.003",
        "service_start_date": "2015-01-01"})
    assert response.status_code == 503 and response.json()["error"] == "SERVICE_UNAVAILABLE"
    assert time.monotonic() - started < 3
