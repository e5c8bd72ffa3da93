"""Webhook delivery rules (services/subscriptions/domain/webhooks.py): the retry schedule, endpoints that fail
for too long, secret rotation, and which URLs may be registered."""
import base64
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from standardwebhooks import Webhook

from services.common.errors import Conflict
from services.subscriptions.domain.webhooks import (DEFAULT_RETRY_DELAYS_SECONDS, Attempt, DeliveryStatus,
                                                    Endpoint, EndpointDisabled, InvalidWebhookUrl,
                                                    active_secrets, enable, endpoint_after_attempt,
                                                    is_success, new_delivery, new_secret, record_attempt,
                                                    rotate_secret, validate_url)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
RANDOM = bytes(range(32))
OTHER_RANDOM = bytes(range(32, 64))
DAY = timedelta(days=1)


def endpoint(**changes):
    return replace(Endpoint(id="end-1", agency="inspectorate", url="https://hooks.example.vn/camau",
                            secrets=(new_secret(T0, RANDOM),), enabled=True, created_at=T0, failing_since=None,
                            disabled_at=None, disabled_reason=None), **changes)


def failed(at, status_code=503):
    return Attempt(at=at, status_code=status_code, latency_ms=40, error="HTTP {}".format(status_code))


def succeeded(at):
    return Attempt(at=at, status_code=200, latency_ms=40, error=None)


# The retry schedule

def test_the_default_schedule_retries_for_more_than_24_hours_in_8_attempts():
    assert sum(DEFAULT_RETRY_DELAYS_SECONDS) >= 24 * 3600
    assert sum(DEFAULT_RETRY_DELAYS_SECONDS) == 27 * 3600 + 35 * 60 + 5
    assert 1 + len(DEFAULT_RETRY_DELAYS_SECONDS) == 8


def test_a_new_delivery_is_pending_and_due_at_once():
    delivery = new_delivery(endpoint(), "evt-1", cursor=42, now=T0)
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (DeliveryStatus.PENDING, (), T0)
    assert (delivery.endpoint_id, delivery.agency, delivery.event_id, delivery.cursor) == (
        "end-1", "inspectorate", "evt-1", 42)
    assert delivery.id.startswith("msg_") and delivery.manual is False


def test_a_manual_redelivery_is_marked_and_may_name_its_id():
    delivery = new_delivery(endpoint(), "evt-1", 42, T0, manual=True, delivery_id="msg_again")
    assert (delivery.id, delivery.manual) == ("msg_again", True)


def test_a_2xx_answer_marks_the_delivery_delivered():
    delivery = record_attempt(new_delivery(endpoint(), "evt-1", 1, T0), succeeded(T0),
                              DEFAULT_RETRY_DELAYS_SECONDS)
    assert (delivery.status, delivery.next_attempt_at, delivery.attempts) == (
        DeliveryStatus.DELIVERED, None, (succeeded(T0),))


def test_each_failed_attempt_schedules_the_next_one_after_its_delay():
    delivery = new_delivery(endpoint(), "evt-1", 1, T0)
    at = T0
    for delay in DEFAULT_RETRY_DELAYS_SECONDS:
        delivery = record_attempt(delivery, failed(at), DEFAULT_RETRY_DELAYS_SECONDS)
        assert delivery.status == DeliveryStatus.PENDING
        assert delivery.next_attempt_at == at + timedelta(seconds=delay)
        at = delivery.next_attempt_at
    assert len(delivery.attempts) == len(DEFAULT_RETRY_DELAYS_SECONDS)


def test_a_delivery_fails_for_good_when_the_last_attempt_fails():
    delays = (1, 2)
    delivery = new_delivery(endpoint(), "evt-1", 1, T0)
    for seconds in (0, 1, 3):
        delivery = record_attempt(delivery, failed(T0 + timedelta(seconds=seconds)), delays)
    assert (delivery.status, delivery.next_attempt_at, len(delivery.attempts)) == (DeliveryStatus.FAILED, None, 3)


def test_a_delivery_that_recovers_after_failures_is_delivered():
    delivery = record_attempt(new_delivery(endpoint(), "evt-1", 1, T0), failed(T0), (1, 2))
    delivery = record_attempt(delivery, succeeded(T0 + timedelta(seconds=1)), (1, 2))
    assert (delivery.status, [a.status_code for a in delivery.attempts]) == (DeliveryStatus.DELIVERED, [503, 200])


def test_a_finished_delivery_takes_no_more_attempts():
    delivered = record_attempt(new_delivery(endpoint(), "evt-1", 1, T0), succeeded(T0), (1,))
    with pytest.raises(Conflict, match="already DELIVERED"):
        record_attempt(delivered, failed(T0), (1,))


@pytest.mark.parametrize("status_code, success", [
    (200, True), (204, True), (299, True), (None, False), (199, False), (302, False), (404, False), (500, False)])
def test_only_a_2xx_answer_is_a_success(status_code, success):
    assert is_success(status_code) is success


def test_no_delivery_is_made_to_a_disabled_endpoint():
    with pytest.raises(EndpointDisabled, match="end-1 is disabled"):
        new_delivery(endpoint(enabled=False, disabled_reason="failing"), "evt-1", 1, T0)


# Endpoints that keep failing

def test_a_failure_starts_the_failing_streak_and_later_failures_keep_its_start():
    first, became_disabled = endpoint_after_attempt(endpoint(), False, T0, disable_after=5 * DAY)
    later, _ = endpoint_after_attempt(first, False, T0 + DAY, disable_after=5 * DAY)
    assert (first.failing_since, later.failing_since, later.enabled, became_disabled) == (T0, T0, True, False)


