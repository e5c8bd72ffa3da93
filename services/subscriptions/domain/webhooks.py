"""Webhook delivery rules (docs/agencies.md, "Webhooks"): deliveries and their retry schedule, endpoints that
fail for days and get disabled, signing secrets and their rotation, and which endpoint URLs may be registered.

Pure: the caller passes the time, the random bytes and the settings; every function returns new values.
Signing itself follows Standard Webhooks 1.0 (https://www.standardwebhooks.com/) and is done by the
`standardwebhooks` library in `services/subscriptions/webhook_sender.py`.
"""
import base64
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from services.common.errors import Conflict, Invalid

# The Standard Webhooks / Svix schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h between attempts, so
# 8 attempts over 27 h 35 min 5 s: more than a day, so a receiver down overnight loses nothing.
DEFAULT_RETRY_DELAYS_SECONDS = (5, 300, 1800, 7200, 18000, 36000, 36000)

SECRET_PREFIX = "whsec_"
# Standard Webhooks: secrets are 24 to 64 random bytes; we make 32.
SECRET_MIN_BYTES, SECRET_MAX_BYTES = 24, 64


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"        # Đang chờ gửi / gửi lại
    DELIVERED = "DELIVERED"    # Đã gửi thành công (2xx)
    FAILED = "FAILED"          # Hết lượt gửi lại


@dataclass(frozen=True)
class Attempt:
    at: datetime
    status_code: int | None       # None when no HTTP answer came (timeout, refused, refused target)
    latency_ms: int
    error: str | None


@dataclass(frozen=True)
class Delivery:
    id: str                       # also the `webhook-id`: the same on every retry, so receivers can dedupe
    endpoint_id: str
    agency: str
    event_id: str
    cursor: int                   # the event's position in the archive
    status: DeliveryStatus
    attempts: tuple[Attempt, ...]
    next_attempt_at: datetime | None
    created_at: datetime
    manual: bool = False          # asked for by the agency (redelivery from a cursor), not by the stream


@dataclass(frozen=True)
class WebhookSecret:
    secret: str                   # "whsec_" + base64 of the random bytes
    created_at: datetime
    expires_at: datetime | None   # None: valid until rotated away


@dataclass(frozen=True)
class Endpoint:
    id: str
    agency: str
    url: str
    secrets: tuple[WebhookSecret, ...]    # newest first
    enabled: bool
    created_at: datetime
    failing_since: datetime | None        # first failed attempt since the last success
    disabled_at: datetime | None
    disabled_reason: str | None
    description: str = ""


class InvalidWebhookUrl(Invalid, ValueError):
    """An endpoint URL we refuse to register (HTTP 400 through the gateway, like any `Invalid`)."""

    def __init__(self, message):
        super().__init__(message, {"url": [message]})


class EndpointDisabled(Conflict):
    pass


def new_delivery(endpoint, event_id, cursor, now, manual=False, delivery_id=None):
    """A delivery of one event to one endpoint, due now."""
    if not endpoint.enabled:
        raise EndpointDisabled("endpoint {} is disabled ({}); enable it before delivering to it".format(
            endpoint.id, endpoint.disabled_reason or "no reason recorded"))
    return Delivery(id=delivery_id or "msg_" + uuid.uuid4().hex, endpoint_id=endpoint.id,
                    agency=endpoint.agency, event_id=event_id, cursor=cursor, status=DeliveryStatus.PENDING,
                    attempts=(), next_attempt_at=now, created_at=now, manual=manual)


def is_success(status_code):
    """Standard Webhooks: any 2xx is a success; redirects are not followed, so a 3xx is a failure."""
    return status_code is not None and 200 <= status_code < 300


def record_attempt(delivery, attempt, delays):
    """The delivery after `attempt`: DELIVERED on 2xx; else due again after the next delay in `delays`
    (the waits between attempt n and n+1), FAILED once they are spent."""
    if delivery.status is not DeliveryStatus.PENDING:
        raise Conflict("delivery {} is already {}".format(delivery.id, delivery.status))
    attempts = delivery.attempts + (attempt,)
    if is_success(attempt.status_code):
        return replace(delivery, attempts=attempts, status=DeliveryStatus.DELIVERED, next_attempt_at=None)
    if len(attempts) <= len(delays):
        return replace(delivery, attempts=attempts,
                       next_attempt_at=attempt.at + timedelta(seconds=delays[len(attempts) - 1]))
    return replace(delivery, attempts=attempts, status=DeliveryStatus.FAILED, next_attempt_at=None)


