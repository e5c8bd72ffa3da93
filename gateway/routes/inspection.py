"""Inspection routes: inspections and their stages, findings, conclusions and follow-up (see
inspection_plans.py for annual plans, risk signals and reports)."""
from gateway.http import route
from gateway.roles import INSPECTION_WRITE, REVIEWS_READ
from gateway.routes.inspection_plans import InspectionPlanRoutes
from services.inspection import api as inspection_api

TAG = "inspection"


class InspectionCaseRoutes:

    @route("POST", "/api/v1/inspections", roles=INSPECTION_WRITE, body=inspection_api.OpenInspection,
           response=inspection_api.InspectionView, status=201, tag=TAG)
    def open_inspection(self, call):
        """Open an inspection of a unit (decision stage), optionally carrying out an annual plan's item."""
        return self.backends.call("inspection", "open_inspection", call.body)

    @route("GET", "/api/v1/inspections", roles=REVIEWS_READ, query=inspection_api.ListInspectionsQuery,
           response=inspection_api.InspectionSummaryView, many=True, tag=TAG, unit_scoped=True)
    def list_inspections(self, call):
        """Inspections, by unit, result, stage, form or plan; each with its deadlines and overdue flag."""
        return self.backends.call("inspection", "list_inspections", call.query)

    @route("GET", "/api/v1/inspections/{inspection_id}", roles=REVIEWS_READ, response=inspection_api.InspectionView,
           tag=TAG)
    def get_inspection(self, call, inspection_id):
        """One inspection with its stages, deadlines, findings, conclusion and recommendations."""
        return self.backends.call("inspection", "get_inspection", inspection_id)

    @route("POST", "/api/v1/inspections/{inspection_id}/stage", roles=INSPECTION_WRITE,
           body=inspection_api.AdvanceStage,
           response=inspection_api.InspectionView, tag=TAG)
    def advance_stage(self, call, inspection_id):
        """Move to the next stage (forward only, none skipped; 422 names the rule). Closing needs every
        recommendation done or waived."""
        return self.backends.call("inspection", "advance_stage", inspection_id, call.body)

    @route("POST", "/api/v1/inspections/{inspection_id}/findings", roles=INSPECTION_WRITE,
           body=inspection_api.RecordFinding, response=inspection_api.FindingView, status=201, tag=TAG)
    def record_finding(self, call, inspection_id):
        """Record a finding, naming the officials (members of the unit on the violation date) held responsible."""
        return self.backends.call("inspection", "record_finding", inspection_id, call.body)

    @route("POST", "/api/v1/inspections/{inspection_id}/conclusion", roles=INSPECTION_WRITE,
           body=inspection_api.Conclude, response=inspection_api.InspectionView, tag=TAG)
    def conclude(self, call, inspection_id):
        """Conclude on the draft: passed, passed with remarks or failed (a failure opens reviews), with
        recommendations (owner and deadline each)."""
        return self.backends.call("inspection", "conclude", inspection_id, call.body)

    @route("POST", "/api/v1/inspections/{inspection_id}/recommendations/{recommendation_id}/progress",
           roles=INSPECTION_WRITE, body=inspection_api.ReportProgress, response=inspection_api.InspectionView, tag=TAG)
    def report_progress(self, call, inspection_id, recommendation_id):
        """Report progress on a recommendation; DONE settles it, WAIVED settles it with its reason."""
        return self.backends.call("inspection", "report_progress", inspection_id, recommendation_id, call.body)

    @route("GET", "/api/v1/inspection/findings", roles=REVIEWS_READ, query=inspection_api.ListFindingsQuery,
           response=inspection_api.FindingItemView, many=True, tag=TAG, unit_scoped=True)
    def list_findings(self, call):
        """Findings by official or unit."""
        return self.backends.call("inspection", "list_findings", call.query)


class InspectionRoutes(InspectionCaseRoutes, InspectionPlanRoutes):
    """Every inspection route (the one mixin the gateway imports)."""
