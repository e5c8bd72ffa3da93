"""Tolerant readers (EventDataSchema: unknown fields ignored) of the personnel events feedback projects."""
from marshmallow import fields

from services.common.schemas import EventDataSchema


class UnitCreatedIn(EventDataSchema):
    unit_id = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(allow_none=True, load_default=None)


class OfficialRegisteredIn(EventDataSchema):
    official_id = fields.String(required=True)
    full_name = fields.String(required=True)
    unit_id = fields.String(required=True)


class OfficialTransferredIn(EventDataSchema):
    """official_transferred: feedback keeps the unit valid today."""
    official_id = fields.String(required=True)
    current_unit_id = fields.String(required=True)
