"""Feedback service: nameko entrypoints only (load -> domain -> store -> dump)."""

from dataclasses import replace

from services.common.commands import change, create
from services.common.consumer import reliable_event_handler
from services.common.documents import from_document
from services.common.errors import Invalid
from services.common.projections import as_utc, event_version
from services.common.health import HealthEntrypoint
from services.common.profile_sections import ProfileSectionsEntrypoint
from services.common.ids import new_id, today
from services.common.mongo import Storage
from services.common.rpc_errors import domain_rpc as rpc  # typed errors cross RPC as themselves
from services.common.scans import change_each
from services.common.schemas import MAX_PAGE_SIZE, load_or_invalid, shared
from services.common.schemas_scope import scoped
from services.common.timers import singleton_timer
from services.feedback import api, events_consumed
from services.feedback.deadline_rules import DeadlineRules
from services.feedback.domain import (answers, deadlines, handling, intake, privacy, publication, rating, subject,
                                     tracking)
from services.feedback.domain.model import Feedback, KnownOfficial, KnownUnit
from services.feedback.service_reporting import DialogueEntrypoints, StatisticsEntrypoints
from services.feedback.store import FeedbackStore

# Deadlines are days: an hourly check (and one at start, after a deployment or an outage) flags a
# missed deadline within the hour (FEEDBACK_DEADLINE_CHECK_SECONDS); flags make repeated checks harmless,
# and the lease makes one replica of the deployment check.
DEADLINE_CHECK_SECONDS = 3600


