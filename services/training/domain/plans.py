"""Training plans: yearly targets in turns (lượt) by unit and content area, and their progress.

A turn is done when an official completes a course (a certificate under rule 8); failed and
cancelled enrollments are not turns done. A turn counts in the year of its completion, for the
unit the official belonged to when enrolled and the content area of the course. A multi-year
scheme (đề án, e.g. overseas training 2017-2025) is a plan over several years, optionally counting
only one location (OVERSEAS) or one kind of training.
"""
from dataclasses import replace
from datetime import date

from services.common.errors import Conflict, Invalid
from services.training.domain.enums import PlanStatus
from services.training.domain.events import TrainingPlanApproved

MAX_YEARS = 20


def create_plan(plan, units):
    """A DRAFT plan; `units` maps the targets' unit ids to what personnel announced (or None)."""
    problems = {}
    if plan.to_year < plan.from_year:
        problems["to_year"] = ["must not be before from_year ({})".format(plan.from_year)]
    elif plan.to_year - plan.from_year >= MAX_YEARS:
        problems["to_year"] = ["a plan spans at most {} years".format(MAX_YEARS)]
    target_problems, seen = {}, set()
    for index, target in enumerate(plan.targets):
        if not problems and not plan.from_year <= target.year <= plan.to_year:
            target_problems[index] = {"year": ["{} is outside the plan's years {}-{}".format(
                target.year, plan.from_year, plan.to_year)]}
        elif target.unit_id is not None:
            unit = units.get(target.unit_id)
            if unit is None:
                target_problems[index] = {"unit_id": ["unknown unit {}: not announced by personnel".format(
                    target.unit_id)]}
            elif not unit.in_force_during(target.year):
                target_problems[index] = {"unit_id": ["unit {} is not in force in {} (valid {} to {})".format(
                    unit.code, target.year, unit.valid_from, unit.valid_to or "now")]}
        cell = (target.year, target.unit_id, target.content_area)
        if cell in seen:
            target_problems[index] = {"unit_id": ["a second target for {} / {} in {}".format(
                target.unit_id or "any unit", _code(target.content_area) or "any content", target.year)]}
        seen.add(cell)
    if target_problems:
        problems["targets"] = target_problems
    if problems:
        raise Invalid("the plan is not valid", fields=problems)
    return plan, []


def approve(plan, approved_on, decision_ref):
    if plan.status == PlanStatus.APPROVED:
        raise Conflict("the plan is already approved", fields={"plan_id": [
            "plan {} was approved on {}".format(plan.id, plan.approved_on)]})
    approved = replace(plan, status=PlanStatus.APPROVED, approved_on=approved_on, decision_ref=decision_ref)
    return approved, [TrainingPlanApproved(
        subject=plan.id, plan_id=plan.id, title=plan.title, from_year=plan.from_year, to_year=plan.to_year,
        location=plan.location, kind=plan.kind, approved_on=approved_on,
        decision_ref=decision_ref, planned_turns=planned_turns(plan))]


def planned_turns(plan):
    return sum(target.turns for target in plan.targets)


def counting_window(plan, as_of):
    """(first day, last day) of the completions the plan counts as of `as_of` (None if none yet)."""
    first, last = date(plan.from_year, 1, 1), min(as_of, date(plan.to_year, 12, 31))
    return (first, last) if first <= last else None


def _percent(done, planned):
    return round(100.0 * done / planned, 1) if planned else None


def _line(key, planned, done):
    return dict(key, planned=planned, done=done, percent=_percent(done, planned))


def _code(value):
    return getattr(value, "value", value)


def progress(plan, as_of, done_cells):
    """Turns done vs planned, by target, unit, content area and year, as of `as_of`.

    `done_cells`: {(year, unit_id, content_area): completed turns} within the counting window.
    Turns no target counts are reported apart (`unplanned_done`), not in the percentages.
    """
    by_target = []
    groups = {"unit_id": ({}, {}), "content_area": ({}, {}), "year": ({}, {})}
    for target in plan.targets:
        done = sum(n for cell, n in done_cells.items() if target.counts(*cell))
        key = {"year": target.year, "unit_id": target.unit_id, "content_area": _code(target.content_area)}
        by_target.append(_line(key, target.turns, done))
        for name, (planned_by, done_by) in groups.items():
            planned_by[key[name]] = planned_by.get(key[name], 0) + target.turns
            done_by[key[name]] = done_by.get(key[name], 0) + done
    planned = planned_turns(plan)
    done = sum(line["done"] for line in by_target)

    def lines(name):
        planned_by, done_by = groups[name]
        return [_line({name: k}, planned_by[k], done_by[k]) for k in sorted(planned_by, key=lambda k: (k is None, k))]
    return {
        "plan_id": plan.id, "title": plan.title, "status": plan.status.value, "as_of": as_of,
        "from_year": plan.from_year, "to_year": plan.to_year, "planned": planned, "done": done,
        "percent": _percent(done, planned),
        "unplanned_done": sum(n for cell, n in done_cells.items()
                              if not any(t.counts(*cell) for t in plan.targets)),
        "by_target": by_target, "by_unit": lines("unit_id"), "by_content_area": lines("content_area"),
        "by_year": lines("year"),
    }
