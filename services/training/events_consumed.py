"""Tolerant readers (EventDataSchema: unknown fields ignored) of the personnel events training consumes.
Its own course_cancelled and training_completed are read with their published schemas (events_published.py)."""
from marshmallow import fields

from services.common.schemas import ENTITY_ID, EventDataSchema


class OfficialRegisteredIn(EventDataSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)
    full_name = fields.String(required=True)
    unit_id = fields.String(required=True)
    status = fields.String(required=True)   # plain string: personnel may add statuses later
    birth_date = fields.Date(required=True)
    service_start_date = fields.Date(required=True)


class OfficialSeparatedIn(EventDataSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)
    separated_on = fields.Date(required=True)
    reason = fields.String(required=True)   # plain string: personnel may add reasons later


class EvaluationRecordedIn(EventDataSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)
    year = fields.Integer(required=True)
    rating = fields.String(required=True)


class GapIn(EventDataSchema):
    kind = fields.String(required=True)
    required_level = fields.String(required=True)
    held_level = fields.String(allow_none=True, load_default=None)


class StandardsStatusChangedIn(EventDataSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)
    unit_id = fields.String(allow_none=True, load_default=None)
    position_id = fields.String(required=True)
    met = fields.Boolean(required=True)
    as_of = fields.Date(required=True)
    missing = fields.List(fields.Nested(GapIn), load_default=list)


class RetrainingNeedIn(EventDataSchema):
    kind = fields.String(allow_none=True, load_default=None)
    level = fields.String(allow_none=True, load_default=None)


class ReviewDecidedIn(EventDataSchema):
    review_id = fields.String(required=True, validate=ENTITY_ID)
    official_id = fields.String(required=True, validate=ENTITY_ID)
    unit_id = fields.String(allow_none=True, load_default=None)
    outcome = fields.String(required=True)
    decided_on = fields.Date(required=True)
    retraining_need = fields.Nested(RetrainingNeedIn, allow_none=True, load_default=None)
    content_area = fields.String(allow_none=True, load_default=None)


class UnitAnnouncedIn(EventDataSchema):
    """unit_created / unit_updated."""
    unit_id = fields.String(required=True, validate=ENTITY_ID)
    code = fields.String(required=True)
    name = fields.String(required=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(allow_none=True, load_default=None)


class OfficialTransferredIn(EventDataSchema):
    """official_transferred: training keeps the unit valid today."""
    official_id = fields.String(required=True)
    current_unit_id = fields.String(required=True)
    effective_from = fields.Date(required=True)
