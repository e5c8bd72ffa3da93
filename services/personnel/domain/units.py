"""Organisation units: an effective-dated tree of any depth, with successors for mergers and abolitions.

A unit is never deleted: it closes (valid_to) and names its successors, so the 2025 abolition of the
districts (cấp huyện, closed 30 Jun 2025, their work passed to communes) and the merger of Cà Mau
and Bạc Liêu (both closed 30 Jun 2025, one successor province from 1 Jul 2025) are kept as history
and every report can be asked "as of a date".
"""
from dataclasses import replace
from datetime import timedelta

from services.common.errors import Conflict, Invalid, RuleViolation
from services.personnel.domain.events import UnitCreated, UnitUpdated


def unit_event(event_class, unit):
    """UnitCreated or UnitUpdated: the unit as it now stands."""
    return event_class(
        subject=unit.id, unit_id=unit.id, code=unit.code, name=unit.name, level=unit.level,
        unit_type=unit.unit_type, parent_id=unit.parent_id, valid_from=unit.valid_from, valid_to=unit.valid_to,
        head_official_id=unit.head_official_id, successor_ids=list(unit.successor_ids))


def check_parent(unit, parent):
    if unit.parent_id and parent is None:
        raise Invalid("unknown parent unit", fields={"parent_id": ["unit {} not found".format(unit.parent_id)]})
    if parent is not None and not parent.is_valid_on(unit.valid_from):
        raise RuleViolation("the parent unit is not in force when this unit starts", rule="UNIT_NOT_IN_FORCE",
                            legal_basis=parent.closure_decision_ref or parent.decision_ref or "the parent's "
                            "establishment decision", fields={"parent_id": ["unit {} is not valid on {}".format(
                                parent.id, unit.valid_from)]})


def create_unit(unit, parent):
    check_parent(unit, parent)
    return unit, [unit_event(UnitCreated, unit)]


def update_unit(unit, changes, parent, ancestors_of_parent):
    """Rename, move under another parent or change the head; a unit cannot become its own ancestor."""
    updated = replace(unit, **changes)
    if "parent_id" in changes and updated.parent_id:
        if updated.parent_id == unit.id or unit.id in ancestors_of_parent:
            raise Invalid("a unit cannot be placed under itself", fields={"parent_id": ["would make a cycle"]})
        check_parent(updated, parent)
    return updated, [unit_event(UnitUpdated, updated)]


def close_unit(unit, valid_to, successors, decision_ref):
    """Abolish or merge: the unit ends on `valid_to`; its successors carry on from the next day."""
    if unit.valid_to is not None and unit.valid_to < valid_to:
        raise Conflict("unit {} already closed on {}".format(unit.id, unit.valid_to))
    if valid_to < unit.valid_from:
        raise Invalid("a unit cannot close before it starts",
                      fields={"valid_to": ["before {}".format(unit.valid_from)]})
    next_day = valid_to + timedelta(days=1)
    for successor in successors:
        if successor.id == unit.id:
            raise Invalid("a unit cannot succeed itself", fields={"successor_ids": [unit.id]})
        if not successor.is_valid_on(next_day):
            raise RuleViolation("successor {} is not in force on {}".format(successor.id, next_day),
                                rule="UNIT_NOT_IN_FORCE", legal_basis=decision_ref,
                                fields={"successor_ids": ["{} not valid on {}".format(successor.id, next_day)]})
    closed = replace(unit, valid_to=valid_to, successor_ids=[s.id for s in successors],
                     closure_decision_ref=decision_ref)
    return closed, [unit_event(UnitUpdated, closed)]


def require_in_force(unit, day, field="unit_id"):
    """A unit that did not exist on the given date refuses the fact (422 naming its decision)."""
    if not unit.is_valid_on(day):
        raise RuleViolation("unit {} is not in force on {}".format(unit.id, day), rule="UNIT_NOT_IN_FORCE",
                            legal_basis=unit.closure_decision_ref or unit.decision_ref or "the unit's "
                            "establishment decision",
                            fields={field: ["unit {} is not valid on {}".format(unit.id, day)]})