def endpoint_after_attempt(endpoint, succeeded, now, disable_after):
    """(endpoint, became_disabled): a success clears the failing streak; a failure starts it if needed, and
    an endpoint failing for `disable_after` or longer is disabled (the caller tells its owner)."""
    if succeeded:
        return replace(endpoint, failing_since=None), False
    failing_since = endpoint.failing_since or now
    if not endpoint.enabled or now - failing_since < disable_after:
        return replace(endpoint, failing_since=failing_since), False
    reason = "every delivery failed from {} to {} ({} or longer)".format(
        failing_since.isoformat(), now.isoformat(), disable_after)
    return replace(endpoint, failing_since=failing_since, enabled=False, disabled_at=now,
                   disabled_reason=reason), True


def enable(endpoint, now):
    """Enabled again with a clean slate; secrets that expired meanwhile are dropped."""
    return replace(endpoint, enabled=True, failing_since=None, disabled_at=None, disabled_reason=None,
                   secrets=active_secrets(endpoint, now))


def disable(endpoint, now, reason):
    """Switched off by its owner or with its agency; pending deliveries wait for `enable`."""
    return replace(endpoint, enabled=False, disabled_at=now, disabled_reason=reason)


def new_secret(now, random_bytes):
    """A `whsec_` secret from the caller's random bytes (os.urandom(32))."""
    if not SECRET_MIN_BYTES <= len(random_bytes) <= SECRET_MAX_BYTES:
        raise ValueError("a webhook secret needs {} to {} random bytes, got {}".format(
            SECRET_MIN_BYTES, SECRET_MAX_BYTES, len(random_bytes)))
    return WebhookSecret(secret=SECRET_PREFIX + base64.b64encode(random_bytes).decode("ascii"),
                         created_at=now, expires_at=None)


def rotate_secret(endpoint, now, overlap, random_bytes):
    """(endpoint, new secret): the new secret first; the previous ones stay valid until now + overlap (or
    their earlier expiry) so receivers can switch without losing a delivery; expired ones are dropped."""
    secret = new_secret(now, random_bytes)
    until = now + overlap
    previous = tuple(replace(old, expires_at=until if old.expires_at is None else min(old.expires_at, until))
                     for old in active_secrets(endpoint, now))
    return replace(endpoint, secrets=(secret,) + previous), secret


def active_secrets(endpoint, now):
    """The secrets a delivery sent at `now` is signed with (all of them, one signature each)."""
    return tuple(secret for secret in endpoint.secrets if secret.expires_at is None or secret.expires_at > now)


def validate_url(url, allow_insecure_http):
    """Return `url` if it may be registered as an endpoint, else raise InvalidWebhookUrl.

    Only the URL's form is checked here; where its host resolves to is checked at each delivery
    (webhook_sender.py), because DNS answers change."""
    try:
        parts = urlsplit(url)
        parts.port  # raises ValueError for a port that is not a number in 0-65535
    except (ValueError, TypeError, AttributeError) as error:
        raise InvalidWebhookUrl("not a valid URL: {}".format(error)) from None
    allowed = ("https", "http") if allow_insecure_http else ("https",)
    if parts.scheme.lower() not in allowed:
        raise InvalidWebhookUrl("the URL must start with {} (got {!r})".format(
            " or ".join(scheme + "://" for scheme in allowed), parts.scheme + ":" if parts.scheme else url))
    if "@" in parts.netloc:
        raise InvalidWebhookUrl("the URL must not carry a user name or password; "
                                "deliveries are authenticated by their signature")
    if not parts.hostname:
        raise InvalidWebhookUrl("the URL has no host")
    if parts.fragment or url.endswith("#"):
        raise InvalidWebhookUrl("the URL must not have a #fragment (it is never sent to the server)")
    return url
