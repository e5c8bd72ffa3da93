"""Personnel routes for the service history (quá trình công tác) and reorganisations of units on a date."""
from werkzeug.wrappers import Response

from gateway.headers import http
from gateway.http import route
from gateway.roles import HR_WRITE, STAFF
from services.personnel import api as personnel_api

TAG = "personnel"


class PersonnelHistoryRoutes:

    @route("GET", "/api/v1/officials/{official_id}/history", roles=STAFF, response=personnel_api.HistoryView,
           tag=TAG)
    def official_history(self, call, official_id):
        """The official's service history: placements, ranks, salary steps and posts by effective date, each with
        its decision; superseded records kept and flagged."""
        return self.backends.call("personnel", "official_history", official_id)

    @route("POST", "/api/v1/officials/{official_id}/transfers", roles=HR_WRITE, body=personnel_api.Transfer,
           response=personnel_api.HistoryView, status=201, tag=TAG)
    def transfer_official(self, call, official_id):
        """Place the official in a position (and its unit) from a date, by a decision (điều động, luân chuyển);
        dated in the past, it changes past staffing only from that date. Announced as official_transferred."""
        return self.backends.call("personnel", "transfer_official", official_id, call.body)

    @route("POST", "/api/v1/officials/{official_id}/rank-changes", roles=HR_WRITE, body=personnel_api.RankChange,
           response=personnel_api.HistoryView, status=201, tag=TAG)
    def change_rank(self, call, official_id):
        """A new rank (ngạch) or professional title (chức danh nghề nghiệp) from a date, by a decision
        (rank_changed); standards re-evaluated."""
        return self.backends.call("personnel", "change_rank", official_id, call.body)

    @route("POST", "/api/v1/officials/{official_id}/salary-changes", roles=HR_WRITE,
           body=personnel_api.SalaryChange, response=personnel_api.HistoryView, status=201, tag=TAG)
    def change_salary(self, call, official_id):
        """A salary step and coefficient from a date, by a decision (salary_changed)."""
        return self.backends.call("personnel", "change_salary", official_id, call.body)

    @route("POST", "/api/v1/officials/{official_id}/posts", roles=HR_WRITE, body=personnel_api.Appointment,
           response=personnel_api.HistoryView, status=201, tag=TAG)
    def appoint_official(self, call, official_id):
        """Appoint the official to a leadership post for a term, by a decision (official_appointed)."""
        return self.backends.call("personnel", "appoint_official", official_id, call.body)

    @route("POST", "/api/v1/officials/{official_id}/history/{record_id}/correction", roles=HR_WRITE,
           body=personnel_api.Correction, response=personnel_api.HistoryView, status=201, tag=TAG)
    def correct_history(self, call, official_id, record_id):
        """Correct a record: a new record supersedes it (the corrected one is kept, flagged, with the reason);
        history_corrected and the kind's own event."""
        return self.backends.call("personnel", "correct_history", official_id, record_id, call.body)

    @route("POST", "/api/v1/units/reorganisations", roles=HR_WRITE, body=personnel_api.Reorganise,
           response=personnel_api.ReorganisationView, status=201, tag=TAG)
    def reorganise_units(self, call):
        """Close units on one decision, each carried on by its successor from effective_from: sub-units,
        positions and officials of the closed units move to it on that date (the 2025 merger and district
        abolition in one call); earlier dates keep the old tree. units_reorganised, official_transferred each."""
        return self.backends.call("personnel", "reorganise_units", call.body)

    @http("OPTIONS", "/api/v1/units/reorganisations")
    def reorganise_units_options(self, request):
        """The path also matches /api/v1/units/{unit_id}: say that only POST is served here."""
        return Response(status=204, headers={"Allow": "POST, OPTIONS"})
