"""Personnel service: nameko entrypoints only (load -> domain -> store -> dump)."""


from services.common.health import HealthEntrypoint
from services.common.rpc_errors import domain_rpc as rpc  # typed errors cross RPC as themselves
from services.common.consumer import reliable_event_handler
from services.common.documents import from_document
from services.common.ids import new_id, today
from services.common.mongo import Storage
from services.common.schemas import load_or_invalid
from services.personnel import schemas as s
from services.personnel.domain import officials, reviews
from services.personnel.domain.enums import ReviewOrigin
from services.personnel.domain.model import Official, OrgUnit, Position
from services.personnel.domain.standards import Qualification
from services.personnel.domain.units import create_unit
from services.personnel.store import PersonnelStore


class PersonnelService(HealthEntrypoint):
    name = "personnel"
    store = Storage(PersonnelStore)

    @rpc
    def create_unit(self, payload):
        command = load_or_invalid(s.CreateUnit(), payload)
        parent = self.store.get_unit(command["parent_id"]) if command["parent_id"] else None
        unit, events = create_unit(from_document(OrgUnit, dict(command, id=new_id("unit"))), parent)
        self.store.add_unit(unit, events)
        return s.UnitView().dump(unit)

    @rpc
    def get_unit(self, unit_id):
        return s.UnitView().dump(self.store.get_unit(unit_id))

    @rpc
    def list_units(self):
        return s.UnitView(many=True).dump(self.store.list_units())

    @rpc
    def create_position(self, payload):
        command = load_or_invalid(s.CreatePosition(), payload)
        self.store.get_unit(command["unit_id"])
        position = officials.new_position(from_document(Position, dict(command, id=new_id("pos"))))
        self.store.add_position(position)
        return s.PositionView().dump(position)

    @rpc
    def list_positions(self, unit_id=None):
        return s.PositionView(many=True).dump(self.store.list_positions(unit_id))

    @rpc
    def register_official(self, payload):
        command = load_or_invalid(s.RegisterOfficial(), payload)
        candidate = from_document(Official, dict(command, id=new_id("off")))
        unit, position = self.store.get_unit(candidate.unit_id), self.store.get_position(candidate.position_id)
        official, events = officials.register(candidate, unit, position, today())
        self.store.add_official(official, events)
        return s.OfficialView().dump(official)

    @rpc
    def get_official(self, official_id):
        return s.OfficialView().dump(self.store.get_official(official_id))

    @rpc
    def list_officials(self, query=None):
        query = load_or_invalid(s.ListOfficialsQuery(), query or {})
        items, total = self.store.list_officials(**query)
        return {"items": s.OfficialView(many=True).dump(items), "total": total}

    @rpc
    def add_qualification(self, official_id, payload):
        command = load_or_invalid(s.QualificationInput(), payload)
        official, version = self.store.get_official_versioned(official_id)
        position = self.store.get_position(official.position_id)
        updated, events = officials.add_qualification(
            official, position, from_document(Qualification, command), today())
        self.store.save_official(updated, version, events)
        return s.OfficialView().dump(updated)

    @rpc
    def get_standards(self, official_id, query=None):
        as_of = load_or_invalid(s.StandardsQuery(), query or {})["as_of"] or today()
        official = self.store.get_official(official_id)
        return s.StandardsView().dump(official.assess(self.store.get_position(official.position_id), as_of))

    @rpc
    def list_reviews(self, query=None):
        query = load_or_invalid(s.ListReviewsQuery(), query or {})
        items, total = self.store.list_reviews(**query)
        return {"items": s.ReviewView(many=True).dump(items), "total": total}

    @rpc
    def get_review(self, review_id):
        return s.ReviewView().dump(self.store.get_review(review_id))

    # --- reactions to other services' events (DESIGN flows 1-3) -----------------------------
    @reliable_event_handler("training", "training_completed")
    def handle_training_completed(self, event):
        data = s.TrainingCompletedIn().load(event["data"])
        qualification = officials.qualification_from_training(data)
        if qualification is None:
            return
        official, version = self.store.get_official_versioned(data["official_id"])
        position = self.store.get_position(official.position_id)
        updated, events = officials.add_qualification(official, position, qualification, data["completed_on"])
        self.store.save_official(updated, version, events, applied_event=event["id"])

    @reliable_event_handler("inspection", "inspection_concluded")
    def handle_inspection_concluded(self, event):
        data = s.InspectionConcludedIn().load(event["data"])
        if data["result"] != "FAILED":
            return
        unit = self.store.get_unit(data["unit_id"])
        for official_id in reviews.officials_held_responsible(data["findings"], unit.head_official_id):
            reason = reviews.inspection_reason(data["inspection_id"], data["findings"], official_id)
            case, events = reviews.open_review(self.store.get_official(official_id), ReviewOrigin.INSPECTION,
                                               data["inspection_id"], reason, data["concluded_on"])
            self.store.open_review(case, events, applied_event=event["id"])

    @reliable_event_handler("feedback", "feedback_substantiated")
    def handle_feedback_substantiated(self, event):
        data = s.FeedbackSubstantiatedIn().load(event["data"])
        reason = "Substantiated feedback {}: {}".format(data["feedback_id"], data["summary"])[:2000]
        case, events = reviews.open_review(self.store.get_official(data["official_id"]), ReviewOrigin.FEEDBACK,
                                           data["feedback_id"], reason, data["answered_on"])
        self.store.open_review(case, events, applied_event=event["id"])
