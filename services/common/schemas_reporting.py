"""The query every service's `annual_report` RPC takes (the gateway's annual report and scorecards).

`unit_ids`: the units the report covers (a scoped caller's subtree, or a scorecard's unit and its sub-units),
within `unit_id` when both are given; neither: the whole province."""
from marshmallow import fields, validate

from services.common.schemas_scope import UnitScope


class AnnualReportQuery(UnitScope):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    unit_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=64))
