"""The training part of the annual report and unit scorecards (a mixin of TrainingService)."""
from datetime import date

from services.common.ids import today
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid
from services.common.schemas_reporting import AnnualReportQuery
from services.common.unit_scope import units_within
from services.training.domain import plans, reporting


class ReportingEntrypoints:

    @rpc
    def annual_report(self, year, unit_id=None, unit_ids=None):
        query = load_or_invalid(AnnualReportQuery(), {"year": year, "unit_id": unit_id, "unit_ids": unit_ids})
        year = query["year"]
        candidates, _ = self.store.list_plans(year=year, status="APPROVED", limit=200)
        annual = [plan for plan in candidates if reporting.is_annual_plan_of(plan, year)]
        done = {}
        for plan in annual:
            window = plans.counting_window(plan, date(year, 12, 31))
            done[plan.id] = self.store.completed_turns(*window, location=plan.location, kind=plan.kind,
                                                       today=today())
        units = units_within([query["unit_id"]] if query["unit_id"] else None, query["unit_ids"])
        return reporting.annual_figures(year, annual, done, query["unit_id"], units)
