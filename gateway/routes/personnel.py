"""Personnel routes: units, positions, officials, qualifications, standards, reviews."""
from gateway.http import route
from gateway.roles import HR_WRITE, REVIEWS_READ, STAFF
from gateway.routes.personnel_history import PersonnelHistoryRoutes
from gateway.routes.personnel_org import PersonnelOrgRoutes
from gateway.routes.personnel_privacy import for_principal
from gateway.routes.personnel_records import PersonnelRecordRoutes
from services.personnel import api as personnel_api

TAG = "personnel"


class PersonnelRoutes(PersonnelOrgRoutes, PersonnelHistoryRoutes, PersonnelRecordRoutes):

    @route("POST", "/api/v1/units", roles=HR_WRITE, body=personnel_api.CreateUnit, response=personnel_api.UnitView,
           status=201, tag=TAG)
    def create_unit(self, call):
        """Create an organisation unit (any level; effective-dated)."""
        return self.backends.call("personnel", "create_unit", call.body)

    @route("GET", "/api/v1/units", roles=STAFF, query=personnel_api.ListUnitsQuery, response=personnel_api.UnitView,
           many=True, tag=TAG,
           unit_scoped=True)
    def list_units(self, call):
        """List organisation units, optionally those in force on a date, under a parent or at a level."""
        items = self.backends.call("personnel", "list_units", call.query)
        return {"items": items, "total": len(items)}

    @route("GET", "/api/v1/units/{unit_id}", roles=STAFF, response=personnel_api.UnitView, tag=TAG)
    def get_unit(self, call, unit_id):
        """One organisation unit."""
        return self.backends.call("personnel", "get_unit", unit_id)

    @route("POST", "/api/v1/positions", roles=HR_WRITE, body=personnel_api.CreatePosition,
           response=personnel_api.PositionView,
           status=201, tag=TAG)
    def create_position(self, call):
        """Create a job position of a unit with the standards it requires."""
        return self.backends.call("personnel", "create_position", call.body)

    @route("GET", "/api/v1/positions", roles=STAFF, query=personnel_api.ListPositionsQuery,
           response=personnel_api.PositionView,
           many=True, tag=TAG, unit_scoped=True)
    def list_positions(self, call):
        """List job positions, optionally of one unit."""
        items = self.backends.call("personnel", "list_positions", call.query.get("unit_id"),
                                   call.query.get("unit_ids"))
        return {"items": items, "total": len(items)}

    @route("POST", "/api/v1/officials", roles=HR_WRITE, body=personnel_api.RegisterOfficial,
           response=personnel_api.OfficialView,
           status=201, tag=TAG)
    def register_official(self, call):
        """Register an official; standards are evaluated at once."""
        return self.backends.call("personnel", "register_official", call.body)

    @route("GET", "/api/v1/officials", roles=STAFF, query=personnel_api.ListOfficialsQuery,
           response=personnel_api.OfficialView,
           many=True, tag=TAG, unit_scoped=True)
    def list_officials(self, call):
        """List officials: by unit (with sub-units), category, status, standards met, name; paginated.

        Identity and contact data are masked for roles other than admin and hr_officer (docs/domain.md rule 11)."""
        page = self.backends.call("personnel", "list_officials", call.query)
        return dict(page, items=[for_principal(item, call.principal) for item in page["items"]])

    @route("PATCH", "/api/v1/officials/{official_id}", roles=HR_WRITE, body=personnel_api.UpdateOfficial,
           response=personnel_api.OfficialView, tag=TAG)
    def update_official(self, call, official_id):
        """Rename, put on leave and back, or change contact data (official_updated). Unit, position, rank and
        salary change by dated decisions: 400 naming the route (/transfers, /rank-changes, /salary-changes)."""
        return self.backends.call("personnel", "update_official", official_id, call.body)

    @route("GET", "/api/v1/officials/{official_id}", roles=STAFF, response=personnel_api.OfficialView, tag=TAG)
    def get_official(self, call, official_id):
        """One official (identity and contact data masked for roles other than admin and hr_officer)."""
        return for_principal(self.backends.call("personnel", "get_official", official_id), call.principal)

    @route("POST", "/api/v1/officials/{official_id}/qualifications", roles=HR_WRITE,
           body=personnel_api.QualificationInput, response=personnel_api.OfficialView, status=201, tag=TAG)
    def add_qualification(self, call, official_id):
        """Record a qualification; standards are re-evaluated."""
        return self.backends.call("personnel", "add_qualification", official_id, call.body)

    @route("GET", "/api/v1/officials/{official_id}/qualifications", roles=STAFF,
           response=personnel_api.QualificationView, many=True, tag=TAG)
    def list_qualifications(self, call, official_id):
        """Qualifications an official holds."""
        items = self.backends.call("personnel", "get_official", official_id)["qualifications"]
        return {"items": items, "total": len(items)}

    @route("GET", "/api/v1/officials/{official_id}/standards", roles=STAFF, query=personnel_api.StandardsQuery,
           response=personnel_api.StandardsView, tag=TAG)
    def get_standards(self, call, official_id):
        """Whether the official meets the standards of their rank and position as of a date, with the gaps."""
        return self.backends.call("personnel", "get_standards", official_id, call.query)

    @route("GET", "/api/v1/reviews", roles=REVIEWS_READ, query=personnel_api.ListReviewsQuery,
           response=personnel_api.ReviewView,
           many=True, tag=TAG, unit_scoped=True)
    def list_reviews(self, call):
        """Review cases, by official, unit or status."""
        return self.backends.call("personnel", "list_reviews", call.query)

    @route("GET", "/api/v1/reviews/{review_id}", roles=REVIEWS_READ, response=personnel_api.ReviewView, tag=TAG)
    def get_review(self, call, review_id):
        """One review case."""
        return self.backends.call("personnel", "get_review", review_id)
