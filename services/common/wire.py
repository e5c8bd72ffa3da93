"""How an event travels on AMQP: the CloudEvents AMQP protocol binding, structured mode (docs/events/README.md).

- the message's `content-type` is `application/cloudevents+json` (the event format's media type, which is
  what tells a receiver that the body is a whole CloudEvent, attributes included), `content-encoding` utf-8
  (JSON is UTF-8, RFC 8259);
- the AMQP `type` property carries the CloudEvents `type`, `message_id` its `id`.

kombu picks a decoder by exact content type, so the format is registered with kombu as a serializer of its
own; consumers accept it and plain `application/json` (messages published before this binding, and DLQ
replays of them).
"""
import kombu.serialization
from kombu.utils.json import dumps, loads

CONTENT_TYPE = "application/cloudevents+json"
SERIALIZER = "cloudevents"
ACCEPTED = ("json", SERIALIZER)

kombu.serialization.register(SERIALIZER, dumps, loads, content_type=CONTENT_TYPE, content_encoding="utf-8")


def publish_properties(envelope):
    """The AMQP properties of one event message (besides persistence)."""
    return {"serializer": SERIALIZER, "message_id": envelope["id"], "type": envelope["type"]}
