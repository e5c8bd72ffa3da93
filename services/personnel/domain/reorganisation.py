"""A reorganisation of units on a date (sắp xếp tổ chức bộ máy): one decision closes units and names, for each,
the successor that carries on from the effective date. Everything in force under a closed unit follows its
successor from that date: its sub-units (moved under the successor), its job positions (moved into it) and the
officials placed in it (a PLACEMENT record by the same decision each). Earlier dates keep the old tree, units,
positions and placements: reports as of a day before the reorganisation are unchanged.

The 2025 reorganisation in one call: Cà Mau and Bạc Liêu provinces closed on 30 Jun 2025, one successor province
from 1 Jul 2025 (Resolution 202/2025/QH15); the districts abolished, their work passed to communes (Law 72/2025/QH15
on local government organisation). One successor per closed unit: the unit receiving its staff and positions.

Every check runs before anything is written (the service first plans on what it read, then writes each
document at its version); a retry of an interrupted reorganisation completes it (what already moved is skipped).
"""
from dataclasses import dataclass, replace
from datetime import date, timedelta

from services.common.dates import future_date_problem
from services.common.errors import Invalid
from services.personnel.domain import history
from services.personnel.domain.enums import HistoryKind, OfficialStatus
from services.personnel.domain.events import UnitSuccession, UnitsReorganised
from services.personnel.domain.units import (close_unit, moved_history, parent_on, require_in_force,
                                             unit_event, unit_of_position_on)
from services.personnel.domain.events import UnitUpdated


@dataclass(frozen=True)
class Succession:
    unit_id: str
    successor_id: str


@dataclass(frozen=True)
class Reorganisation:
    id: str
    effective_from: date
    decision: history.Decision
    closures: list[Succession]
    recorded_on: date
    reparented: list[Succession]
    position_ids: list[str]
    official_ids: list[str]


def check(closures, effective_from, decision, units, today):
    """[(closed unit, successor unit)] once the closures are acceptable: each unit closed once, in force the day
    before, its successor in force on the date and not closed by the same decision."""
    problem = future_date_problem(effective_from, today)
    if problem:
        raise Invalid("the reorganisation's date is not acceptable", fields={"effective_from": [problem]})
    closed_ids = [c.unit_id for c in closures]
    duplicates = sorted({i for i in closed_ids if closed_ids.count(i) > 1})
    if duplicates:
        raise Invalid("a unit is closed once", fields={"closures": ["closed twice: " + ", ".join(duplicates)]})
    chained = sorted({c.successor_id for c in closures} & set(closed_ids))
    if chained:
        raise Invalid("a successor cannot be closed by the same decision",
                      fields={"closures": ["closed and successor: " + ", ".join(chained)]})
    last_day = effective_from - timedelta(days=1)
    pairs = []
    for closure in closures:
        unit, successor = units[closure.unit_id], units[closure.successor_id]
        require_in_force(unit, last_day, field="closures")
        require_in_force(successor, effective_from, field="closures")
        pairs.append((unit, successor))
    return pairs


def close(unit, successor, effective_from, decision):
    """The closed unit (valid to the day before, naming its successor); unchanged when already closed so."""
    last_day = effective_from - timedelta(days=1)
    if unit.valid_to == last_day and unit.successor_ids == [successor.id]:
        return None
    return close_unit(unit, last_day, [successor], decision.number)


def reparent(child, successor_by_unit, effective_from, decision):
    """A sub-unit still in force on the date, under a closed unit then: under the successor from the date."""
    parent = parent_on(child, effective_from)
    if parent not in successor_by_unit or not child.is_valid_on(effective_from) or child.id in successor_by_unit:
        return None
    moved = replace(child, parent_id=successor_by_unit[parent], parent_history=moved_history(
        child.parent_history, child.parent_id, successor_by_unit[parent], effective_from, decision.number,
        "closures"))
    return moved, [unit_event(UnitUpdated, moved)]


def move_position(position, successor_by_unit, effective_from, decision):
    """A job position of a closed unit: in the successor from the date (its id and quota kept)."""
    unit_id = unit_of_position_on(position, effective_from)
    if unit_id not in successor_by_unit:
        return None
    return replace(position, unit_id=successor_by_unit[unit_id], unit_history=moved_history(
        position.unit_history, position.unit_id, successor_by_unit[unit_id], effective_from, decision.number,
        "closures"))


def move_official(official, successor_by_unit, context, effective_from, decision, reorganisation_id):
    """An official in service on the date and placed in a closed unit then: a PLACEMENT record into the
    successor (same position, which moved with its unit) by the reorganisation's decision."""
    if official.status == OfficialStatus.SEPARATED or official.service_start_date > effective_from:
        return None
    then = history.standing_on(official, effective_from)
    if then.unit_id not in successor_by_unit:
        return None
    record = history.HistoryRecord(id="", kind=HistoryKind.PLACEMENT, effective_from=effective_from,
                                   recorded_on=context.today, decision=decision,
                                   unit_id=successor_by_unit[then.unit_id], position_id=then.position_id,
                                   reorganisation_id=reorganisation_id)
    return history.add_record(official, record, context)


def summary(reorganisation):
    """The reorganisation's record and its event."""
    return reorganisation, [UnitsReorganised(
        subject=reorganisation.id, reorganisation_id=reorganisation.id,
        effective_from=reorganisation.effective_from, decision_number=reorganisation.decision.number,
        signer=reorganisation.decision.signer, signed_on=reorganisation.decision.signed_on,
        legal_basis=reorganisation.decision.legal_basis,
        closures=[UnitSuccession(unit_id=c.unit_id, successor_id=c.successor_id) for c in reorganisation.closures],
        reparented=[UnitSuccession(unit_id=c.unit_id, successor_id=c.successor_id)
                    for c in reorganisation.reparented],
        position_ids=list(reorganisation.position_ids), officials_moved=len(reorganisation.official_ids))]


def plan(reorganisation_id, closures, effective_from, decision, units, children, positions, officials, today):
    """Everything the reorganisation changes, computed before anything is written (raises on the first problem):
    {"units": [(unit, events)], "positions": [position], "officials": [(official, events)], "record": (r, events)}."""
    pairs = check(closures, effective_from, decision, units, today)
    successor_by_unit = {unit.id: successor.id for unit, successor in pairs}
    changed_units = [changed for changed in (close(u, s, effective_from, decision) for u, s in pairs) if changed]
    moved_children = [moved for moved in (reparent(child, successor_by_unit, effective_from, decision)
                                          for child in children) if moved]
    moved_positions = [moved for moved in (move_position(p, successor_by_unit, effective_from, decision)
                                           for p in positions) if moved]
    all_positions = {p.id: p for p in positions}
    all_positions.update({p.id: p for p in moved_positions})
    context = history.Context(units=units, positions=all_positions, today=today)
    moved_officials = [moved for moved in (move_official(o, successor_by_unit, context, effective_from, decision,
                                                         reorganisation_id) for o in officials) if moved]
    record = Reorganisation(
        id=reorganisation_id, effective_from=effective_from, decision=decision, recorded_on=today,
        closures=list(closures), reparented=[Succession(u.id, u.parent_id) for u, _ in moved_children],
        position_ids=[p.id for p in moved_positions], official_ids=[o.id for o, _ in moved_officials])
    return {"units": moved_children + changed_units, "positions": moved_positions, "officials": moved_officials,
            "record": summary(record), "context": context, "successor_by_unit": successor_by_unit}
