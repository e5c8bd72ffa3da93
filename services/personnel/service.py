"""Personnel service: nameko entrypoints only (load -> domain -> store -> dump)."""


from services.common.health import HealthEntrypoint
from services.common.profile_sections import ProfileSectionsEntrypoint
from services.common.rpc_errors import domain_rpc as rpc  # typed errors cross RPC as themselves
from services.common.commands import change, create
from services.common.consumer import reliable_event_handler
from services.common.scans import change_each
from services.common.documents import from_document
from services.common.ids import new_id, today
from services.common.mongo import Storage
from services.common.schemas import load_or_invalid, shared
from services.common.schemas_scope import scoped
from services.common.timers import singleton_timer
from services.personnel import api, events_consumed
from services.personnel.domain import evidence, history, officials, reviews
from services.personnel.domain.enums import ReviewOrigin
from services.personnel.domain.model import Official, OrgUnit, Position
from services.personnel.domain.standards import Qualification
from services.personnel.domain.units import create_unit, require_in_force
from services.personnel.service_careers import CareersEntrypoints
from services.personnel.service_history import HistoryEntrypoints
from services.personnel.service_org import OrgEntrypoints
from services.personnel.service_records import (DisciplineEntrypoints, EvaluationEntrypoints, ReviewEntrypoints,
                                                SeparationEntrypoints, review_view)
from services.personnel.service_recruitment import RecruitmentEntrypoints
from services.personnel.service_reporting import ReportingEntrypoints
from services.personnel.store import PersonnelStore


