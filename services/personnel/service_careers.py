"""Personnel entrypoints for careers after recruitment (docs/domain.md rules 13-14): promotion rounds, leader
selections, appointments and re-appointments, removal from post, and the scan announcing terms that end soon (a
mixin of PersonnelService; each change of rank or post goes through the service history, domain/history.py)."""
from services.common.commands import change, create
from services.common.documents import from_document
from services.common.ids import new_id, today
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid, shared
from services.common.schemas_scope import scoped
from services.common.timers import singleton_timer
from services.personnel import api
from services.personnel.careers_settings import CareersConfig
from services.personnel.domain import history, leadership, promotion
from services.personnel.domain.careers_rules import AppointmentKind, promotion_rule_set_for
from services.personnel.domain.enums import HistoryKind
from services.personnel.domain.leadership import Selection
from services.personnel.domain.promotion import PromotionCandidateStatus, PromotionRound
from services.personnel.service_history import decision_of, history_context, history_view


def round_view(promotion_round):
    rule_set = promotion_rule_set_for(promotion_round.category, promotion_round.announced_on)
    return shared(api.PromotionRoundView).dump(dict(
        vars(promotion_round), rounds=rule_set.rounds_of(promotion_round.method),
        years_in_rank=rule_set.years_for(promotion_round.target_rank)))


def selection_view(selection):
    return shared(api.SelectionView).dump(dict(vars(selection), rounds=selection.rounds, candidates=[
        dict(vars(c), total=c.total(selection.rounds) if selection.rounds else None) for c in selection.candidates]))