def test_a_success_ends_the_failing_streak():
    recovered, became_disabled = endpoint_after_attempt(endpoint(failing_since=T0), True, T0 + DAY, 5 * DAY)
    assert (recovered.failing_since, recovered.enabled, became_disabled) == (None, True, False)


def test_an_endpoint_failing_for_the_configured_time_is_disabled_with_a_reason():
    almost, disabled_early = endpoint_after_attempt(endpoint(failing_since=T0), False,
                                                    T0 + 5 * DAY - timedelta(seconds=1), 5 * DAY)
    disabled, became_disabled = endpoint_after_attempt(almost, False, T0 + 5 * DAY, 5 * DAY)
    assert (almost.enabled, disabled_early) == (True, False)
    assert (disabled.enabled, disabled.disabled_at, became_disabled) == (False, T0 + 5 * DAY, True)
    assert T0.isoformat() in disabled.disabled_reason and "5 days" in disabled.disabled_reason


def test_an_endpoint_is_reported_disabled_only_once():
    disabled, _ = endpoint_after_attempt(endpoint(failing_since=T0), False, T0 + 5 * DAY, 5 * DAY)
    again, became_disabled = endpoint_after_attempt(disabled, False, T0 + 6 * DAY, 5 * DAY)
    assert (again.disabled_at, became_disabled) == (T0 + 5 * DAY, False)


def test_enabling_an_endpoint_clears_its_failure_record():
    disabled, _ = endpoint_after_attempt(endpoint(failing_since=T0), False, T0 + 5 * DAY, 5 * DAY)
    enabled = enable(disabled, T0 + 6 * DAY)
    assert (enabled.enabled, enabled.failing_since, enabled.disabled_at, enabled.disabled_reason) == (
        True, None, None, None)
    assert new_delivery(enabled, "evt-1", 1, T0 + 6 * DAY).status == DeliveryStatus.PENDING


# Secrets and their rotation

def test_a_new_secret_is_whsec_and_the_base64_of_the_random_bytes_and_signs_with_standardwebhooks():
    secret = new_secret(T0, RANDOM)
    assert secret.secret == "whsec_" + base64.b64encode(RANDOM).decode()
    assert (secret.created_at, secret.expires_at) == (T0, None)
    assert Webhook(secret.secret).sign("msg_1", T0, "{}").startswith("v1,")


@pytest.mark.parametrize("size", [0, 23, 65])
def test_a_secret_needs_24_to_64_random_bytes(size):
    with pytest.raises(ValueError, match="24 to 64 random bytes"):
        new_secret(T0, bytes(size))


def test_rotation_keeps_the_previous_secret_valid_for_the_overlap_then_only_the_new_one():
    old = endpoint().secrets[0]
    rotated, secret = rotate_secret(endpoint(), T0 + DAY, overlap=DAY, random_bytes=OTHER_RANDOM)
    assert rotated.secrets == (secret, replace(old, expires_at=T0 + 2 * DAY))
    assert active_secrets(rotated, T0 + 2 * DAY - timedelta(seconds=1)) == (secret, rotated.secrets[1])
    assert active_secrets(rotated, T0 + 2 * DAY) == (secret,)


def test_rotation_drops_secrets_that_expired_and_never_extends_an_earlier_expiry():
    once, first = rotate_secret(endpoint(), T0, overlap=DAY, random_bytes=OTHER_RANDOM)
    twice, second = rotate_secret(once, T0 + timedelta(hours=1), overlap=7 * DAY, random_bytes=RANDOM)
    assert [s.expires_at for s in twice.secrets] == [None, T0 + timedelta(hours=1, days=7), T0 + DAY]
    thrice, third = rotate_secret(twice, T0 + 2 * DAY, overlap=DAY, random_bytes=OTHER_RANDOM)
    assert [s.secret for s in thrice.secrets] == [third.secret, second.secret, first.secret]
    assert thrice.secrets[2].expires_at == T0 + 3 * DAY


def test_enabling_an_endpoint_drops_secrets_that_expired_while_it_was_disabled():
    rotated, secret = rotate_secret(endpoint(), T0, overlap=DAY, random_bytes=OTHER_RANDOM)
    assert enable(replace(rotated, enabled=False), T0 + 2 * DAY).secrets == (secret,)


# Endpoint URLs

@pytest.mark.parametrize("url", ["https://hooks.example.vn/camau", "https://hooks.example.vn:8443/a?b=1"])
def test_an_https_url_is_accepted(url):
    assert validate_url(url, allow_insecure_http=False) == url


def test_plain_http_is_accepted_only_when_the_setting_allows_it():
    assert validate_url("http://localhost:8900/", allow_insecure_http=True) == "http://localhost:8900/"
    with pytest.raises(InvalidWebhookUrl, match="must start with https://"):
        validate_url("http://hooks.example.vn/", allow_insecure_http=False)


@pytest.mark.parametrize("url, message", [
    ("ftp://hooks.example.vn/", "must start with https:// or http://"),
    ("file:///etc/passwd", "must start with https:// or http://"),
    ("hooks.example.vn/camau", "must start with https:// or http://"),
    ("https://user:secret@hooks.example.vn/", "user name or password"),
    ("https://user@hooks.example.vn/", "user name or password"),
    ("https:///camau", "no host"),
    ("https://hooks.example.vn/camau#events", "#fragment"),
    ("https://hooks.example.vn:99999/", "not a valid URL"),
])
def test_a_url_we_refuse_says_why(url, message):
    with pytest.raises(InvalidWebhookUrl, match=message) as refused:
        validate_url(url, allow_insecure_http=True)
    assert isinstance(refused.value, ValueError) and refused.value.fields["url"] == [str(refused.value)]
