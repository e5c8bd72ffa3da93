"""The gateway's own boundaries: users, API keys, the audit trail."""
from marshmallow import ValidationError, fields, validate, validates_schema

from gateway.passwords import MAX_LENGTH, MIN_LENGTH
from gateway.roles import USER_ROLES
from services.subscriptions import api as subscriptions_api
from services.common.schemas import CommandSchema, EventDataSchema, PageQuery

ROLE_CODES = USER_ROLES
USERNAME = validate.Regexp(r"^[a-z0-9_.-]{3,40}$", error="3-40 lowercase letters, digits, '.', '_' or '-'")


class ProvinceWideAdmin:
    """`admin` manages accounts, API keys and the audit trail, which belong to no unit: never scoped."""

    @validates_schema
    def refuse_a_scoped_admin(self, data, **kwargs):
        if "admin" in (data.get("roles") or []) and data.get("unit_id"):
            raise ValidationError({"unit_id": ["the admin role is province-wide: leave unit_id empty"]})


class CreateUser(ProvinceWideAdmin, CommandSchema):
    username = fields.String(required=True, validate=USERNAME)
    full_name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    password = fields.String(required=True, load_only=True,
                             validate=validate.Length(min=MIN_LENGTH, max=MAX_LENGTH))
    roles = fields.List(fields.String(validate=validate.OneOf(ROLE_CODES)), required=True,
                        validate=validate.Length(min=1, max=6))
    unit_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64),
                            metadata={"description": "scope: this unit and its sub-units; none = province"})


class SetPassword(CommandSchema):
    password = fields.String(required=True, load_only=True,
                             validate=validate.Length(min=MIN_LENGTH, max=MAX_LENGTH))


class ChangeOwnPassword(CommandSchema):
    current_password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=MAX_LENGTH))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=MIN_LENGTH, max=MAX_LENGTH),
                             metadata={"description": "the new password"})


class UserView(EventDataSchema):
    username = fields.String()
    full_name = fields.String()
    roles = fields.List(fields.String())
    unit_id = fields.String(allow_none=True)
    active = fields.Boolean()


class CreateApiKey(ProvinceWideAdmin, CommandSchema):
    agency = fields.String(required=True, validate=validate.Length(min=2, max=120))
    roles = fields.List(fields.String(validate=validate.OneOf(ROLE_CODES)), load_default=lambda: ["viewer"],
                        validate=validate.Length(min=1, max=6),
                        metadata={"description": "read-only (viewer) unless granted more"})
    unit_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))


class AgencyKeyIssued(EventDataSchema):
    agency = fields.String()
    api_key = fields.String(metadata={"description": "X-API-Key of the agency: shown once"})
    api_key_id = fields.String()


class AgencyRegistered(subscriptions_api.AgencyView):
    api_key = fields.String(metadata={"description": "X-API-Key of the agency: shown once"})
    api_key_id = fields.String()


class ApiKeyView(EventDataSchema):
    key_id = fields.String()
    agency = fields.String()
    roles = fields.List(fields.String())
    unit_id = fields.String(allow_none=True)
    created_at = fields.String()
    created_by = fields.String()
    revoked_at = fields.String(allow_none=True)
    api_key = fields.String(metadata={"description": "shown once, at creation"})


class AuditQuery(PageQuery):
    actor = fields.String(validate=validate.Length(max=120))
    path = fields.String(validate=validate.Length(max=200))
    since = fields.String(validate=validate.Length(max=40))


class AuditView(EventDataSchema):
    at = fields.String()
    actor = fields.String()
    roles = fields.List(fields.String())
    method = fields.String()
    path = fields.String()
    query = fields.String(metadata={"description": "the query string as sent"})
    path_ids = fields.Dict(keys=fields.String(), values=fields.String(),
                           metadata={"description": "the ids in the path, by parameter"})
    returned_ids = fields.List(fields.String(), metadata={
        "description": "ids of the object or the items answered (the first 100)"})
    returned_count = fields.Integer(metadata={"description": "how many objects the answer held"})
    status = fields.Integer()
    client = fields.String()
    request_id = fields.String()
    action = fields.String(metadata={"description": "write, or read of personal data"})
