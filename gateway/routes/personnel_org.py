"""Personnel routes for the organisation tree, job-position schemes, staffing and compliance."""
from gateway.headers import http
from werkzeug.wrappers import Response

from gateway.http import route
from gateway.roles import HR_WRITE, STAFF
from services.personnel import api as personnel_api

TAG = "personnel"
IMPORT_TIMEOUT_SECONDS = 120     # a 5,000-row import takes seconds, not the default RPC deadline


class PersonnelOrgRoutes:

    @route("PATCH", "/api/v1/units/{unit_id}", roles=HR_WRITE, body=personnel_api.UpdateUnit,
           response=personnel_api.UnitView, tag=TAG)
    def update_unit(self, call, unit_id):
        """Rename a unit, move it under another parent or set its head (announced as unit_updated)."""
        return self.backends.call("personnel", "update_unit", unit_id, call.body)

    @route("PATCH", "/api/v1/positions/{position_id}", roles=HR_WRITE, body=personnel_api.UpdatePosition,
           response=personnel_api.PositionView, tag=TAG)
    def update_position(self, call, position_id):
        """Change a job position's headcount quota (biên chế) or title."""
        return self.backends.call("personnel", "update_position", position_id, call.body)

    @route("POST", "/api/v1/units/{unit_id}/closure", roles=HR_WRITE, body=personnel_api.CloseUnit,
           response=personnel_api.UnitView,
           tag=TAG)
    def close_unit(self, call, unit_id):
        """Abolish or merge a unit on a date, naming its successors (e.g. districts on 30 Jun 2025)."""
        return self.backends.call("personnel", "close_unit", unit_id, call.body)

    @route("GET", "/api/v1/units/{unit_id}/staffing", roles=STAFF, query=personnel_api.StaffingQuery,
           response=personnel_api.StaffingView,
           tag=TAG)
    def staffing_report(self, call, unit_id):
        """Quota (biên chế), filled, vacant posts and rank structure of a unit (and its sub-units) as of a date."""
        return self.backends.call("personnel", "staffing_report", unit_id, call.query)

    @route("GET", "/api/v1/units/{unit_id}/compliance", roles=STAFF, query=personnel_api.StaffingQuery,
           response=personnel_api.ComplianceView, tag=TAG)
    def unit_compliance(self, call, unit_id):
        """Share of a unit's officials meeting their rank's and position's standards, with each sub-unit's rate."""
        query = {key: value for key, value in call.query.items() if key == "as_of"}
        return self.backends.call("personnel", "compliance_report", query, unit_id)

    @route("GET", "/api/v1/compliance", roles=STAFF, query=personnel_api.ComplianceQuery,
           response=personnel_api.ComplianceView, tag=TAG)
    def compliance(self, call):
        """Province-wide (or one unit's) standards compliance rate as of a date, per top-level unit."""
        query, own_unit = call.query, (call.principal or {}).get("unit_id")
        if own_unit and "unit_id" not in query:   # a scoped caller's rate is their unit's, with its sub-units
            query = dict(query, unit_id=own_unit)
        return self.backends.call("personnel", "compliance_report", query)

    @route("POST", "/api/v1/position-schemes", roles=HR_WRITE, body=personnel_api.SubmitScheme,
           response=personnel_api.SchemeView,
           status=201, tag=TAG)
    def submit_scheme(self, call):
        """Register a job-position scheme (đề án vị trí việc làm) submitted for approval."""
        return self.backends.call("personnel", "submit_scheme", call.body)

    @route("POST", "/api/v1/position-schemes/{scheme_id}/decision", roles=HR_WRITE, body=personnel_api.DecideScheme,
           response=personnel_api.SchemeView, tag=TAG)
    def decide_scheme(self, call, scheme_id):
        """Approve or reject a job-position scheme, with the decision and its date."""
        return self.backends.call("personnel", "decide_scheme", scheme_id, call.body)

    @route("GET", "/api/v1/position-schemes", roles=STAFF, query=personnel_api.ListSchemesQuery,
           response=personnel_api.SchemeView,
           many=True, tag=TAG, unit_scoped=True)
    def list_schemes(self, call):
        """Job-position schemes by unit and status."""
        return self.backends.call("personnel", "list_schemes", call.query)

    @route("POST", "/api/v1/officials/import", roles=HR_WRITE, query=personnel_api.ImportQuery,
           response=personnel_api.ImportReportView,
           tag=TAG, raw_body=personnel_api.IMPORT_CSV)
    def import_officials(self, call):
        """Register officials from a UTF-8 CSV body (text/csv): a report per row; ?dry_run=true writes nothing.

        Columns (personnel_api.IMPORT_CSV): the official's data and optional qualification columns. Each valid
        row is one atomic write; invalid rows are reported and skipped.
        """
        return self.backends.call("personnel", "import_officials", call.body, call.query,
                                  timeout=IMPORT_TIMEOUT_SECONDS)

    @http("OPTIONS", "/api/v1/officials/import")
    def import_officials_options(self, request):
        """The path also matches /api/v1/officials/{official_id}: say that only POST is served here."""
        return Response(status=204, headers={"Allow": "POST, OPTIONS"})
