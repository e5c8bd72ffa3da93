"""The training part of the province's annual report: turns done vs the year's approved annual plans."""
from datetime import date

from services.training.domain import plans as plan_rules


def annual_figures(year, annual_plans, done_cells_by_plan, unit_id=None, units=None):
    """Turns planned and done for `year` by content area: the share of `units` when given (else of `unit_id`
    when given, else the province's, province-wide targets included)."""
    counted = set(units) if units is not None else ({unit_id} if unit_id else None)
    planned = done = 0
    by_content = {}
    for plan in annual_plans:
        result = plan_rules.progress(plan, date(year, 12, 31), done_cells_by_plan.get(plan.id, {}))
        lines = [line for line in result["by_target"] if counted is None or line["unit_id"] in counted]
        for line in lines:
            planned += line["planned"]
            done += line["done"]
            area = line["content_area"] or "ALL"
            entry = by_content.setdefault(area, {"content_area": area, "planned": 0, "done": 0})
            entry["planned"] += line["planned"]
            entry["done"] += line["done"]
    return {"year": year, "unit_id": unit_id, "turns_planned": planned, "turns_done": done,
            "plans": [plan.id for plan in annual_plans],
            "by_content_area": sorted(by_content.values(), key=lambda e: e["content_area"])}


def is_annual_plan_of(plan, year):
    return plan.from_year == plan.to_year == year and plan.status.value == "APPROVED"
