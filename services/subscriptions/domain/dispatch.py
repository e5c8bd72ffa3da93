"""What reaches an agency, and how: the types it may read, the routes its queue is bound to, the webhook
deliveries made from the archive, and what an endpoint's failures lead to (docs/agencies.md)."""
import uuid
from dataclasses import replace

from services.common.domain_event import SOURCE_PREFIX, TYPE_PREFIX
from services.common.errors import Conflict, Forbidden, Invalid
from services.subscriptions.domain import agencies, webhooks
from services.subscriptions.domain.data_classes import BY_TYPE
from services.subscriptions.domain.events import WebhookEndpointDisabled

# Notices addressed to one agency are archived with its name and shown to it alone.
ADDRESSED_EVENTS = {("subscriptions", "subscriber_lagging"), ("subscriptions", "webhook_endpoint_disabled")}


def addressee(service, routing_key, envelope):
    if (service, routing_key) in ADDRESSED_EVENTS:
        return (envelope.get("data") or {}).get("agency")
    return None


def routes(agency):
    """{(service, routing key)} the agency's queue is bound to: exactly its grants, but for notices addressed
    to one agency (a binding cannot tell whose they are: they are read in the archive and webhooks)."""
    return {BY_TYPE[event_type][:2] for event_type in agency.granted_types
            if event_type in BY_TYPE and BY_TYPE[event_type][:2] not in ADDRESSED_EVENTS}


def readable_types(agency, asked):
    """The types a reader gets: None (every type) for the platform's own administrators; for an agency, its
    grants, narrowed to `asked`. Asking for a type it was not granted is refused, naming it."""
    if agency is None:
        return set(asked) if asked else None
    granted = agency.granted_types
    if not asked:
        return set(granted)
    refused = sorted(set(asked) - granted)
    if refused:
        raise Forbidden("not granted to agency {}: {}".format(agency.id, ", ".join(refused)),
                        {"types": ["not granted: " + ", ".join(refused)]})
    return set(asked)


def new_endpoint(agency, url, description, now, random_bytes, endpoint_id, allow_insecure_http):
    """(endpoint, its first secret) for an active agency."""
    if agency.status is not agencies.AgencyStatus.ACTIVE:
        raise Forbidden("agency {} is revoked".format(agency.id))
    secret = webhooks.new_secret(now, random_bytes)
    endpoint = webhooks.Endpoint(id=endpoint_id, agency=agency.id, url=webhooks.validate_url(url, allow_insecure_http),
                                 secrets=(secret,), enabled=True, created_at=now, failing_since=None,
                                 disabled_at=None, disabled_reason=None, description=description)
    return endpoint, secret


def deliveries_for(endpoint, archived, now, manual=False):
    """One delivery per archived (cursor, type, event). Stream deliveries have a fixed id per endpoint and
    event, so a dispatch repeated after a crash adds nothing; a manual redelivery is a new one."""
    suffix = ":" + uuid.uuid4().hex[:8] if manual else ""
    return [webhooks.new_delivery(endpoint, event["id"], cursor, now, manual=manual,
                                  delivery_id="{}:{}{}".format(endpoint.id, event["id"], suffix))
            for cursor, _type, event in archived]


WAIT = "wait"        # the endpoint is paused or disabled: the delivery waits for it


def check_type_of_source(event_type, source):
    """An event's type must be its source's own (`vn.camau.civilservice.<source>.`): the exchange authenticates
    the source only, so a type of another service is a forgery (refused, parked in the DLQ)."""
    service = source[len(SOURCE_PREFIX):] if source.startswith(SOURCE_PREFIX) else None
    if not service or not event_type.startswith("{}.{}.".format(TYPE_PREFIX, service)):
        raise Invalid("event type {} is not one of {}'s".format(event_type, source),
                      {"type": ["not a type of the publishing service"]})


def why_not_send(endpoint, agency, envelope):
    """None when the delivery may go now; WAIT while the endpoint is paused; else why it never will (the
    agency revoked, the grant withdrawn since it was scheduled, the event gone from the archive)."""
    if agency is None or agency.status is not agencies.AgencyStatus.ACTIVE:
        return "the agency was revoked"
    if envelope is None:
        return "the event is no longer archived"
    addressed = addressee(*(BY_TYPE.get(envelope["type"], (None, None))[:2]), envelope)
    if addressed != agency.id and (addressed is not None or envelope["type"] not in agency.granted_types):
        return "the agency is not granted {} any more".format(envelope["type"])
    if not endpoint.enabled:
        return WAIT
    return None


def abandoned(delivery, now, reason):
    attempt = webhooks.Attempt(at=now, status_code=None, latency_ms=0, error="not sent: " + reason)
    return replace(delivery, attempts=delivery.attempts + (attempt,), status=webhooks.DeliveryStatus.FAILED,
                   next_attempt_at=None)


def check_endpoint_count(existing, maximum):
    if existing >= maximum:
        raise Conflict("an agency has at most {} webhook endpoints; remove or reuse one".format(maximum))


def disabled_message(endpoint):
    return ("webhook endpoint {} ({}) was disabled: {}; enable it once it answers again (pending deliveries "
            "resume)".format(endpoint.id, endpoint.url, endpoint.disabled_reason))


def after_attempt(endpoint, attempt, now, disable_after):
    """(endpoint, events): the failing streak updated; disabled, and its owner told, when it lasted too long."""
    updated, disabled = webhooks.endpoint_after_attempt(endpoint, webhooks.is_success(attempt.status_code), now,
                                                        disable_after)
    if not disabled:
        return updated, []
    return updated, [WebhookEndpointDisabled(subject=endpoint.id, agency=endpoint.agency, endpoint_id=endpoint.id,
                                             failing_since=updated.failing_since, disabled_at=now,
                                             reason=updated.disabled_reason)]
