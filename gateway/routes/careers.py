"""Career routes after recruitment (docs/domain.md rules 13-14): promotion rounds (thi / xét nâng ngạch, thăng
hạng), leader selections (thi tuyển chức danh lãnh đạo), appointment and re-appointment with a term, removal from
post (miễn nhiệm), and the scan announcing terms that end soon. Rounds and selections name officials and their
scores: admin and HR only."""
from gateway.http import route
from gateway.roles import ADMIN_ONLY, HR_WRITE
from services.personnel import api as personnel_api

TAG = "careers"


class CareerRoutes:

    # --- promotion ------------------------------------------------------------------------------------
    @route("POST", "/api/v1/promotions/rounds", roles=HR_WRITE, body=personnel_api.OpenPromotionRound,
           response=personnel_api.PromotionRoundView, status=201, tag=TAG)
    def open_promotion_round(self, call):
        """Announce a promotion round to a target rank, under the rule set of `announced_on` (422 PROMOTION_RULES)."""
        return self.backends.call("personnel", "open_promotion_round", call.body)

    @route("GET", "/api/v1/promotions/rounds", roles=HR_WRITE, query=personnel_api.ListPromotionRoundsQuery,
           response=personnel_api.PromotionRoundView, many=True, tag=TAG, unit_scoped=True)
    def list_promotion_rounds(self, call):
        """Promotion rounds by unit and status."""
        return self.backends.call("personnel", "list_promotion_rounds", call.query)

    @route("GET", "/api/v1/promotions/rounds/{round_id}", roles=HR_WRITE, response=personnel_api.PromotionRoundView,
           tag=TAG)
    def get_promotion_round(self, call, round_id):
        """One round: its rule set, rounds, years in rank asked, candidates with scores and results."""
        return self.backends.call("personnel", "get_promotion_round", round_id)

    @route("POST", "/api/v1/promotions/rounds/{round_id}/candidates", roles=HR_WRITE,
           body=personnel_api.CareerApplication, response=personnel_api.PromotionRoundView, tag=TAG)
    def apply_for_promotion(self, call, round_id):
        """An official sits for the round: 422 PROMOTION_ELIGIBILITY names each condition missing (category, the
        rank below, the target rank's standards, years in the current rank from the service history)."""
        return self.backends.call("personnel", "apply_for_promotion", round_id, call.body)

    @route("POST", "/api/v1/promotions/rounds/{round_id}/candidates/{official_id}/scores", roles=HR_WRITE,
           body=personnel_api.RecordScore, response=personnel_api.PromotionRoundView, tag=TAG)
    def record_promotion_score(self, call, round_id, official_id):
        """A round's score (0-100; again corrects it); a round comes after passing the earlier ones."""
        return self.backends.call("personnel", "record_promotion_score", round_id, official_id, call.body)

    @route("POST", "/api/v1/promotions/rounds/{round_id}/results", roles=HR_WRITE,
           body=personnel_api.PublishPromotionResults, response=personnel_api.PromotionRoundView, tag=TAG)
    def publish_promotion_results(self, call, round_id):
        """Rank those who passed every round within the places (422 PROMOTION_TIE: the head chooses)."""
        return self.backends.call("personnel", "publish_promotion_results", round_id, call.body)

    @route("POST", "/api/v1/promotions/rounds/{round_id}/decision", roles=HR_WRITE,
           body=personnel_api.PromotionDecision, response=personnel_api.PromotionRoundView, tag=TAG)
    def decide_promotion(self, call, round_id):
        """The decision: each candidate who passed gets a RANK record in the history (rank_changed);
        promotion_completed."""
        return self.backends.call("personnel", "decide_promotion", round_id, call.body)

    # --- leader selection -----------------------------------------------------------------------------
    @route("POST", "/api/v1/leadership/selections", roles=HR_WRITE, body=personnel_api.OpenSelection,
           response=personnel_api.SelectionView, status=201, tag=TAG)
    def open_selection(self, call):
        """Open the selection of a leader: COMPETITIVE (thi tuyển chức danh lãnh đạo) or NOMINATION."""
        return self.backends.call("personnel", "open_selection", call.body)

    @route("GET", "/api/v1/leadership/selections", roles=HR_WRITE, query=personnel_api.ListSelectionsQuery,
           response=personnel_api.SelectionView, many=True, tag=TAG, unit_scoped=True)
    def list_selections(self, call):
        """Leader selections by unit and status."""
        return self.backends.call("personnel", "list_selections", call.query)

    @route("GET", "/api/v1/leadership/selections/{selection_id}", roles=HR_WRITE,
           response=personnel_api.SelectionView, tag=TAG)
    def get_selection(self, call, selection_id):
        """One selection with its candidates, scores and the one chosen."""
        return self.backends.call("personnel", "get_selection", selection_id)

    @route("POST", "/api/v1/leadership/selections/{selection_id}/candidates", roles=HR_WRITE,
           body=personnel_api.CareerApplication, response=personnel_api.SelectionView, tag=TAG)
    def apply_for_selection(self, call, selection_id):
        """An official applies, from the notice to the deadline."""
        return self.backends.call("personnel", "apply_for_selection", selection_id, call.body)

    @route("POST", "/api/v1/leadership/selections/{selection_id}/candidates/{official_id}/scores", roles=HR_WRITE,
           body=personnel_api.RecordScore, response=personnel_api.SelectionView, tag=TAG)
    def record_selection_score(self, call, selection_id, official_id):
        """A competitive selection's round score (after the application deadline)."""
        return self.backends.call("personnel", "record_selection_score", selection_id, official_id, call.body)

    @route("POST", "/api/v1/leadership/selections/{selection_id}/decision", roles=HR_WRITE,
           body=personnel_api.SelectionDecision, response=personnel_api.SelectionView, tag=TAG)
    def decide_selection(self, call, selection_id):
        """Appoint the one chosen (the highest total of a competitive selection): a POST record with its term
        (official_appointed, leader_selected)."""
        return self.backends.call("personnel", "decide_selection", selection_id, call.body)

    # --- appointment, re-appointment, removal ---------------------------------------------------------
    @route("POST", "/api/v1/officials/{official_id}/appointments", roles=HR_WRITE,
           body=personnel_api.LeaderAppointment, response=personnel_api.HistoryView, status=201, tag=TAG)
    def appoint_leader(self, call, official_id):
        """Bổ nhiệm / bổ nhiệm lại: a POST record for the term of the rule set of its day (5 years); a
        re-appointment needs the same post held, its term ending within the notice period."""
        return self.backends.call("personnel", "appoint_leader", official_id, call.body)

    @route("POST", "/api/v1/officials/{official_id}/posts/{record_id}/removal", roles=HR_WRITE,
           body=personnel_api.RemovalFromPost, response=personnel_api.HistoryView, tag=TAG)
    def remove_from_post(self, call, official_id, record_id):
        """Miễn nhiệm: the post ends the day before effective_from (official_removed_from_post)."""
        return self.backends.call("personnel", "remove_from_post", official_id, record_id, call.body)

    @route("POST", "/api/v1/leadership/reappointment-scans", roles=ADMIN_ONLY, body=personnel_api.ReappointmentScan,
           response=personnel_api.ReappointmentScanView, tag=TAG)
    def scan_reappointments_due(self, call):
        """Announce now each term ending within the notice period, once (the daily timer's work)."""
        return self.backends.call("personnel", "scan_reappointments_due", call.body)
