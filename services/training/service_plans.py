"""Training plans and schemes: entrypoints of TrainingService (a mixin; nameko runs TrainingService)."""
from services.common.commands import change, create
from services.common.consumer import reliable_event_handler
from services.common.documents import from_document
from services.common.ids import new_id, today
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid, shared
from services.training import api, events_consumed
from services.training.domain import plans
from services.training.domain.model import TrainingPlan, UnitSnapshot
from services.common.projections import apply_in_order, event_version
from services.training.inputs import not_in_future


class PlanEntrypoints:

    # --- units projection (plans set targets for units personnel announced) ------------------
    @reliable_event_handler("personnel", "unit_created")
    def handle_unit_created(self, event):
        self._project_unit(event)

    @reliable_event_handler("personnel", "unit_updated")
    def handle_unit_updated(self, event):
        self._project_unit(event)

    def _project_unit(self, event):
        data = shared(events_consumed.UnitAnnouncedIn).load(event["data"])
        current, version = self.store.find_unit(data["unit_id"])
        unit = apply_in_order(current, from_document(UnitSnapshot, dict(
            data, id=data["unit_id"], source_time=event["time"], source_version=event_version(event))))
        if unit is not None:
            self.store.save_unit(unit, version, applied_event=event["id"])

    # --- plans ---------------------------------------------------------------------------------
    @rpc
    def create_plan(self, payload):
        command = load_or_invalid(shared(api.CreatePlan), payload)
        to_year = command["to_year"] or command["from_year"]
        targets = [dict(target, year=target["year"] or command["from_year"]) for target in command["targets"]]
        units = self.store.units_by_id({target["unit_id"] for target in targets if target["unit_id"]})
        return create(self.store.plans, lambda: plans.create_plan(from_document(TrainingPlan, dict(
            command, id=new_id("pln"), to_year=to_year, targets=targets)), units), shared(api.PlanView).dump)

    @rpc
    def get_plan(self, plan_id):
        return shared(api.PlanView).dump(self.store.plans.get(plan_id))

    @rpc
    def list_plans(self, query=None):
        query = load_or_invalid(shared(api.ListPlansQuery), query or {})
        items, total = self.store.list_plans(**query)
        return {"items": shared(api.PlanView, many=True).dump(items), "total": total}

    @rpc
    def approve_plan(self, plan_id, payload):
        command = load_or_invalid(shared(api.ApprovePlan), payload)
        return change(self.store.plans, plan_id, lambda plan: plans.approve(
            plan, not_in_future("approved_on", command["approved_on"]), command["decision_ref"]),
            shared(api.PlanView).dump)

    @rpc
    def plan_progress(self, plan_id, query=None):
        as_of = load_or_invalid(shared(api.ProgressQuery), query or {})["as_of"] or today()
        plan = self.store.plans.get(plan_id)
        window = plans.counting_window(plan, as_of)
        done = self.store.completed_turns(*window, location=plan.location, kind=plan.kind,
                                          today=today()) if window else {}
        return shared(api.ProgressView).dump(plans.progress(plan, as_of, done))
