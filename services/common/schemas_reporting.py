"""The query every service's `annual_report` RPC takes (the gateway's annual report and scorecards)."""
from marshmallow import fields, validate

from services.common.schemas import CommandSchema


class AnnualReportQuery(CommandSchema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    unit_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=64))
