"""The CloudEvents 1.0 structured envelope every event travels in (docs/architecture.md, "How services talk").

Validated when an event is created for publishing (what the producer's code gives: type, subject,
correlation id, and the payload against its catalogued schema) and as a whole when it is consumed.
"""
import re
import uuid
from datetime import datetime, timezone

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate
from services.common.domain_event import SOURCE_PREFIX, cloudevent_type  # noqa: F401  (also read from here)
from services.common.schemas import shared

SPEC_VERSION = "1.0"
EVENT_TYPE_PATTERN = re.compile(r"^vn\.camau\.civilservice\.[a-z]+\.[a-z_]+\.v[0-9]+$")
# `dataschema` names the payload schema of one type and version. An absolute URI the platform does not need
# a public host name for (archived events keep it for years, whichever address the deployment has): the
# catalog lists it per message and the gateway resolves it (GET /api/v1/events/schemas/{type}).
DATASCHEMA_PREFIX = "urn:vn-camau-civilservice:event-schema:"
# `sequence` (the CloudEvents sequence extension) orders the events about one subject: the version of the
# subject's document that the event's write produced, then the event's position among that subject's events
# in the write, both zero-padded so that comparing the strings compares the numbers, as the extension
# requires ("000000000007.0002": the second event of the write that made version 7). Its meaning is the
# catalog's (the extension leaves it to producer and consumer); projections.event_version reads it back.
VERSION_DIGITS, POSITION_DIGITS = 12, 4
SEQUENCE_PATTERN = r"^[0-9]{%d}\.[0-9]{%d}$" % (VERSION_DIGITS, POSITION_DIGITS)


def dataschema_uri(event_type):
    return DATASCHEMA_PREFIX + event_type


def sequence_of(version, position=1):
    """The `sequence` of the `position`-th event (from 1) about a subject written with its document's `version`."""
    if not (0 < version < 10 ** VERSION_DIGITS and 0 < position < 10 ** POSITION_DIGITS):
        # Wider numbers would no longer compare as strings: refuse rather than publish a wrong order.
        raise ValueError("no sequence for version {} position {}".format(version, position))
    return "{:0{}d}.{:0{}d}".format(version, VERSION_DIGITS, position, POSITION_DIGITS)


class EnvelopeSchema(Schema):
    class Meta:
        # Tolerant: producers may add CloudEvents extension attributes later.
        unknown = EXCLUDE

    specversion = fields.String(required=True, validate=validate.Equal(SPEC_VERSION))
    id = fields.String(required=True, validate=validate.Length(min=1, max=128))
    source = fields.String(required=True, validate=validate.Regexp("^" + re.escape(SOURCE_PREFIX)))
    type = fields.String(required=True, validate=validate.Regexp(EVENT_TYPE_PATTERN))
    time = fields.String(required=True, validate=validate.Length(min=20, max=40))
    subject = fields.String(required=True, validate=validate.Length(min=1, max=200))
    datacontenttype = fields.String(required=True, validate=validate.Equal("application/json"))
    # Optional on the way in: events written before it was set still travel.
    dataschema = fields.String(validate=validate.Length(min=1, max=300))
    # Optional: events written before it was set, and events about another entity than the document written.
    sequence = fields.String(validate=validate.Regexp(SEQUENCE_PATTERN))
    data = fields.Dict(required=True)
    correlationid = fields.String(required=True, validate=validate.Length(min=1, max=128))


_envelope_schema = EnvelopeSchema()
# What `new_event` takes from its caller; the other attributes are constants, a fresh uuid and now().
_caller_given = EnvelopeSchema(only=("type", "subject", "correlationid", "sequence"))


class InvalidEnvelope(ValueError):
    def __init__(self, messages):
        super().__init__("invalid CloudEvents envelope: {}".format(messages))
        self.messages = messages


def validate_envelope(envelope):
    """Return the envelope if it is a valid CloudEvents 1.0 structured event, else raise."""
    if not isinstance(envelope, dict):
        raise InvalidEnvelope({"_schema": ["the event body is not a JSON object"]})
    try:
        _envelope_schema.load(envelope)
    except ValidationError as error:
        raise InvalidEnvelope(error.messages) from None
    try:
        datetime.fromisoformat(envelope["time"])
    except ValueError:
        raise InvalidEnvelope({"time": ["not an RFC 3339 timestamp"]}) from None
    return envelope


def new_event(service, routing_key, data, subject, correlation_id=None, data_schema=None, sequence=None):
    """Build and validate an envelope. `data_schema` (marshmallow) checks the payload when given;
    `sequence` (sequence_of) is set when the caller knows the subject's version (the store does)."""
    if data_schema is not None:
        errors = shared(data_schema).validate(data)
        if errors:
            raise InvalidEnvelope({"data": errors})
    event_id = str(uuid.uuid4())
    event_type = cloudevent_type(service, routing_key)
    envelope = {
        "specversion": SPEC_VERSION,
        "id": event_id,
        "source": SOURCE_PREFIX + service,
        "type": event_type,
        "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        "subject": str(subject),
        "datacontenttype": "application/json",
        "dataschema": dataschema_uri(event_type),
        "data": data,
        "correlationid": correlation_id or event_id,
    }
    if sequence is not None:
        envelope["sequence"] = sequence
    errors = _caller_given.validate(envelope)
    if errors:
        raise InvalidEnvelope(errors)
    return envelope
