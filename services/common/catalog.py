"""The event catalog: an AsyncAPI 3.0.0 document built from every service's PUBLISHED_EVENTS.

    python -m services.common.catalog > docs/events/asyncapi.json      (`make catalog`)
    python -m services.common.catalog -o docs/events/asyncapi.json     (same; no file if it fails)

Each service lists the events it publishes in `services/<name>/events_published.py` as
`PUBLISHED_EVENTS = {event class: marshmallow schema of the payload}`, the event class being a typed
`DomainEvent` (services/<name>/domain/events.py) that names its routing key. Here every event becomes
- a channel: exchange `<service>.events` (topic, durable), address = the routing key;
- a message: the CloudEvents 1.0 structured envelope (services/common/envelope.py) whose `data` is
  the payload's JSON Schema, converted from the marshmallow schema by apispec;
- a `send` operation of the publishing service.
A schema class's docstring, when it has one, becomes the message's description.

tests/unit/test_event_catalog.py fails when docs/events/asyncapi.json differs from a fresh
generation, so a new or changed event needs `make catalog`.
"""
import importlib
import json
import sys

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from services.common import wire
from services.subscriptions.domain.data_classes import CLASSES
from services.common.envelope import (SOURCE_PREFIX, SPEC_VERSION, EnvelopeSchema,
                                      cloudevent_type, dataschema_uri, sequence_of)

SERVICES = ("personnel", "training", "inspection", "feedback", "subscriptions")
ASYNCAPI_VERSION = "3.0.0"
CATALOG_VERSION = "1.5.0"   # docs/events/CHANGELOG.md
AMQP_BINDING_VERSION = "0.3.0"
CONTENT_TYPE = wire.CONTENT_TYPE     # the CloudEvents AMQP binding, structured mode

DESCRIPTION = """\
Domain events of the Ca Mau civil-service platform. Each service publishes on its own topic
exchange `<service>.events`; the routing key is the event type (past tense, snake_case). Every
message body is a CloudEvents 1.0 structured envelope (JSON) whose `data` carries the payload.

Guarantees:
- at-least-once: an event is stored with the state change that produced it (outbox) and published
  with publisher confirms, so a crash delays it but never loses it; the same event may be delivered
  more than once, so consumers deduplicate on the CloudEvents `id` (also the AMQP `message_id`);
- nothing is silently dropped: an event no queue is bound to goes to the `unrouted.events` queue
  (alternate exchange set by the `unrouted-events` broker policy);
- payloads may gain fields within a version: read them tolerantly (ignore unknown fields); a
  breaking change gets a new type version (`...v2`);
- order per subject: `sequence` (the CloudEvents sequence extension) is the version of the subject's
  document after the change the event announces, then the event's position in that change, zero-padded
  (`000000000007.0002`); of two events with the same `source` and `subject`, the one with the greater
  `sequence` is the newer, whatever their `time` (each publishing process stamps `time` with its own
  clock). Compare it only within one source and subject; an event without it (published before it was
  set, or about another entity than the document its change wrote) is ordered by `time`.

Agencies receive the types they are granted in their own queue `agency.<name>`, over a signed webhook, or
by paging the archive (GET /api/v1/events); see docs/agencies.md. Each message names its data class
(`x-data-class`): public, internal, personal or restricted."""

ENVELOPE_DESCRIPTIONS = {
    "specversion": "CloudEvents specification version.",
    "id": "Unique id of the event; the same on every redelivery: deduplicate on it.",
    "source": "The publishing service.",
    "type": "Versioned event type.",
    "time": "When the event happened (RFC 3339, UTC).",
    "subject": "Id of the entity the event is about.",
    "datacontenttype": "Media type of `data`.",
    "dataschema": "The payload schema of this type and version; GET /api/v1/events/schemas/{type} on the "
                  "gateway returns it.",
    "sequence": "Order among the events of this source and subject (CloudEvents sequence extension): the "
                "version of the subject's document after the change, 12 digits, a dot, the event's position in "
                "that change, 4 digits; compare as strings, the greater is the newer. Absent on events published "
                "before it was set and on events about another entity than the document their change wrote "
                "(order those by `time`).",
    "data": "The event payload.",
    "correlationid": "Id shared by the events and calls that stem from one request.",
}


