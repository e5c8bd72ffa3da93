"""The unit scope the gateway adds to a list or report query: `unit_ids`, the caller's subtree.

It is an internal RPC parameter: public query schemas never declare it (a client sending it gets 400
at the gateway), the services' RPCs load their public query schema extended with it (`scoped`).
"""
import functools

from marshmallow import fields, validate

from services.common.schemas import CommandSchema

# A province has a few hundred units; a bound keeps a hostile or broken caller from sending millions.
MAX_SCOPE_UNITS = 20000


class UnitScope(CommandSchema):
    unit_ids = fields.List(fields.String(validate=validate.Length(min=1, max=64)), load_default=None,
                           allow_none=True, validate=validate.Length(max=MAX_SCOPE_UNITS))


@functools.cache
def scoped(schema_class):
    """`schema_class` plus `unit_ids` (one class per query schema, made once)."""
    return type("Scoped" + schema_class.__name__, (schema_class, UnitScope), {})
