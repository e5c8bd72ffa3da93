"""Inspection's projections of other services' events (mixed into the service): personnel's units and
officials (with their dated unit memberships) and feedback facts for the risk signals."""
from dataclasses import replace
from datetime import datetime

from services.common import projections
from services.common.consumer import reliable_event_handler
from services.common.documents import from_document
from services.common.ids import PROVINCE_TZ
from services.common.schemas import shared
from services.inspection import events_consumed
from services.inspection.domain import officials, risk
from services.inspection.domain.model import UnitRef


class ProjectionHandlers:
    # --- projections of personnel (services never call each other) ------------------------------
    @reliable_event_handler("personnel", "unit_created")
    def handle_unit_created(self, event):
        data = shared(events_consumed.UnitCreatedIn).load(event["data"])
        unit = from_document(UnitRef, dict(data, id=data["unit_id"], source_time=event["time"],
                                           source_version=projections.event_version(event)))
        self.store.project_unit(unit, applied_event=event["id"])

    @reliable_event_handler("personnel", "unit_updated")
    def handle_unit_updated(self, event):
        self.handle_unit_created(event)

    @reliable_event_handler("personnel", "official_registered")
    def handle_official_registered(self, event):
        data = shared(events_consumed.OfficialRegisteredIn).load(event["data"])
        self._project_official(event, officials.registered, data, _event_day(event))

    @reliable_event_handler("personnel", "official_updated")
    def handle_official_updated(self, event):
        data = shared(events_consumed.OfficialUpdatedIn).load(event["data"])
        self._project_official(event, officials.updated, data, data["effective_on"] or _event_day(event))

    @reliable_event_handler("personnel", "official_transferred")
    def handle_official_transferred(self, event):
        """A dated placement (a transfer, a correction, a reorganisation): the memberships follow its periods."""
        data = shared(events_consumed.OfficialTransferredIn).load(event["data"])
        self._project_official(event, officials.transferred, data, data["effective_from"])

    @reliable_event_handler("personnel", "official_separated")
    def handle_official_separated(self, event):
        data = shared(events_consumed.OfficialSeparatedIn).load(event["data"])
        current, version = self.store.get_official_versioned(data["official_id"])
        # A separation is final whenever it arrives; it also outdates older news still on its way.
        separated = replace(officials.separated(current, data),
                            source_time=projections.newest(current and current.source_time, event["time"]),
                            source_version=projections.newest_version(current and current.source_version,
                                                                      projections.event_version(event)))
        self.store.save_official(separated, version, event["id"])

    def _project_official(self, event, change, data, effective_on):
        """Registered or updated (`change`): the news applied from `effective_on`, unless it is older than
        what is known (services/common/projections.py)."""
        incoming = replace(change(None, data, effective_on), source_time=projections.as_utc(event["time"]),
                           source_version=projections.event_version(event))
        self.store.project_official(incoming, event["id"],
                                    merge=lambda current, _: change(current, data, effective_on))

    # --- projection of feedback (risk signals) --------------------------------------------------
    @reliable_event_handler("feedback", "feedback_received")
    def handle_feedback_received(self, event):
        self._signal(event, events_consumed.FeedbackReceivedIn(), risk.received)

    @reliable_event_handler("feedback", "feedback_subject_changed")
    def handle_feedback_subject_changed(self, event):
        self._signal(event, events_consumed.FeedbackSubjectChangedIn(), risk.subject_changed)

    @reliable_event_handler("feedback", "feedback_substantiated")
    def handle_feedback_substantiated(self, event):
        self._signal(event, events_consumed.FeedbackSubstantiatedIn(), risk.substantiated)

    @reliable_event_handler("feedback", "feedback_overdue")
    def handle_feedback_overdue(self, event):
        self._signal(event, events_consumed.FeedbackOverdueIn(), risk.overdue)

    def _signal(self, event, schema, change):
        data = schema.load(event["data"])
        current, version = self.store.get_signal_versioned(data["feedback_id"])
        signal = change(current or risk.FeedbackSignal(id=data["feedback_id"]), data)
        self.store.save_signal(signal, version, event["id"])


def _event_day(event):
    """The province's day an event was sent: when a change carries no date of its own."""
    return datetime.fromisoformat(event["time"]).astimezone(PROVINCE_TZ).date()
