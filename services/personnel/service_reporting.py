"""The personnel part of the annual report and unit scorecards (a mixin of PersonnelService)."""
from services.common.ids import today
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid
from services.common.schemas_reporting import AnnualReportQuery
from services.common.unit_scope import units_within
from services.personnel.domain import reporting
from services.personnel.domain.career_reporting import career_figures


class ReportingEntrypoints:

    @rpc
    def annual_report(self, year, unit_id=None, unit_ids=None):
        query = load_or_invalid(AnnualReportQuery(), {"year": year, "unit_id": unit_id, "unit_ids": unit_ids})
        end = reporting.year_end(query["year"], today())   # the tree, and each official's unit, as on that day
        scope = units_within(self.store.subtree_ids(query["unit_id"], end) if query["unit_id"] else None,
                             query["unit_ids"])
        officials = self.store.standing_in(scope, end)
        figures = reporting.annual_figures(
            query["year"], today(), self.store.schemes_in(scope), officials,
            self.store.all_positions(), self.store.ratings_of_year(scope, query["year"]),
            self.store.disciplines_by_form(scope, query["year"]), self.store.reviews_in(scope), self.store.meets(end))
        figures.update(career_figures(query["year"], officials, self.store.recruited_in(scope, query["year"])))
        return dict(figures, unit_id=query["unit_id"], as_of=figures["as_of"].isoformat())
