"""Organisation units: an effective-dated tree of any depth, with successors for mergers and abolitions.

A unit is never deleted: it closes (valid_to) and names its successors, so the 2025 abolition of the
districts (cấp huyện, closed 30 Jun 2025, their work passed to communes) and the merger of Cà Mau
and Bạc Liêu (both closed 30 Jun 2025, one successor province from 1 Jul 2025) are kept as history
and every report can be asked "as of a date".
"""
from dataclasses import dataclass, replace
from datetime import date, timedelta

from services.common.dates import future_date_problem
from services.common.errors import Conflict, Invalid, RuleViolation
from services.personnel.domain.events import UnitCreated, UnitUpdated

# Closing a unit with anything still in force under it needs its successors (docs/domain.md "Organisation
# changes on a date"): otherwise sub-units would hang under a parent that no longer exists and officials and
# positions would be left in a unit no report counts.
CLOSURE_BASIS = "Law 72/2025/QH15 (local government organisation) and Resolution 202/2025/QH15: a merged or " \
                "abolished unit's tasks, staff and positions pass to its successor"


@dataclass(frozen=True)
class DatedRef:
    """Where something belonged from a date: a unit's parent, a position's unit (valid_from None: since it was
    created). The latest one taking effect on or before a day answers for that day."""
    ref: str | None
    valid_from: date | None = None
    decision_ref: str | None = None




def ref_on(history, current, day):
    """What `history` (DatedRef, oldest first) says on `day`; `current` when there is no history."""
    valid = [entry for entry in history if entry.valid_from is None or entry.valid_from <= day]
    return valid[-1].ref if valid else (history[0].ref if history else current)


def parent_on(unit, day):
    return ref_on(unit.parent_history, unit.parent_id, day)


def unit_of_position_on(position, day):
    return ref_on(position.unit_history, position.unit_id, day)


def positions_on(positions, day, unit_ids):
    """The positions in `unit_ids` on `day`, each with its unit of then."""
    dated = [replace(position, unit_id=unit_of_position_on(position, day)) for position in positions]
    return [position for position in dated if position.unit_id in set(unit_ids)]


def unit_as_of(unit, day):
    """The unit as the tree stood on `day` (its parent then)."""
    return replace(unit, parent_id=parent_on(unit, day))


def moved_history(history, current, new_ref, effective_from, decision_ref, field):
    """`history` with a move to `new_ref` from `effective_from` (the first move also keeps where it was)."""
    history = list(history) or [DatedRef(current)]
    last = history[-1].valid_from
    if last is not None and effective_from <= last:
        raise Invalid("a move must take effect after the last one", fields={field: [
            "the last move took effect on {}".format(last)]})
    return [*history, DatedRef(new_ref, effective_from, decision_ref)]


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


def update_unit(unit, changes, parent, ancestors_of_parent, today):
    """Rename, move under another parent from a date or change the head; a unit cannot become its own ancestor.

    A move keeps the earlier parent for earlier dates (parent_history): the tree as of a day before the move
    is unchanged. It needs `effective_from` (not after today, not before the unit starts) and may name its
    decision (`decision_ref`)."""
    changes = dict(changes)
    effective_from, decision_ref = changes.pop("effective_from", None), changes.pop("decision_ref", None)
    moving = "parent_id" in changes and changes["parent_id"] != unit.parent_id
    if not moving and (effective_from or decision_ref):
        raise Invalid("effective_from and decision_ref date a move under another parent",
                      fields={"effective_from": ["only with a new parent_id"]})
    updated = replace(unit, **changes)
    if moving:
        if effective_from is None:
            raise Invalid("a move under another parent takes effect on a date", fields={"effective_from": [
                "required with parent_id (the tree before that date keeps the current parent)"]})
        problem = future_date_problem(effective_from, today)
        if problem or effective_from < unit.valid_from:
            raise Invalid("the move's date is not acceptable", fields={"effective_from": [
                problem or "before the unit starts ({})".format(unit.valid_from)]})
        if updated.parent_id and (updated.parent_id == unit.id or unit.id in ancestors_of_parent):
            raise Invalid("a unit cannot be placed under itself", fields={"parent_id": ["would make a cycle"]})
        if parent is not None:
            require_in_force(parent, effective_from, field="parent_id")
        updated = replace(updated, parent_history=moved_history(unit.parent_history, unit.parent_id,
                                                                updated.parent_id, effective_from, decision_ref,
                                                                "effective_from"))
    return updated, [unit_event(UnitUpdated, updated)]


@dataclass(frozen=True)
class Contents:
    """What is still in force under a unit the day after it would close."""
    unit_ids: list
    position_ids: list
    official_ids: list

    def __bool__(self):
        return bool(self.unit_ids or self.position_ids or self.official_ids)


def check_closable(unit, valid_to, successors, contents):
    """Closing a unit with sub-units, positions or officials in force after `valid_to` needs successors."""
    if contents and not successors:
        named = {"unit_ids": contents.unit_ids, "position_ids": contents.position_ids,
                 "official_ids": contents.official_ids}
        raise RuleViolation("unit {} still has units, positions or officials in force after {}: name its "
                            "successors (or reorganise: POST /api/v1/units/reorganisations)".format(unit.id, valid_to),
                            rule="UNIT_NOT_EMPTY", legal_basis=CLOSURE_BASIS,
                            fields={"successor_ids": ["required: {}".format("; ".join(
                                "{} {}".format(len(ids), name.replace("_ids", "(s)")) for name, ids in named.items()
                                if ids))]})


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
