"""Inspection entrypoints of annual plans, risk signals and TTHC violation reports (mixed into the service)."""
from datetime import date

from services.common.commands import create
from services.common.documents import from_document
from services.common.errors import Invalid
from services.common.ids import new_id, today
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid, shared
from services.common.schemas_scope import scoped
from services.inspection import api
from services.inspection.domain import plans, risk


class PlanEntrypoints:
    @rpc
    def create_plan(self, payload):
        command = load_or_invalid(shared(api.CreatePlan), payload)

        def decide():
            candidate = from_document(plans.InspectionPlan, dict(command, id=new_id("plan"), items=[
                dict(item, id="new") for item in command["items"]]))
            # A plan announces nothing: no events.
            return plans.create_plan(candidate, self.store.find_units([item.unit_id for item in candidate.items])), ()
        return create(self.store.plans, decide, self._plan_view)

    @rpc
    def get_plan(self, plan_id):
        return self._plan_view(self.store.plans.get(plan_id))

    @rpc
    def list_plans(self, query=None):
        query = load_or_invalid(shared(api.ListPlansQuery), query or {})
        items, total = self.store.list_plans(**query)
        return {"items": [self._plan_view(plan) for plan in items], "total": total}

    # --- risk signals and reports ---------------------------------------------------------------
    @rpc
    def risk_candidates(self, query=None):
        query = load_or_invalid(shared(scoped(api.PeriodQuery)), query or {})
        start, end = self._period(query)
        signals = self.store.signals_between(start, end, query["unit_ids"])
        items = risk.risk_candidates(signals, start, end, self.settings.thresholds,
                                     unit_names=self.store.unit_names({signal.unit_id for signal in signals}),
                                     last_inspections=self.store.last_inspections(start, end))
        return {"items": shared(api.RiskCandidateView, many=True).dump(items), "total": len(items)}

    @rpc
    def tthc_violations(self, query=None):
        query = load_or_invalid(shared(scoped(api.ViolationsQuery)), query or {})
        start, end = self._period(query)
        report = risk.tthc_violations(self.store.tthc_findings(query.get("unit_id"), query["unit_ids"]), start, end)
        names = self.store.unit_names({row["unit_id"] for row in report["by_unit"]})
        for row in report["by_unit"]:
            row["unit_name"] = names.get(row["unit_id"])
        return shared(api.ViolationsView).dump(dict(report, start=start, end=end))

    def _plan_view(self, plan):
        progress = plans.plan_progress(plan, self.store.inspections_of_plan(plan.id),
                                       self.store.count_ad_hoc(plan.year))
        items = [dict(p.item.__dict__, inspection_id=p.inspection_id, stage=p.stage, done=p.done)
                 for p in progress.items]
        totals = {key: getattr(progress, key) for key in ("planned", "started", "done", "percent_done", "ad_hoc")}
        return shared(api.PlanView).dump(dict(plan.__dict__, items=items, **totals))

    @staticmethod
    def _period(query):
        end = query.get("end") or today()
        start = query.get("start") or date(end.year, 1, 1)
        if start > end:
            raise Invalid("the period is empty", fields={"from": ["must not be after 'to' ({})".format(end)]})
        return start, end
