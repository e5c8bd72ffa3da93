"""What subscriptions consumes: every event of every `<service>.events` exchange, kept as it was published.

No payload schema here on purpose: the archive must keep events of types and versions this service has never
heard of (an agency replays them as published). Each event is still checked on arrival like every other
consumer's (services/common/consumer.py): a valid CloudEvents envelope whose `source` matches the exchange it
came from; anything else goes to `subscriptions.dlq`, never into the archive."""
from marshmallow import fields

from services.common.schemas import EventDataSchema

ARCHIVED_SOURCES = ("personnel", "training", "inspection", "feedback", "subscriptions")


class ArchivedEvent(EventDataSchema):
    """The attributes the archive indexes; the event itself is stored whole, as published."""
    id = fields.String(required=True)
    type = fields.String(required=True)
    source = fields.String(required=True)
    time = fields.String(required=True)
