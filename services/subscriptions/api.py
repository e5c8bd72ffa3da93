"""Subscriptions' public surface: the commands, queries and views the gateway may use (docs/agencies.md)."""
from marshmallow import fields, post_load, validate

from services.common.schemas import PERSONAL, CommandSchema, EventDataSchema, text_field
from services.subscriptions.domain.data_classes import DataClass

MAX_EVENTS_PAGE = 1000
MAX_REDELIVERY = 1000
MAX_CURSOR = 2 ** 62        # within a BSON integer
TYPE_PATTERN = r"vn\.camau\.civilservice\.[a-z]+\.[a-z_]+\.v[0-9]+"
EVENT_TYPES = validate.Regexp(r"^{0}(,{0})*$".format(TYPE_PATTERN), error="comma-separated CloudEvents types")
EVENT_TYPE = validate.Regexp(r"^vn\.camau\.civilservice\.[a-z]+\.[a-z_]+\.v[0-9]+$",
                             error="a CloudEvents type of the catalog, e.g. vn.camau.civilservice.unit.created.v1")


class GrantInput(CommandSchema):
    event_type = fields.String(required=True, validate=EVENT_TYPE)
    legal_basis = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500),
                                metadata={"description": "required for personal and restricted types: the law "
                                                         "and decision under which they are shared"})


class RegisterAgency(CommandSchema):
    name = fields.String(required=True, validate=validate.Length(min=2, max=40),
                         metadata={"description": "lowercase letters, digits, '-' and '_'; names the queue "
                                                  "agency.<name> and the broker user"})
    title = text_field(200, required=True)
    contact_email = fields.Email(required=True, validate=validate.Length(max=254))
    grants = fields.List(fields.Nested(GrantInput), required=True, validate=validate.Length(max=200))


class ChangeGrants(CommandSchema):
    grants = fields.List(fields.Nested(GrantInput), required=True, validate=validate.Length(max=200))


class EventsQuery(CommandSchema):
    after = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_CURSOR),
                           metadata={"description": "the cursor of the last event already received (0: the start)"})
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=MAX_EVENTS_PAGE))
    # Bounded so that even percent-encoded the query stays within a request line (8 KiB).
    types = fields.String(load_default=None, validate=[validate.Length(max=600), EVENT_TYPES],
                          metadata={"description": "comma-separated CloudEvents types (default: every type readable)"})

    @post_load
    def split_types(self, data, **kwargs):
        data["types"] = data["types"].split(",") if data["types"] else None
        return data


class RedeliverInput(CommandSchema):
    after = fields.Integer(required=True, validate=validate.Range(min=0, max=MAX_CURSOR),
                           metadata={"description": "redeliver every granted event archived after this cursor"})
    limit = fields.Integer(load_default=1000, validate=validate.Range(min=1, max=MAX_REDELIVERY),
                           metadata={"description": "at most 1,000 a call: ask again from `through` for more"})


class AddEndpoint(CommandSchema):
    url = fields.String(required=True, validate=validate.Length(min=8, max=2000))
    description = fields.String(load_default="", validate=validate.Length(max=200))


class DeliveriesQuery(CommandSchema):
    status = fields.String(load_default=None, validate=validate.OneOf(["PENDING", "DELIVERED", "FAILED"]))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


# --- views ------------------------------------------------------------------------------------
class GrantView(EventDataSchema):
    event_type = fields.String()
    data_class = fields.String()
    legal_basis = fields.String(allow_none=True)
    granted_at = fields.DateTime()
    granted_by = fields.String()


class LagView(EventDataSchema):
    dropped = fields.Integer()
    first_dropped_at = fields.DateTime()
    last_dropped_at = fields.DateTime()
    first_dropped_event_id = fields.String(allow_none=True)
    notified_at = fields.DateTime(allow_none=True)


class NoticeView(EventDataSchema):
    kind = fields.String()
    at = fields.DateTime()
    message = fields.String()


class AmqpAccessView(EventDataSchema):
    user = fields.String()
    queue = fields.String()
    vhost = fields.String()
    password = fields.String(metadata={"description": "shown once, at registration or rotation"})


class AgencyView(EventDataSchema):
    name = fields.String(attribute="id")
    title = fields.String()
    contact_email = fields.String()
    status = fields.String()
    grants = fields.List(fields.Nested(GrantView))
    registered_at = fields.DateTime()
    registered_by = fields.String()
    broker_user = fields.String()
    queue = fields.String()
    credentials_issued_at = fields.DateTime()
    revoked_at = fields.DateTime(allow_none=True)
    lag = fields.Nested(LagView, allow_none=True)
    notices = fields.List(fields.Nested(NoticeView))
    queue_depth = fields.Integer(allow_none=True)
    amqp = fields.Nested(AmqpAccessView)


class ArchivedEventView(EventDataSchema):
    cursor = fields.Integer()
    # Personal and restricted types travel here: every read is audited as a personal-data read.
    event = fields.Dict(metadata={**PERSONAL, "description": "the CloudEvent as it was published"})


class DataClassView(EventDataSchema):
    event_type = fields.String()
    service = fields.String()
    routing_key = fields.String()
    data_class = fields.String(validate=validate.OneOf([c.value for c in DataClass]))


class SecretView(EventDataSchema):
    created_at = fields.DateTime()
    expires_at = fields.DateTime(allow_none=True)


class EndpointView(EventDataSchema):
    id = fields.String()
    agency = fields.String()
    url = fields.String()
    description = fields.String()
    enabled = fields.Boolean()
    created_at = fields.DateTime()
    failing_since = fields.DateTime(allow_none=True)
    disabled_at = fields.DateTime(allow_none=True)
    disabled_reason = fields.String(allow_none=True)
    secrets = fields.List(fields.Nested(SecretView), metadata={"description": "the secrets deliveries are signed "
                                                                              "with now (never their value)"})
    secret = fields.String(metadata={"description": "whsec_...: shown once, at creation or rotation"})


class AttemptView(EventDataSchema):
    at = fields.DateTime()
    status_code = fields.Integer(allow_none=True)
    latency_ms = fields.Integer()
    error = fields.String(allow_none=True)


class DeliveryView(EventDataSchema):
    id = fields.String()
    event_id = fields.String()
    cursor = fields.Integer()
    status = fields.String()
    manual = fields.Boolean()
    created_at = fields.DateTime()
    next_attempt_at = fields.DateTime(allow_none=True)
    attempts = fields.List(fields.Nested(AttemptView))


class RedeliveryView(EventDataSchema):
    scheduled = fields.Integer()
    through = fields.Integer(metadata={"description": "the cursor of the last event scheduled"})
