"""Feedback service: nameko entrypoints only (load -> domain -> store -> dump)."""
from services.common.consumer import reliable_event_handler
from services.common.documents import from_document
from services.common.errors import Invalid
from services.common.health import HealthEntrypoint
from services.common.ids import new_id, today
from services.common.mongo import Storage
from services.common.rpc_errors import domain_rpc as rpc  # typed errors cross RPC as themselves
from services.common.schemas import MAX_PAGE_SIZE, load_or_invalid
from services.feedback import schemas as s
from services.feedback.domain import answers, intake, privacy, tracking
from services.feedback.domain.model import Feedback, KnownOfficial, KnownUnit
from services.feedback.store import FeedbackStore


class FeedbackService(HealthEntrypoint):
    """Citizens' and organisations' feedback on administrative regulations and procedures (rule 9)."""

    name = "feedback"  # also the `health` RPC the gateway's /ready calls
    store = Storage(FeedbackStore)

    # --- public ---------------------------------------------------------------------------------
    @rpc
    def submit(self, payload):
        command = load_or_invalid(s.SubmitFeedback(), payload)
        draft = from_document(Feedback, dict(command, id=new_id("fb"), received_on=today(),
                                             tracking_code=tracking.new_tracking_code()))
        unit, official = self.store.find_unit(draft.target_unit_id), self.store.find_official(draft.official_id)
        feedback, events = intake.receive(draft, unit, official)
        self.store.add_feedback(feedback, events)
        return s.ReceiptView().dump(feedback)

    @rpc
    def track(self, tracking_code):
        code = tracking.normalise(tracking_code)
        if code is None:
            raise Invalid("not a tracking code", fields={"tracking_code": ["expected PA- and 16 letters or digits"]})
        return s.TrackView().dump(privacy.public_view(self.store.find_by_tracking_code(code)))

    # --- staff ----------------------------------------------------------------------------------
    @rpc
    def get_feedback(self, feedback_id):
        ref = load_or_invalid(s.FeedbackRef(), {"feedback_id": feedback_id})
        return s.FeedbackView().dump(self.store.get_feedback(ref["feedback_id"]))

    @rpc
    def list_feedback(self, query=None):
        query = load_or_invalid(s.ListFeedbackQuery(), query or {})
        items, total = self.store.list_feedback(**query)
        return {"items": s.FeedbackView(many=True).dump(items), "total": total}

    @rpc
    def answer(self, feedback_id, payload):
        ref = load_or_invalid(s.FeedbackRef(), {"feedback_id": feedback_id})
        command = load_or_invalid(s.AnswerFeedback(), payload)
        feedback, version = self.store.get_feedback_versioned(ref["feedback_id"])
        answered, events = answers.answer(feedback, command["answer"], command["substantiated"],
                                          command["answered_on"] or today(), today())
        self.store.save_feedback(answered, version, events)
        return s.FeedbackView().dump(answered)

    @rpc
    def list_about_official(self, official_id):
        """For an official's profile: no submitter contact data (rule 11). An official this service
        has not heard of yet simply has no feedback (projections are eventually consistent)."""
        ref = load_or_invalid(s.OfficialRef(), {"official_id": official_id})
        items, total = self.store.list_feedback(official_id=ref["official_id"], limit=MAX_PAGE_SIZE)
        return {"items": s.FeedbackSummaryView(many=True).dump(items), "total": total}

    # --- projections of personnel's events ------------------------------------------------------
    @reliable_event_handler("personnel", "unit_created")
    def handle_unit_created(self, event):
        data = s.UnitCreatedIn().load(event["data"])
        unit = from_document(KnownUnit, dict(data, id=data["unit_id"]))
        self.store.project_unit(unit, applied_event=event["id"])

    @reliable_event_handler("personnel", "official_registered")
    def handle_official_registered(self, event):
        data = s.OfficialRegisteredIn().load(event["data"])
        official = from_document(KnownOfficial, dict(data, id=data["official_id"]))
        self.store.project_official(official, applied_event=event["id"])
