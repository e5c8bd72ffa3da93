"""The inspection part of the province's annual report: inspections done vs the year's plans,
findings, and TTHC violations by domain."""
from services.inspection.domain import plans as plan_rules
from services.inspection.domain import risk


def annual_figures(year, year_plans, linked_by_plan, ad_hoc, unit_findings, start, end, unit_id=None, units=None):
    """`units`: the units whose plan items count (None: every unit); `unit_id` only labels the answer."""
    counted = None if units is None else set(units)
    planned = done = 0
    for plan in year_plans:
        progress = plan_rules.plan_progress(plan, linked_by_plan.get(plan.id, []), ad_hoc)
        for item in progress.items:
            if counted is None or item.item.unit_id in counted:
                planned += 1
                done += int(item.done)
    violations = risk.tthc_violations(unit_findings, start, end)
    return {"year": year, "unit_id": unit_id, "planned": planned, "done": done, "ad_hoc": ad_hoc,
            "tthc_violations": violations["total"],
            "tthc_violations_by_domain": {row["tthc_domain"]: row["count"] for row in violations["by_domain"]}}
