"""Parking an event in the DLQ once, even when two deliveries fail at the same moment
(services/common/consumer.py, DeadLetterLog): claim, publish, mark parked."""
import mongomock
import pytest

from services.common.consumer import DeadLetterLog

QUEUE = "evt-training-training_completed--personnel.handle_training_completed"


@pytest.fixture
def log():
    return DeadLetterLog(mongomock.MongoClient().db, stale_after_seconds=60)


def test_the_first_failing_delivery_claims_the_parking_and_a_concurrent_one_is_told_to_look_again(log):
    assert log.claim(QUEUE, "evt-1", now=1000.0) == DeadLetterLog.CLAIMED
    assert log.claim(QUEUE, "evt-1", now=1001.0) == DeadLetterLog.BUSY
    assert log.claim("another-queue", "evt-1", now=1001.0) == DeadLetterLog.CLAIMED   # per handler queue


def test_once_parked_every_later_delivery_is_a_duplicate(log):
    log.claim(QUEUE, "evt-1", now=1000.0)
    log.mark_parked(QUEUE, "evt-1", "2026-11-27T14:00:00+00:00")
    assert log.claim(QUEUE, "evt-1", now=5000.0) == DeadLetterLog.PARKED


def test_a_claim_left_by_a_worker_that_died_before_publishing_is_taken_over_once_stale(log):
    log.claim(QUEUE, "evt-1", now=1000.0)
    assert log.claim(QUEUE, "evt-1", now=1059.0) == DeadLetterLog.BUSY
    assert log.claim(QUEUE, "evt-1", now=1061.0) == DeadLetterLog.CLAIMED
    assert log.claim(QUEUE, "evt-1", now=1062.0) == DeadLetterLog.BUSY       # the new claim holds


def test_a_released_claim_lets_the_next_delivery_park_the_event(log):
    log.claim(QUEUE, "evt-1", now=1000.0)
    log.release(QUEUE, "evt-1")
    assert log.claim(QUEUE, "evt-1", now=1001.0) == DeadLetterLog.CLAIMED


def test_an_entry_recorded_before_claims_existed_counts_as_parked(log):
    log.collection.insert_one({"_id": DeadLetterLog.key(QUEUE, "evt-1"), "queue": QUEUE, "event_id": "evt-1",
                               "at": "2026-11-26T10:00:00+00:00"})
    assert log.claim(QUEUE, "evt-1", now=1000.0) == DeadLetterLog.PARKED
