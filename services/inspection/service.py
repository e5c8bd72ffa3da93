"""Inspection service: nameko entrypoints only (load -> domain -> store -> dump)."""

from services.common.commands import change, create
from services.common.documents import from_document
from services.common.scans import change_each
from services.common.health import HealthEntrypoint
from services.common.profile_sections import ProfileSectionsEntrypoint
from services.common.ids import new_id, today
from services.common.mongo import Storage
from services.common.rpc_errors import domain_rpc as rpc  # typed errors cross RPC as themselves
from services.common.schemas import load_or_invalid, shared
from services.common.schemas_scope import scoped
from services.common.timers import singleton_timer
from services.inspection import api
from services.inspection.domain import followup, inspections, plans, stages
from services.inspection.domain.deadlines import status_of
from services.inspection.domain.model import Conclusion, Finding, Inspection, ProgressReport, Recommendation
from services.inspection.service_plans import PlanEntrypoints
from services.inspection.service_reporting import ReportingEntrypoints
from services.inspection.service_projections import ProjectionHandlers
from services.inspection.settings import Settings
from services.inspection.store import InspectionStore

# Recommendation deadlines are days: an hourly look is plenty (INSPECTION_OVERDUE_SCAN_SECONDS).
OVERDUE_SCAN_SECONDS = 3600


class InspectionService(HealthEntrypoint, ProfileSectionsEntrypoint, PlanEntrypoints, ReportingEntrypoints,
                        ProjectionHandlers):
    name = "inspection"
    store = Storage(InspectionStore)
    settings = Settings()

    # --- inspections and their stages -----------------------------------------------------------
    @rpc
    def open_inspection(self, payload):
        command = load_or_invalid(shared(api.OpenInspection), payload)

        def decide():
            candidate = from_document(Inspection, dict(command, id=new_id("insp")))
            plans.check_plan_link(candidate, self.store.find_plan(candidate.plan_id) if candidate.plan_id else None,
                                  self.store.plan_item_taken_by(candidate.plan_id, candidate.plan_item_id))
            return inspections.open_inspection(candidate, self.store.find_unit(command["unit_id"]))
        return create(self.store.inspections, decide, self._view)

    @rpc
    def get_inspection(self, inspection_id):
        return self._view(self.store.inspections.get(inspection_id))

    @rpc
    def list_inspections(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListInspectionsQuery)), query or {})
        items, total, following = self.store.list_inspections(**query)
        return {"items": [self._view(i, api.InspectionSummaryView) for i in items], "total": total, "next": following}

    @rpc
    def advance_stage(self, inspection_id, payload):
        command = load_or_invalid(shared(api.AdvanceStage), payload)
        return change(self.store.inspections, inspection_id, lambda inspection: stages.advance(
            inspection, command["stage"], command["entered_on"], command["note"], today=today()), self._view)

    @rpc
    def record_finding(self, inspection_id, payload):
        command = load_or_invalid(shared(api.RecordFinding), payload)

        def decide(inspection):
            finding = from_document(Finding, dict(command, id=new_id("fnd"), recorded_on=today()))
            named = self.store.find_officials(finding.responsible_official_ids)
            return inspections.record_finding(inspection, finding, named)
        # The answer is the finding just recorded, not the whole inspection.
        return change(self.store.inspections, inspection_id, decide,
                      lambda updated: shared(api.FindingView).dump(updated.findings[-1]))

    @rpc
    def conclude(self, inspection_id, payload):
        command = load_or_invalid(shared(api.Conclude), payload)

        def decide(inspection):
            recommendations = [from_document(Recommendation, dict(r, id=new_id("rec")))
                               for r in command["recommendations"]]
            return inspections.conclude(inspection, from_document(Conclusion, command), recommendations,
                                        today=today())
        return change(self.store.inspections, inspection_id, decide, self._view)

    @rpc
    def list_findings(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListFindingsQuery)), query or {})
        items, total = self.store.list_findings(**query)
        return {"items": shared(api.FindingItemView, many=True).dump(items), "total": total}

    def profile_readers(self, official_id):
        return {"inspection_findings": lambda: self.list_findings({"official_id": official_id})}

    # --- follow-up ------------------------------------------------------------------------------
    @rpc
    def report_progress(self, inspection_id, recommendation_id, payload):
        command = load_or_invalid(shared(api.ReportProgress), payload)

        def decide(inspection):
            report = from_document(ProgressReport, command)
            return followup.report_progress(inspection, recommendation_id, report, command["waiver_reason"],
                                            today=today())
        return change(self.store.inspections, inspection_id, decide, self._view)

    @rpc
    def scan_overdue_recommendations(self, payload=None):
        """Announce each recommendation past its due date once (the timer's work, callable on demand)."""
        as_of = followup.scan_date(load_or_invalid(shared(api.OverdueScan), payload or {})["as_of"], today())
        saved = change_each(self.store.with_unflagged_overdue(as_of), self.store.inspections.get_versioned,
                            lambda inspection: followup.flag_overdue(inspection, as_of), self.store.inspections.save)
        flagged = [{"inspection_id": inspection_id, "recommendation_id": e.data["recommendation_id"],
                    "due_on": e.data["due_on"].isoformat()} for inspection_id, _, events in saved for e in events]
        return shared(api.OverdueScanView).dump({"as_of": as_of, "flagged": flagged})

    @singleton_timer("INSPECTION_OVERDUE_SCAN_SECONDS", OVERDUE_SCAN_SECONDS, lease="recommendation-overdue-scan")
    def overdue_recommendations_timer(self):
        self.scan_overdue_recommendations()

    def _view(self, inspection, view=api.InspectionView):
        """The inspection with its deadlines and overdue flags as of today."""
        status = status_of(inspection, self.settings.deadline_rules, self.settings.calendar, today())
        dumped = dict(view().dump(inspection), deadlines=shared(api.DeadlineView, many=True).dump(status.deadlines),
                      overdue=status.overdue)
        for recommendation in dumped.get("recommendations", []):
            recommendation["overdue"] = recommendation["id"] in status.late_recommendation_ids
        return dumped
