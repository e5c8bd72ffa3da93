"""Annual inspection plans: target units and topics; completion = planned items done vs planned (%).

An item is done when the inspection carrying it out is concluded (its conclusion issued); ad-hoc
inspections (AD_HOC, đột xuất) of the plan's year are counted beside the plan, not in its percentage.
"""
from dataclasses import dataclass, field, replace
from datetime import date

from services.common.errors import Conflict, Invalid
from services.inspection.domain.enums import InspectionForm, InspectionKind, InspectionTopic

MAX_ITEMS = 500


@dataclass(frozen=True)
class PlanItem:
    id: str
    unit_id: str
    topic: InspectionTopic
    kind: InspectionKind
    note: str | None = None


@dataclass(frozen=True)
class InspectionPlan:
    id: str
    year: int
    title: str
    approved_on: date
    items: list[PlanItem] = field(default_factory=list)

    def item(self, item_id):
        return next((item for item in self.items if item.id == item_id), None)


def create_plan(candidate, units):
    """A plan whose every target unit is known and in force during the year, each (unit, topic) once."""
    first, last = date(candidate.year, 1, 1), date(candidate.year, 12, 31)
    problems, seen = {}, set()
    for index, item in enumerate(candidate.items):
        unit = units.get(item.unit_id)
        if unit is None:
            problems[index] = {"unit_id": ["unit {} is not known".format(item.unit_id)]}
        elif unit.valid_from > last or (unit.valid_to is not None and unit.valid_to < first):
            problems[index] = {"unit_id": ["unit {} is not in force in {}".format(item.unit_id, candidate.year)]}
        elif (item.unit_id, item.topic) in seen:
            problems[index] = {"topic": ["unit {} is already planned for {}".format(item.unit_id, item.topic)]}
        seen.add((item.unit_id, item.topic))
    if problems:
        raise Invalid("the plan's items are not valid", fields={"items": problems})
    if candidate.approved_on.year > candidate.year:
        raise Invalid("approved after its year", fields={"approved_on": [
            "a plan for {} is approved by the end of that year".format(candidate.year)]})
    items = [replace(item, id="{}-item-{}".format(candidate.id, n)) for n, item in enumerate(candidate.items, 1)]
    return replace(candidate, items=items)


def check_plan_link(candidate, plan, taken_by=None):
    """An inspection carrying out a plan item: planned form, same unit and topic, within the plan's year."""
    if candidate.plan_id is None and candidate.plan_item_id is None:
        return
    if candidate.plan_id is None or candidate.plan_item_id is None:
        missing = "plan_id" if candidate.plan_id is None else "plan_item_id"
        raise Invalid("a plan link names the plan and its item", fields={missing: ["required with the other"]})
    if plan is None:
        raise Invalid("unknown plan", fields={"plan_id": ["plan {} is not known".format(candidate.plan_id)]})
    item = plan.item(candidate.plan_item_id)
    problems = {}
    if item is None:
        problems["plan_item_id"] = ["item {} is not in plan {}".format(candidate.plan_item_id, plan.id)]
    else:
        if item.unit_id != candidate.unit_id:
            problems["unit_id"] = ["the plan item targets unit {}".format(item.unit_id)]
        if item.topic != candidate.topic:
            problems["topic"] = ["the plan item's topic is {}".format(item.topic)]
    if candidate.form != InspectionForm.PLANNED:
        problems["form"] = ["an inspection carrying out a plan item is PLANNED"]
    if candidate.decision_date.year != plan.year:
        problems["decision_date"] = ["plan {} is for {}".format(plan.id, plan.year)]
    if problems:
        raise Invalid("the inspection does not match its plan item", fields=problems)
    if taken_by:
        raise Conflict("plan item {} is already carried out by inspection {}".format(item.id, taken_by))


@dataclass(frozen=True)
class ItemProgress:
    item: PlanItem
    inspection_id: str | None
    stage: str | None
    done: bool


@dataclass(frozen=True)
class PlanProgress:
    plan: InspectionPlan
    items: list[ItemProgress]
    planned: int
    started: int
    done: int
    percent_done: float
    ad_hoc: int


def plan_progress(plan, linked_inspections, ad_hoc_count):
    """Done vs planned: `linked_inspections` are the inspections carrying out this plan's items."""
    by_item = {inspection.plan_item_id: inspection for inspection in linked_inspections}
    items = []
    for item in plan.items:
        inspection = by_item.get(item.id)
        items.append(ItemProgress(item, inspection.id if inspection else None,
                                  inspection.stage if inspection else None,
                                  bool(inspection and inspection.is_concluded)))
    planned, done = len(items), sum(1 for i in items if i.done)
    return PlanProgress(plan, items, planned, sum(1 for i in items if i.inspection_id), done,
                        round(100.0 * done / planned, 1) if planned else 0.0, ad_hoc_count)