class CareersEntrypoints:
    careers_settings = CareersConfig()

    # --- promotion (thi / xét nâng ngạch, thăng hạng) -----------------------------------------------------
    @rpc
    def open_promotion_round(self, payload):
        command = load_or_invalid(shared(api.OpenPromotionRound), payload)
        return create(self.store.promotion_rounds, lambda: promotion.open_round(
            from_document(PromotionRound, dict(command, id=new_id("pr"))), self.store.units.get(command["unit_id"])),
            round_view)

    @rpc
    def get_promotion_round(self, round_id):
        return round_view(self.store.promotion_rounds.get(round_id))

    @rpc
    def list_promotion_rounds(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListPromotionRoundsQuery)), query or {})
        items, total = self.store.list_promotion_rounds(**query)
        return {"items": [round_view(r) for r in items], "total": total}

    @rpc
    def apply_for_promotion(self, round_id, payload):
        command = load_or_invalid(shared(api.CareerApplication), payload)

        def decide(promotion_round):
            official = self.store.officials.get(command["official_id"])
            return promotion.add_candidate(promotion_round, official,
                                           history.standing_on(official, command["applied_on"]), command["applied_on"])
        return change(self.store.promotion_rounds, round_id, decide, round_view)

    @rpc
    def record_promotion_score(self, round_id, official_id, payload):
        command = load_or_invalid(shared(api.RecordScore), payload)
        return change(self.store.promotion_rounds, round_id, lambda promotion_round: promotion.record_score(
            promotion_round, official_id, command["round"], command["score"], command["scored_on"]), round_view)

    @rpc
    def publish_promotion_results(self, round_id, payload):
        command = load_or_invalid(shared(api.PublishPromotionResults), payload)
        return change(self.store.promotion_rounds, round_id, lambda promotion_round: promotion.publish_results(
            promotion_round, command["published_on"], command["results_ref"], command["head_choice_official_ids"]),
            round_view)

    @rpc
    def decide_promotion(self, round_id, payload):
        """Each candidate who passed gets a RANK record (rank_changed) by the decision, official by official (a
        retry carries on with those not promoted yet); then the round is completed (promotion_completed)."""
        command = load_or_invalid(shared(api.PromotionDecision), payload)
        decision, effective_from = decision_of(command), command["effective_from"]
        promotion_round, version = self.store.promotion_rounds.get_versioned(round_id)
        promotion.check_decision(promotion_round, effective_from)
        for candidate in promotion_round.candidates:
            if candidate.status != PromotionCandidateStatus.PASSED:
                continue
            record = history.HistoryRecord(id="", kind=HistoryKind.RANK, effective_from=effective_from,
                                           recorded_on=today(), decision=decision, rank=promotion_round.target_rank,
                                           origin_id=round_id)
            saved = change(self.store.officials, candidate.official_id, lambda official: history.add_record(
                official, record, history_context(self.store, official)), lambda official: official)
            promotion_round = promotion.promoted(promotion_round, candidate.official_id, saved.history[-1].id)
            self.store.promotion_rounds.save(promotion_round, version)
            version += 1
        completed, events = promotion.complete(promotion_round, decision, effective_from)
        self.store.promotion_rounds.save(completed, version, events)
        return round_view(completed)

    # --- leader selection (thi tuyển chức danh lãnh đạo; quy trình bổ nhiệm) -------------------------------
    @rpc
    def open_selection(self, payload):
        command = load_or_invalid(shared(api.OpenSelection), payload)
        return create(self.store.selections, lambda: leadership.open_selection(
            from_document(Selection, dict(command, id=new_id("sel"))), self.store.units.get(command["unit_id"])),
            selection_view)

    @rpc
    def get_selection(self, selection_id):
        return selection_view(self.store.selections.get(selection_id))

    @rpc
    def list_selections(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListSelectionsQuery)), query or {})
        items, total = self.store.list_selections(**query)
        return {"items": [selection_view(s) for s in items], "total": total}

    @rpc
    def apply_for_selection(self, selection_id, payload):
        command = load_or_invalid(shared(api.CareerApplication), payload)
        return change(self.store.selections, selection_id, lambda selection: leadership.add_candidate(
            selection, self.store.officials.get(command["official_id"]), command["applied_on"]), selection_view)

    @rpc
    def record_selection_score(self, selection_id, official_id, payload):
        command = load_or_invalid(shared(api.RecordScore), payload)
        return change(self.store.selections, selection_id, lambda selection: leadership.record_score(
            selection, official_id, command["round"], command["score"], command["scored_on"]), selection_view)

    @rpc
    def decide_selection(self, selection_id, payload):
        """The one chosen is appointed (a POST record: official_appointed), then the selection is decided
        (leader_selected)."""
        command = load_or_invalid(shared(api.SelectionDecision), payload)
        selection, version = self.store.selections.get_versioned(selection_id)
        official_id = leadership.chosen(selection, command["official_id"])
        appointed = self._appoint(official_id, dict(command, kind=AppointmentKind.APPOINTMENT,
                                                     post_title=selection.post_title, unit_id=selection.unit_id),
                                  origin_id=selection_id)
        record = appointed.history[-1]
        done, events = leadership.decided(selection, appointed, record, command["effective_from"])
        self.store.selections.save(done, version, events)
        return selection_view(done)

    # --- appointment, re-appointment, removal ------------------------------------------------------------
    @rpc
    def appoint_leader(self, official_id, payload):
        command = load_or_invalid(shared(api.LeaderAppointment), payload)
        return history_view(self._appoint(official_id, command))

    def _appoint(self, official_id, command, origin_id=None):
        def decide(official):
            unit_id = command["unit_id"] or history.standing_on(official, command["effective_from"]).unit_id
            record = leadership.appointment_record(official, command["kind"], unit_id, command["post_title"],
                                                   command["effective_from"], decision_of(command),
                                                   command["term_end"], origin_id)
            return leadership.appoint(official, record, history_context(self.store, official, [unit_id]))
        return change(self.store.officials, official_id, decide, lambda official: official)

    @rpc
    def remove_from_post(self, official_id, record_id, payload):
        command = load_or_invalid(shared(api.RemovalFromPost), payload)
        record_id = load_or_invalid(shared(api.HistoryRef), {"record_id": record_id})["record_id"]
        return change(self.store.officials, official_id, lambda official: history.end_post(
            official, record_id, command["effective_from"], command["reason"], decision_of(command), today()),
            history_view)

    # --- re-appointment due ------------------------------------------------------------------------------
    @rpc
    def scan_reappointments_due(self, payload=None):
        """Announce once per post and term (`reappointment_due`) each term ending within the notice period, on
        the configured clock's day (the timer's work, callable on demand)."""
        settings = self.careers_settings
        as_of = load_or_invalid(shared(api.ReappointmentScan), payload or {})["as_of"] or settings.clock()
        announced = []
        for official_id in self.store.officials_with_terms_ending(as_of, settings.notice_days):
            official = self.store.officials.get(official_id)
            records = leadership.terms_ending(official, as_of, settings.notice_days)
            given = self.store.notices_given([leadership.notice_id(r.id) for r in records])
            for record in records:
                if leadership.notice_id(record.id) in given:
                    continue
                notice, events = leadership.reappointment_due(official, record, as_of)
                if self.store.reappointment_notices.add(notice, events, exists_ok=True) is not False:
                    announced.append({"official_id": official.id, "record_id": record.id,
                                      "post_title": record.post_title, "term_end": record.term_end,
                                      "days_left": events[0].days_left})
        return shared(api.ReappointmentScanView).dump({"as_of": as_of, "notice_days": settings.notice_days,
                                                       "announced": announced})

    @singleton_timer("LEADERSHIP_REAPPOINTMENT_SCAN_SECONDS", 86400, lease="reappointment-scan")
    def reappointments_due_timer(self):
        self.scan_reappointments_due()