def _missing_module(error, module_name):
    """True when `error` says the module itself (or its package) does not exist."""
    parts = module_name.split(".")
    return error.name in {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


def published_events(services=SERVICES, skip_missing=True):
    """{service: {routing_key: schema}} from `services.<name>.events_published.PUBLISHED_EVENTS`
    ({event class: schema}; the routing key is the class's `event_type`).

    A service whose events_published module does not exist yet is skipped when `skip_missing` (with a
    warning on stderr); an import error inside an existing module is always raised.
    """
    found = {}
    for service in services:
        module_name = "services.{}.events_published".format(service)
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if skip_missing and _missing_module(error, module_name):
                print("catalog: {} does not exist yet; {} skipped".format(module_name, service),
                      file=sys.stderr)
                continue
            raise
        found[service] = {event.event_type: schema for event, schema in module.PUBLISHED_EVENTS.items()}
    return found


def data_class_of(service, routing_key):
    data_class = CLASSES.get((service, routing_key))
    return data_class.value if data_class else None


def schema_name(schema):
    """Component name of a marshmallow schema: `<service>.<ClassName>` (unique across services)."""
    cls = schema if isinstance(schema, type) else type(schema)
    parts = cls.__module__.split(".")
    owner = parts[1] if len(parts) > 1 and parts[0] == "services" else parts[0]
    return "{}.{}".format(owner, cls.__name__)


def channel_id(service, routing_key):
    return "{}.{}".format(service, routing_key)


def _describe(schema, service, routing_key):
    doc = (schema.__doc__ or "").strip()
    if doc:
        return " ".join(doc.split())
    return "`{}` published on `{}.events`.".format(routing_key, service)


def _envelope_schema(converter, service, routing_key, data_ref):
    payload = converter.schema2jsonschema(EnvelopeSchema)
    properties = payload["properties"]
    properties["specversion"] = {"type": "string", "const": SPEC_VERSION}
    properties["source"] = {"type": "string", "const": SOURCE_PREFIX + service}
    properties["type"] = {"type": "string", "const": cloudevent_type(service, routing_key)}
    properties["time"] = dict(properties["time"], format="date-time")
    properties["datacontenttype"] = {"type": "string", "const": "application/json"}
    properties["dataschema"] = {"type": "string", "format": "uri",
                                "const": dataschema_uri(cloudevent_type(service, routing_key))}
    properties["sequence"] = dict(properties["sequence"], examples=[sequence_of(7, 2)])
    properties["data"] = {"$ref": data_ref}
    for name, text in ENVELOPE_DESCRIPTIONS.items():
        properties[name] = dict(properties[name], description=text)
    # Optional when consumed (events written before it existed), always set on what is published now;
    # `sequence` stays optional (events about another entity than the document written carry none).
    payload["required"] = sorted(set(payload["required"]) | {"dataschema"})
    return payload


def _server(protocol, port, description):
    return {
        "host": "{host}:{port}",
        "protocol": protocol,
        "protocolVersion": "0.9.1",
        "pathname": "/{vhost}",
        "description": description,
        "variables": {
            "host": {"default": "localhost", "description": "The broker's host name, given with the account."},
            "port": {"default": port},
            "vhost": {"default": "%2F", "description": "The platform's vhost, URL-encoded (`%2F` is `/`)."},
        },
        "security": [{"$ref": "#/components/securitySchemes/rabbitmqUser"}],
    }


def build_catalog(events_by_service=None):
    """The AsyncAPI 3.0.0 document (a dict) of every published event."""
    if events_by_service is None:
        events_by_service = published_events()
    spec = APISpec(title="events", version=CATALOG_VERSION, openapi_version="3.1.0",
                   plugins=[MarshmallowPlugin(schema_name_resolver=schema_name)])
    converter = spec.plugins[0].converter
    channels, operations, messages = {}, {}, {}
    for service, events in events_by_service.items():
        exchange = "{}.events".format(service)
        for routing_key, schema in events.items():
            name = schema_name(schema)
            if name not in spec.components.schemas:
                spec.components.schema(name, schema=schema)
            ident = channel_id(service, routing_key)
            event_type = cloudevent_type(service, routing_key)
            description = _describe(schema, service, routing_key)
            messages[ident] = {
                "name": routing_key,
                "title": "{} {}".format(service, routing_key),
                "summary": description,
                "contentType": CONTENT_TYPE,
                "correlationId": {
                    "description": "CloudEvents extension `correlationid` of the envelope.",
                    "location": "$message.payload#/correlationid"},
                "payload": _envelope_schema(converter, service, routing_key,
                                            "#/components/schemas/" + name),
                "bindings": {"amqp": {"messageType": event_type,
                                      "bindingVersion": AMQP_BINDING_VERSION}},
                "tags": [{"name": service}],
                # What the event reveals, hence who may receive it (services/subscriptions/domain/data_classes.py).
                "x-data-class": data_class_of(service, routing_key),
            }
            channels[ident] = {
                "address": routing_key,
                "title": "{} / {}".format(exchange, routing_key),
                "description": "Routing key `{}` on exchange `{}`; CloudEvents type `{}`.".format(
                    routing_key, exchange, event_type),
                "messages": {routing_key: {"$ref": "#/components/messages/" + ident}},
                "bindings": {"amqp": {
                    "is": "routingKey",
                    "exchange": {"name": exchange, "type": "topic", "durable": True,
                                 "autoDelete": False},
                    "bindingVersion": AMQP_BINDING_VERSION}},
            }
            operations[ident + ".send"] = {
                "action": "send",
                "title": "{} publishes {}".format(service, routing_key),
                "summary": description,
                "channel": {"$ref": "#/channels/" + ident},
                "messages": [{"$ref": "#/channels/{}/messages/{}".format(ident, routing_key)}],
                "bindings": {"amqp": {"deliveryMode": 2, "mandatory": False,
                                      "bindingVersion": AMQP_BINDING_VERSION}},
                "tags": [{"name": service}],
            }
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": "Ca Mau civil-service platform: domain events",
            "version": CATALOG_VERSION,
            "description": DESCRIPTION,
            "tags": [{"name": service, "description": "Events of the {} service.".format(service)}
                     for service in events_by_service],
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {
            "amqps": _server("amqps", "5671", "The platform's RabbitMQ over TLS: what an agency outside the "
                                              "platform's network connects to (docs/agencies.md)."),
            "amqp": _server("amqp", "5672", "Plain AMQP, for consumers inside the platform's network only "
                                            "(docker-compose publishes it on 127.0.0.1)."),
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "schemas": spec.to_dict().get("components", {}).get("schemas", {}),
            "messages": messages,
            "securitySchemes": {
                "rabbitmqUser": {"type": "userPassword",
                                 "description": "An agency's RabbitMQ account: it reads its own "
                                                "queue `agency.<name>`, fed with the event types it is "
                                                "granted (docs/agencies.md)."},
            },
        },
    }


def render(document):
    """The document as committed in docs/events/asyncapi.json."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv=None):
    import argparse
    parser = argparse.ArgumentParser(description="print the AsyncAPI event catalog (JSON)")
    parser.add_argument("-o", "--output", help="write it to this file instead (only once it is built)")
    args = parser.parse_args(argv)
    text = render(build_catalog()).encode("utf-8")
    if args.output:
        with open(args.output, "wb") as handle:
            handle.write(text)
    else:
        sys.stdout.buffer.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
