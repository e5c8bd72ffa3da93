"""Training needs (docs/architecture.md flows 4 and 5): entrypoints of TrainingService (a mixin).

Needs come from personnel's standards_status_changed and review_decided, and close on training's
own training_completed (consumed back from the broker, so closing is as reliable as any event).
"""
from services.common.consumer import reliable_event_handler
from services.common.documents import from_document
from services.common.ids import today
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid, shared
from services.common.schemas_scope import scoped
from services.training import api, events_consumed, events_published
from services.training.domain import needs
from services.training.domain.enums import NeedClosure, NeedStatus
from services.training.domain.model import Credential
from services.common.projections import event_time, event_version, is_older, newest, newest_version


class NeedEntrypoints:

    # --- queries ----------------------------------------------------------------------
    @rpc
    def list_needs(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListNeedsQuery)), query or {})
        items, total, following = self.store.list_needs(**query)
        return {"items": self._need_views(items), "total": total, "next": following}

    @rpc
    def needs_summary(self, query=None):
        query = load_or_invalid(shared(scoped(api.NeedsSummaryQuery)), query or {})
        lines = needs.summary_by_unit(self.store.open_needs_by_unit(query.get("unit_id"), query["unit_ids"]))
        return {"items": shared(api.NeedsSummaryLine, many=True).dump(lines), "total": len(lines)}

    @rpc
    def get_need(self, need_id):
        return self._need_views([self.store.needs.get(need_id)])[0]

    def _need_views(self, items):
        offered = self.store.open_courses(today()) if any(n.status == NeedStatus.OPEN for n in items) else []
        views = []
        for need in items:
            view = shared(api.NeedView).dump(need)
            view["matching_courses"] = shared(api.MatchingCourseView, many=True).dump([
                dict(vars(course), free_seats=course.capacity - course.enrolled_count) for course in offered
                if need.status == NeedStatus.OPEN and needs.matches_course(need, course)])
            views.append(view)
        return views

    # --- training needs from personnel's standards and reviews (docs/architecture.md flows 4 and 5) -------
    @reliable_event_handler("personnel", "standards_status_changed")
    def handle_standards_status_changed(self, event):
        data = shared(events_consumed.StandardsStatusChangedIn).load(event["data"])
        seen, seen_source_version, seen_version = self.store.standards_seen(data["official_id"])
        if is_older(event_time(event), seen, event_version(event), seen_source_version):
            return   # a newer status was applied already: this late one must not reopen its gaps
        open_needs = self.store.open_needs_of(data["official_id"])
        to_open, to_close = needs.needs_from_gaps(data, event["id"], [need for need, _ in open_needs])
        versions = {need.id: version for need, version in open_needs}
        for need, reason in to_close:
            closed, events = needs.close(need, reason, max(data["as_of"], need.identified_on))
            self.store.needs.save(closed, versions[need.id], events, applied_event=event["id"])
        for need in to_open:
            self.store.add_need(*needs.opened(need), applied_event=event["id"])
        self.store.save_standards_seen(data["official_id"], newest(seen, event_time(event)),
                                       newest_version(seen_source_version, event_version(event)), seen_version,
                                       applied_event=event["id"])

    @reliable_event_handler("personnel", "review_decided")
    def handle_review_decided(self, event):
        need = needs.need_from_review(shared(events_consumed.ReviewDecidedIn).load(event["data"]))
        if need is not None:
            self.store.add_need(*needs.opened(need), applied_event=event["id"])

    # --- our own fact: a completed training meets needs -------------------------------------
    @reliable_event_handler("training", "training_completed")
    def handle_training_completed(self, event):
        """A completed training closes the official's open needs it meets."""
        data = shared(events_published.TrainingCompleted).load(event["data"])
        enrollment = self.store.enrollments.get(data["enrollment_id"])
        credential = from_document(Credential, data["credential"]) if data["credential"] else None
        close_needs(self.store, data["official_id"], event, NeedClosure.TRAINING_COMPLETED, data["completed_on"],
                    lambda need: needs.is_met_by(need, credential, enrollment.content_area, data["completed_on"]),
                    enrollment.id)


def close_needs(store, official_id, event, reason, on, applies, enrollment_id=None):
    """Close the official's open needs that `applies` selects, as `event` applied (once per need). A function
    of the store: TrainingService's separation handler uses it too, without calling a mixin's private method."""
    for need, version in store.open_needs_of(official_id):
        if applies(need):
            closed, events = needs.close(need, reason, max(on, need.identified_on), enrollment_id)
            store.needs.save(closed, version, events, applied_event=event["id"])