class FeedbackService(HealthEntrypoint, ProfileSectionsEntrypoint, DialogueEntrypoints, StatisticsEntrypoints):
    """Citizens' and organisations' feedback on administrative regulations and procedures (rule 9)."""

    name = "feedback"  # also the `health` RPC the gateway's /ready calls
    store = Storage(FeedbackStore)
    policy = DeadlineRules()

    # --- public ---------------------------------------------------------------------------------
    @rpc
    def submit(self, payload):
        command = load_or_invalid(shared(api.SubmitFeedback), payload)
        return self._receive(dict(command, received_on=today()), shared(api.ReceiptView).dump)

    @rpc
    def track(self, tracking_code):
        return shared(api.TrackView).dump(privacy.public_view(self._by_code(tracking_code)[0]))

    @rpc
    def rate(self, tracking_code, payload):
        feedback, version = self._by_code(tracking_code)
        command = load_or_invalid(shared(api.RateFeedback), payload)
        rated, events = rating.rate(feedback, command, command["comment"], today())
        self.store.feedback.save(rated, version, events)
        return shared(api.TrackView).dump(privacy.public_view(rated))

    @rpc
    def list_published(self, query=None):
        query = load_or_invalid(shared(api.PublishedQuery), query or {})
        items, total = self.store.list_published(**query)
        return {"items": shared(api.PublishedView, many=True).dump([publication.published_view(f) for f in items]),
                "total": total}

    # --- staff: intake and handling -------------------------------------------------------------
    @rpc
    def record(self, payload, recorded_by=None):
        """An item received by post, phone, at the desk or at a dialogue, recorded by staff."""
        command = load_or_invalid(shared(api.RecordFeedback), payload)
        return self._receive(dict(command, recorded_by=recorded_by), shared(api.FeedbackView).dump)

    @rpc
    def classify(self, feedback_id, payload):
        command = load_or_invalid(shared(api.ClassifyFeedback), payload)
        return self._change(feedback_id, handling.classify, command["kind"], command["procedure_domain"],
                            command["procedure_code"], command["note"], today(), self.policy)

    @rpc
    def assign(self, feedback_id, payload):
        command = load_or_invalid(shared(api.AssignFeedback), payload)
        unit, officer = self.store.find_unit(command["unit_id"]), self.store.find_official(command["officer_id"])
        return self._change(feedback_id, handling.assign, command["unit_id"], unit, command["officer_id"], officer,
                            command["note"], today(), self.policy)

    @rpc
    def change_subject(self, feedback_id, payload, changed_by=None):
        """Attach or correct the official and the unit the item is about (domain.subject), kept on the item."""
        command = load_or_invalid(shared(api.ChangeFeedbackSubject), payload)
        official_id, unit_id = command.get("official_id", subject.KEEP), command.get("target_unit_id", subject.KEEP)
        official = self.store.find_official(official_id) if isinstance(official_id, str) else None
        unit = self.store.find_unit(unit_id) if isinstance(unit_id, str) else None
        return self._change(feedback_id, subject.change_subject, official_id, official, unit_id, unit,
                            command["reason"], changed_by or "unknown", today())

    @rpc
    def update_status(self, feedback_id, payload):
        command = load_or_invalid(shared(api.UpdateFeedbackStatus), payload)
        return self._change(feedback_id, handling.update_status, command["status"], command["note"], today(),
                            self.policy)

    @rpc
    def answer(self, feedback_id, payload):
        command = load_or_invalid(shared(api.AnswerFeedback), payload)
        return self._change(feedback_id, answers.answer, command["answer"], command["substantiated"],
                            command["answered_on"] or today(), today(), self.policy)

    @rpc
    def publish(self, feedback_id, payload):
        command = load_or_invalid(shared(api.PublishFeedback), payload)
        return self._change(feedback_id, publication.publish, command["summary"],
                            command["published_on"] or today(), today(), self.policy)

    # --- staff: reading ---------------------------------------------------------------------------
    @rpc
    def get_feedback(self, feedback_id):
        ref = load_or_invalid(shared(api.FeedbackRef), {"feedback_id": feedback_id})
        return shared(api.FeedbackView).dump(self.store.feedback.get(ref["feedback_id"]))

    @rpc
    def list_feedback(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListFeedbackQuery)), query or {})
        items, total, following = self.store.list_feedback(**query)
        return {"items": shared(api.FeedbackSummaryView, many=True).dump(items), "total": total, "next": following}

    def profile_readers(self, official_id):
        return {"feedback": lambda: self.list_about_official(official_id)}

    @rpc
    def list_about_official(self, official_id):
        """For an official's profile: no submitter contact data (rule 11). An official this service
        has not heard of yet simply has no feedback (projections are eventually consistent)."""
        ref = load_or_invalid(shared(api.OfficialRef), {"official_id": official_id})
        items, total, _ = self.store.list_feedback(official_id=ref["official_id"], limit=MAX_PAGE_SIZE)
        return {"items": shared(api.FeedbackSummaryView, many=True).dump(items), "total": total}

    # --- deadlines (rule 9) -----------------------------------------------------------------------
    @singleton_timer("FEEDBACK_DEADLINE_CHECK_SECONDS", DEADLINE_CHECK_SECONDS, lease="deadline-check", eager=True)
    def check_deadlines_periodically(self):
        self._check_deadlines(today())

    @rpc
    def check_deadlines(self):
        """The timer's check, on demand (operators; tests drive it deterministically through this)."""
        return shared(api.DeadlineCheckView).dump(self._check_deadlines(today()))

    # --- projections of personnel's events ------------------------------------------------------
    @reliable_event_handler("personnel", "unit_created")
    def handle_unit_created(self, event):
        self._project_unit(event)

    @reliable_event_handler("personnel", "unit_updated")
    def handle_unit_updated(self, event):
        self._project_unit(event)

    @reliable_event_handler("personnel", "official_registered")
    def handle_official_registered(self, event):
        self._project_official(event)

    @reliable_event_handler("personnel", "official_updated")
    def handle_official_updated(self, event):
        self._project_official(event)

    @reliable_event_handler("personnel", "official_transferred")
    def handle_official_transferred(self, event):
        """A dated placement: feedback keeps the unit valid today (`current_unit_id`); unknown officials wait
        for their registration, which names their unit."""
        data = shared(events_consumed.OfficialTransferredIn).load(event["data"])
        current = self.store.find_official(data["official_id"])
        if current is not None:
            moved = replace(current, unit_id=data["current_unit_id"], source_time=as_utc(event["time"]),
                            source_version=event_version(event))
            self.store.project_official(moved, applied_event=event["id"])

    # --- helpers (no rules here) ----------------------------------------------------------------
    def _receive(self, command, view):
        """Submitted by a citizen or recorded by staff: the same intake, answered with `view`."""
        def decide():
            draft = from_document(Feedback, dict(command, id=new_id("fb"), tracking_code=tracking.new_tracking_code()))
            unit, official = self.store.find_unit(draft.target_unit_id), self.store.find_official(draft.official_id)
            return intake.receive(draft, unit, official, self.policy, today())
        return create(self.store.feedback, decide, view)

    def _by_code(self, tracking_code):
        code = tracking.normalise(tracking_code)
        if code is None:
            raise Invalid("not a tracking code", fields={"tracking_code": ["expected PA- and 16 letters or digits"]})
        return self.store.find_by_code_versioned(code)

    def _change(self, feedback_id, decide, *args):
        ref = load_or_invalid(shared(api.FeedbackRef), {"feedback_id": feedback_id})
        return change(self.store.feedback, ref["feedback_id"], lambda feedback: decide(feedback, *args),
                      shared(api.FeedbackView).dump)

    def _check_deadlines(self, as_of):
        missed = list(self.store.with_missed_deadlines(as_of))     # (feedback, version): already loaded

        def flag(feedback):
            marked, events = deadlines.flag_overdue(feedback, as_of)
            return (marked, events) if events else None
        saved = change_each(missed, lambda loaded: loaded, flag, self.store.feedback.save)
        return {"as_of": as_of, "checked": len(missed), "flagged": sum(len(events) for _, _, events in saved)}

    def _project_unit(self, event):
        data = shared(events_consumed.UnitCreatedIn).load(event["data"])
        unit = from_document(KnownUnit, dict(data, id=data["unit_id"], source_time=event["time"],
                                             source_version=event_version(event)))
        self.store.project_unit(unit, applied_event=event["id"])

    def _project_official(self, event):
        data = shared(events_consumed.OfficialRegisteredIn).load(event["data"])
        official = from_document(KnownOfficial, dict(data, id=data["official_id"], source_time=event["time"],
                                                     source_version=event_version(event)))
        self.store.project_official(official, applied_event=event["id"])
