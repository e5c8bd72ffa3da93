"""Inspection routes: annual plans and their completion, risk signals, TTHC violations, overdue scan."""
from gateway.http import route
from gateway.roles import INSPECTION_WRITE
from services.inspection import api as inspection_api

TAG = "inspection"
# Plans and violation statistics feed the dashboard indicators (inspections done vs plan, TTHC hot spots).
INSPECTION_READ = ("admin", "inspector", "hr_officer", "viewer")


class InspectionPlanRoutes:

    @route("POST", "/api/v1/inspection/plans", roles=INSPECTION_WRITE, body=inspection_api.CreatePlan,
           response=inspection_api.PlanView, status=201, tag=TAG)
    def create_inspection_plan(self, call):
        """Approve an annual inspection plan: target units and topics."""
        return self.backends.call("inspection", "create_plan", call.body)

    @route("GET", "/api/v1/inspection/plans", roles=INSPECTION_READ, query=inspection_api.ListPlansQuery,
           response=inspection_api.PlanView, many=True, tag=TAG)
    def list_inspection_plans(self, call):
        """Annual plans (by year), each with done vs planned (%) and the year's ad-hoc inspections."""
        return self.backends.call("inspection", "list_plans", call.query)

    @route("GET", "/api/v1/inspection/plans/{plan_id}", roles=INSPECTION_READ, response=inspection_api.PlanView,
           tag=TAG)
    def get_inspection_plan(self, call, plan_id):
        """One plan: each item with the inspection carrying it out, and the completion."""
        return self.backends.call("inspection", "get_plan", plan_id)

    @route("GET", "/api/v1/inspection/risk-candidates", roles=INSPECTION_WRITE, query=inspection_api.PeriodQuery,
           response=inspection_api.RiskCandidateView, many=True, tag=TAG, unit_scoped=True)
    def inspection_risk_candidates(self, call):
        """Units proposed for an ad-hoc inspection from substantiated and overdue feedback, with the evidence."""
        return self.backends.call("inspection", "risk_candidates", call.query)

    @route("GET", "/api/v1/inspection/violations", roles=INSPECTION_READ, query=inspection_api.ViolationsQuery,
           response=inspection_api.ViolationsView, tag=TAG, unit_scoped=True)
    def tthc_violations(self, call):
        """Administrative-procedure (TTHC) violations by domain and by unit over a period."""
        return self.backends.call("inspection", "tthc_violations", call.query)

    @route("POST", "/api/v1/inspection/overdue-scan", roles=INSPECTION_WRITE, body=inspection_api.OverdueScan,
           response=inspection_api.OverdueScanView, tag=TAG)
    def scan_overdue_recommendations(self, call):
        """Run the hourly overdue check now: each recommendation past due is announced once."""
        return self.backends.call("inspection", "scan_overdue_recommendations", call.body)
