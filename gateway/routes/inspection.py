"""Inspection routes: inspections, findings, conclusions."""
from gateway.http import route
from gateway.roles import INSPECTION_WRITE, REVIEWS_READ
from services.inspection import schemas as ins

TAG = "inspection"


class InspectionRoutes:

    @route("POST", "/api/v1/inspections", roles=INSPECTION_WRITE, body=ins.OpenInspection,
           response=ins.InspectionView, status=201, tag=TAG)
    def open_inspection(self, call):
        """Open an inspection of a unit (decision stage)."""
        return self.backends.call("inspection", "open_inspection", call.body)

    @route("GET", "/api/v1/inspections", roles=REVIEWS_READ, query=ins.ListInspectionsQuery,
           response=ins.InspectionSummaryView, many=True, tag=TAG)
    def list_inspections(self, call):
        """Inspections, by unit or result."""
        return self.backends.call("inspection", "list_inspections", call.query)

    @route("GET", "/api/v1/inspections/{inspection_id}", roles=REVIEWS_READ, response=ins.InspectionView, tag=TAG)
    def get_inspection(self, call, inspection_id):
        """One inspection with its findings and conclusion."""
        return self.backends.call("inspection", "get_inspection", inspection_id)

    @route("POST", "/api/v1/inspections/{inspection_id}/findings", roles=INSPECTION_WRITE,
           body=ins.RecordFinding, response=ins.FindingView, status=201, tag=TAG)
    def record_finding(self, call, inspection_id):
        """Record a finding, naming the officials or unit held responsible."""
        return self.backends.call("inspection", "record_finding", inspection_id, call.body)

    @route("POST", "/api/v1/inspections/{inspection_id}/conclusion", roles=INSPECTION_WRITE,
           body=ins.Conclude, response=ins.InspectionView, tag=TAG)
    def conclude(self, call, inspection_id):
        """Conclude: passed, passed with remarks or failed (a failure opens reviews)."""
        return self.backends.call("inspection", "conclude", inspection_id, call.body)

    @route("GET", "/api/v1/inspection/findings", roles=REVIEWS_READ, query=ins.ListFindingsQuery,
           response=ins.FindingItemView, many=True, tag=TAG)
    def list_findings(self, call):
        """Findings by official or unit."""
        return self.backends.call("inspection", "list_findings", call.query)
