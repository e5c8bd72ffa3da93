"""The events the subscriptions service publishes; payload schemas in services/subscriptions/events_published.py."""
from dataclasses import dataclass
from datetime import datetime

from services.common.domain_event import DomainEvent


@dataclass(frozen=True, kw_only=True)
class SubscriberLagging(DomainEvent):
    """An agency's queue overflowed: the broker dropped its oldest events so the platform never waits."""
    event_type = "subscriber_lagging"
    agency: str
    queue: str
    dropped: int
    first_dropped_at: datetime
    last_dropped_at: datetime
    first_dropped_event_id: str | None


@dataclass(frozen=True, kw_only=True)
class WebhookEndpointDisabled(DomainEvent):
    """An agency's webhook endpoint failed for longer than allowed and was switched off."""
    event_type = "webhook_endpoint_disabled"
    agency: str
    endpoint_id: str
    failing_since: datetime
    disabled_at: datetime
    reason: str
