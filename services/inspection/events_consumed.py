"""Tolerant readers (EventDataSchema: unknown fields ignored) of the events inspection projects: personnel's
units and officials, and feedback's risk signals."""
from marshmallow import fields

from services.common.schemas import EventDataSchema


# --- personnel.events -------------------------------------------------------------------------
class UnitCreatedIn(EventDataSchema):
    unit_id = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(allow_none=True, load_default=None)
    head_official_id = fields.String(allow_none=True, load_default=None)


class OfficialRegisteredIn(EventDataSchema):
    official_id = fields.String(required=True)
    full_name = fields.String(required=True)
    unit_id = fields.String(required=True)
    status = fields.String(required=True)


class OfficialUpdatedIn(EventDataSchema):
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    full_name = fields.String(load_default=None)
    status = fields.String(load_default=None)
    effective_on = fields.Date(load_default=None, allow_none=True)   # else the day the event was sent


class UnitPeriodIn(EventDataSchema):
    unit_id = fields.String(required=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(allow_none=True, load_default=None)


class OfficialTransferredIn(EventDataSchema):
    official_id = fields.String(required=True)
    current_unit_id = fields.String(required=True)
    effective_from = fields.Date(required=True)
    unit_periods = fields.List(fields.Nested(UnitPeriodIn), required=True, validate=lambda v: len(v) > 0)


class OfficialSeparatedIn(EventDataSchema):
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    separated_on = fields.Date(required=True)


# --- feedback.events: the risk-signal projection ----------------------------------------------
class FeedbackReceivedIn(EventDataSchema):
    feedback_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True, load_default=None)
    official_id = fields.String(allow_none=True, load_default=None)
    received_on = fields.Date(required=True)


class FeedbackSubjectChangedIn(EventDataSchema):
    feedback_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    official_id = fields.String(allow_none=True, load_default=None)


class FeedbackSubstantiatedIn(EventDataSchema):
    feedback_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True, load_default=None)
    official_id = fields.String(allow_none=True, load_default=None)
    answered_on = fields.Date(required=True)
    summary = fields.String(allow_none=True, load_default=None)


class FeedbackOverdueIn(EventDataSchema):
    feedback_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True, load_default=None)
    official_id = fields.String(allow_none=True, load_default=None)
    deadline = fields.String(required=True)
    due_on = fields.Date(required=True)
