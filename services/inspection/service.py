"""Inspection service: nameko entrypoints only (load -> domain -> store -> dump)."""
from services.common.health import HealthEntrypoint
from services.common.rpc_errors import domain_rpc as rpc  # typed errors cross RPC as themselves
from services.common.consumer import reliable_event_handler
from services.common.documents import from_document
from services.common.ids import new_id, today
from services.common.mongo import Storage
from services.common.schemas import load_or_invalid
from services.inspection import schemas as s
from services.inspection.domain import inspections
from services.inspection.domain.model import Conclusion, Finding, Inspection, OfficialRef, UnitRef
from services.inspection.store import InspectionStore


class InspectionService(HealthEntrypoint):
    name = "inspection"
    store = Storage(InspectionStore)

    @rpc
    def open_inspection(self, payload):
        command = load_or_invalid(s.OpenInspection(), payload)
        candidate = from_document(Inspection, dict(command, id=new_id("insp")))
        inspection, events = inspections.open_inspection(candidate, self.store.find_unit(command["unit_id"]))
        self.store.add_inspection(inspection, events)
        return s.InspectionView().dump(inspection)

    @rpc
    def get_inspection(self, inspection_id):
        return s.InspectionView().dump(self.store.get_inspection(inspection_id))

    @rpc
    def list_inspections(self, query=None):
        query = load_or_invalid(s.ListInspectionsQuery(), query or {})
        items, total = self.store.list_inspections(**query)
        return {"items": s.InspectionSummaryView(many=True).dump(items), "total": total}

    @rpc
    def record_finding(self, inspection_id, payload):
        command = load_or_invalid(s.RecordFinding(), payload)
        inspection, version = self.store.get_inspection_versioned(inspection_id)
        finding = from_document(Finding, dict(command, id=new_id("fnd"), recorded_on=today()))
        named = self.store.find_officials(finding.responsible_official_ids)
        updated, events = inspections.record_finding(inspection, finding, named)
        self.store.save_inspection(updated, version, events)
        return s.FindingView().dump(updated.findings[-1])

    @rpc
    def conclude(self, inspection_id, payload):
        command = load_or_invalid(s.Conclude(), payload)
        inspection, version = self.store.get_inspection_versioned(inspection_id)
        concluded, events = inspections.conclude(inspection, from_document(Conclusion, command))
        self.store.save_inspection(concluded, version, events)
        return s.InspectionView().dump(concluded)

    @rpc
    def list_findings(self, query=None):
        query = load_or_invalid(s.ListFindingsQuery(), query or {})
        items, total = self.store.list_findings(**query)
        return {"items": s.FindingItemView(many=True).dump(items), "total": total}

    # --- projections of personnel (services never call each other) ------------------------------
    @reliable_event_handler("personnel", "unit_created")
    def handle_unit_created(self, event):
        data = s.UnitCreatedIn().load(event["data"])
        self.store.project_unit(from_document(UnitRef, dict(data, id=data["unit_id"])), applied_event=event["id"])

    @reliable_event_handler("personnel", "official_registered")
    def handle_official_registered(self, event):
        data = s.OfficialRegisteredIn().load(event["data"])
        self.store.project_official(from_document(OfficialRef, dict(data, id=data["official_id"])),
                                    applied_event=event["id"])
