"""Organisation units: an effective-dated tree of any depth."""
from services.common.domain_event import DomainEvent
from services.common.errors import Invalid


def create_unit(unit, parent):
    if unit.parent_id and parent is None:
        raise Invalid("unknown parent unit", fields={"parent_id": ["unit {} not found".format(unit.parent_id)]})
    if parent is not None and not parent.is_valid_on(unit.valid_from):
        raise Invalid("the parent unit is not in force when this unit starts",
                      fields={"parent_id": ["unit {} is not valid on {}".format(parent.id, unit.valid_from)]})
    return unit, [DomainEvent("unit_created", unit.id, {
        "unit_id": unit.id, "code": unit.code, "name": unit.name, "level": unit.level,
        "parent_id": unit.parent_id, "valid_from": unit.valid_from, "valid_to": unit.valid_to,
        "head_official_id": unit.head_official_id})]