class PersonnelService(HealthEntrypoint, ProfileSectionsEntrypoint, OrgEntrypoints, HistoryEntrypoints,
                       ReviewEntrypoints, DisciplineEntrypoints, EvaluationEntrypoints, SeparationEntrypoints,
                       ReportingEntrypoints, RecruitmentEntrypoints, CareersEntrypoints):
    name = "personnel"
    store = Storage(PersonnelStore)

    @rpc
    def create_unit(self, payload):
        command = load_or_invalid(shared(api.CreateUnit), payload)

        def decide():
            parent = self.store.units.get(command["parent_id"]) if command["parent_id"] else None
            if command["head_official_id"]:
                self.store.officials.get(command["head_official_id"])   # 404: the head is a registered official
            return create_unit(from_document(OrgUnit, dict(command, id=new_id("unit"))), parent)
        return create(self.store.units, decide, shared(api.UnitView).dump)

    @rpc
    def get_unit(self, unit_id):
        return shared(api.UnitView).dump(self.store.units.get(unit_id))

    @rpc
    def create_position(self, payload):
        command = load_or_invalid(shared(api.CreatePosition), payload)

        def decide():
            require_in_force(self.store.units.get(command["unit_id"]), today())
            # A position announces nothing: no events.
            return officials.new_position(from_document(Position, dict(command, id=new_id("pos")))), ()
        return create(self.store.positions, decide, shared(api.PositionView).dump)

    @rpc
    def list_positions(self, unit_id=None, unit_ids=None):
        """`unit_ids`: the caller's unit scope (set by the gateway), None for the province."""
        return shared(api.PositionView, many=True).dump(self.store.list_positions(unit_id, unit_ids))

    @rpc
    def register_official(self, payload):
        command = load_or_invalid(shared(api.RegisterOfficial), payload)

        def decide():
            candidate = from_document(Official, dict(command, id=new_id("off")))
            unit, position = self.store.units.get(candidate.unit_id), self.store.positions.get(candidate.position_id)
            return officials.register(candidate, unit, position, today())
        return create(self.store.officials, decide, shared(api.OfficialView).dump)

    @rpc
    def update_official(self, official_id, payload):
        """Name, status, contact data; unit, position, rank and salary: HistoryEntrypoints (dated decisions)."""
        changes = load_or_invalid(shared(api.UpdateOfficial), payload)
        return change(self.store.officials, official_id, lambda official: officials.update(official, changes),
                      shared(api.OfficialView).dump)

    @rpc
    def get_official(self, official_id):
        return shared(api.OfficialView).dump(self.store.officials.get(official_id))

    def profile_readers(self, official_id):
        official = self.store.officials.get(official_id)     # read once: every section needs it to exist
        return {"official": lambda: shared(api.OfficialView).dump(official),
                "reviews": lambda: self.list_reviews({"official_id": official_id}),
                "rewards": lambda: self.rewards_view(official_id),
                "evaluations": lambda: self.evaluations_view(official_id),
                "disciplines": lambda: self.disciplines_view(official_id)}

    @rpc
    def list_officials(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListOfficialsQuery)), query or {})
        items, total, following = self.store.list_officials(**query)
        return {"items": shared(api.OfficialView, many=True).dump(items), "total": total, "next": following}

    @rpc
    def add_qualification(self, official_id, payload):
        command = load_or_invalid(shared(api.QualificationInput), payload)
        return change(self.store.officials, official_id, lambda official: officials.add_qualification(
            official, self.store.positions.get(official.position_id), from_document(Qualification, command),
            today()), shared(api.OfficialView).dump)

    @rpc
    def get_standards(self, official_id, query=None):
        as_of = load_or_invalid(shared(api.StandardsQuery), query or {})["as_of"] or today()
        official = history.standing_on(self.store.officials.get(official_id), as_of)   # position and rank then
        return shared(api.StandardsView).dump(official.assess(self.store.positions.get(official.position_id), as_of))

    @rpc
    def list_reviews(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListReviewsQuery)), query or {})
        items, total, following = self.store.list_reviews(today=today(), **query)
        return {"items": [review_view(case) for case in items], "total": total, "next": following}

    @rpc
    def get_review(self, review_id):
        return review_view(self.store.reviews.get(review_id))

    @rpc
    def scan_overdue_reviews(self, payload=None):
        """Announce each case past its deadline once (the timer's work, callable on demand)."""
        as_of = load_or_invalid(shared(api.OverdueReviewScan), payload or {})["as_of"] or today()
        saved = change_each(self.store.unflagged_overdue_reviews(as_of), self.store.reviews.get_versioned,
                            lambda case: reviews.flag_overdue(case, as_of), self.store.reviews.save)
        flagged = [{"review_id": review_id, "deadline": e.data["deadline"].isoformat(),
                    "days_overdue": e.data["days_overdue"]} for review_id, _, events in saved for e in events]
        return shared(api.OverdueReviewScanView).dump({"as_of": as_of, "flagged": flagged})

    @singleton_timer("REVIEW_OVERDUE_SCAN_SECONDS", 3600, lease="review-overdue-scan")
    def overdue_reviews_timer(self):
        self.scan_overdue_reviews()

    @rpc
    def recheck_standards(self, payload=None):
        """Re-assess every official in service as of a day (the daily timer's work, callable on demand)."""
        as_of = load_or_invalid(shared(api.StandardsRecheck), payload or {})["as_of"] or today()
        official_ids, positions = self.store.official_ids_in_service(), {}

        def reassess(official):
            if official.position_id not in positions:
                positions[official.position_id] = self.store.positions.get(official.position_id)
            return officials.reassess(official, positions[official.position_id], as_of)
        saved = change_each(official_ids, self.store.officials.get_versioned, reassess, self.store.officials.save)
        changed = [{"official_id": official_id, "met": updated.standards.met}
                   for official_id, updated, events in saved if events]
        return shared(api.StandardsRecheckView).dump({"as_of": as_of, "checked": len(official_ids), "changed": changed})

    @singleton_timer("STANDARDS_RECHECK_SECONDS", 86400, lease="standards-recheck")
    def standards_recheck_timer(self):
        self.recheck_standards()

    # --- reactions to other services' events (docs/architecture.md flows 1-3) -----------------------------
    @reliable_event_handler("training", "training_completed")
    def handle_training_completed(self, event):
        data = shared(events_consumed.TrainingCompletedIn).load(event["data"])
        self.store.add_evidence(evidence.training_completed(
            data["enrollment_id"], data["official_id"], data["completed_on"], data.get("course_title")),
            applied_event=event["id"])
        qualification = officials.qualification_from_training(data)
        if qualification is None:
            return
        official, version = self.store.officials.get_versioned(data["official_id"])
        position = self.store.positions.get(official.position_id)
        updated, events = officials.add_qualification(official, position, qualification, data["completed_on"])
        self.store.officials.save(updated, version, events, applied_event=event["id"])

    @reliable_event_handler("inspection", "inspection_concluded")
    def handle_inspection_concluded(self, event):
        data = shared(events_consumed.InspectionConcludedIn).load(event["data"])
        if not reviews.inspection_opens_reviews(data["result"]):
            return
        unit = self.store.units.get(data["unit_id"])
        self._record_findings(data["inspection_id"], data["findings"], data["concluded_on"], event["id"])
        for official_id in reviews.officials_held_responsible(data["findings"], unit.head_official_id):
            reason = reviews.inspection_reason(data["inspection_id"], data["findings"], official_id)
            case, events = reviews.open_review(self.store.officials.get(official_id), ReviewOrigin.INSPECTION,
                                               data["inspection_id"], reason, data["concluded_on"])
            self.store.open_review(case, events, applied_event=event["id"])

    @reliable_event_handler("feedback", "feedback_substantiated")
    def handle_feedback_substantiated(self, event):
        data = shared(events_consumed.FeedbackSubstantiatedIn).load(event["data"])
        self.store.add_evidence(evidence.feedback_substantiated(
            data["feedback_id"], data["answered_on"], data["summary"], data["official_id"], data["unit_id"]),
            applied_event=event["id"])
        case, events = reviews.open_review(self.store.officials.get(data["official_id"]), ReviewOrigin.FEEDBACK,
                                           data["feedback_id"], reviews.feedback_reason(data["feedback_id"],
                                                                                        data["summary"]),
                                           data["answered_on"])
        self.store.open_review(case, events, applied_event=event["id"])

    # --- evidence of work effectiveness for the evaluation suggestion ----------------------------
    @reliable_event_handler("inspection", "finding_recorded")
    def handle_finding_recorded(self, event):
        data = shared(events_consumed.FindingRecordedIn).load(event["data"])
        self._record_findings(data["inspection_id"], [data], data["recorded_on"] or today(), event["id"])

    def _record_findings(self, inspection_id, findings, on, event_id):
        for item in evidence.inspection_findings(inspection_id, findings, on):
            self.store.add_evidence(item, applied_event=event_id)

    @reliable_event_handler("feedback", "feedback_overdue")
    def handle_feedback_overdue(self, event):
        data = shared(events_consumed.FeedbackOverdueIn).load(event["data"])
        if data["unit_id"]:
            self.store.add_evidence(evidence.unit_feedback_overdue(
                data["feedback_id"], data["deadline"], data["due_on"], data["unit_id"]), applied_event=event["id"])
