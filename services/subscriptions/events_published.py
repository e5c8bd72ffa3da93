"""The catalog of subscriptions.events (`PUBLISHED_EVENTS`, read by services/common/catalog.py)."""
from marshmallow import fields

from services.common.schemas import EventDataSchema
from services.subscriptions.domain import events


class SubscriberLagging(EventDataSchema):
    """An agency's queue `agency.<name>` was full: the broker dropped its oldest events (never the
    platform's publishing); the agency replays them from the archive (GET /api/v1/events)."""
    agency = fields.String(required=True)
    queue = fields.String(required=True)
    dropped = fields.Integer(required=True)
    first_dropped_at = fields.DateTime(required=True)
    last_dropped_at = fields.DateTime(required=True)
    first_dropped_event_id = fields.String(allow_none=True, required=True)


class WebhookEndpointDisabled(EventDataSchema):
    """An agency's webhook endpoint kept failing for WEBHOOK_DISABLE_AFTER_HOURS and was switched off;
    its owner re-enables it once it is fixed (events missed meanwhile can be redelivered from a cursor)."""
    agency = fields.String(required=True)
    endpoint_id = fields.String(required=True)
    failing_since = fields.DateTime(required=True)
    disabled_at = fields.DateTime(required=True)
    reason = fields.String(required=True)


PUBLISHED_EVENTS = {
    events.SubscriberLagging: SubscriberLagging,
    events.WebhookEndpointDisabled: WebhookEndpointDisabled,
}
