"""The inspection part of the annual report and unit scorecards (a mixin of InspectionService)."""
from datetime import date

from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid
from services.common.schemas_reporting import AnnualReportQuery
from services.common.unit_scope import units_within
from services.inspection.domain import reporting


class ReportingEntrypoints:

    @rpc
    def annual_report(self, year, unit_id=None, unit_ids=None):
        query = load_or_invalid(AnnualReportQuery(), {"year": year, "unit_id": unit_id, "unit_ids": unit_ids})
        year, unit_id = query["year"], query["unit_id"]
        units = units_within([unit_id] if unit_id else None, query["unit_ids"])
        year_plans, _ = self.store.list_plans(year=year, limit=200)
        linked = {plan.id: self.store.inspections_of_plan(plan.id) for plan in year_plans}
        return reporting.annual_figures(year, year_plans, linked, self.store.count_ad_hoc(year, units),
                                        self.store.tthc_findings(unit_ids=units), date(year, 1, 1),
                                        date(year, 12, 31), unit_id, units)
