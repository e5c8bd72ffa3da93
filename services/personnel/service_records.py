"""Personnel entrypoints for reviews, discipline, rewards, evaluation and separations (mixins of
PersonnelService; nameko entrypoints only: load -> domain -> store -> dump)."""
from dataclasses import replace

from services.common.dates import not_after_today
from services.common.commands import change, create
from services.common.consumer import reliable_event_handler
from services.common.documents import from_document
from services.common.errors import Conflict
from services.common.ids import new_id, today
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid, shared
from services.personnel import api, events_consumed
from services.personnel.domain import (discipline as discipline_rules, evaluation, evidence, history,
                                       reporting, reviews, work_scores)
from services.personnel.domain.officials import check_reassignment
from services.personnel.domain.enums import HistoryKind, Rating, ReviewOrigin, ReviewOutcome, ScorePeriod
from services.personnel.domain.model import RetrainingNeed, Separation
from services.personnel.domain.records import Discipline, Evaluation, Reward
from services.personnel.domain.separations import separate
from services.personnel.domain.work_scores import PeriodScore
from services.personnel.service_history import history_context


def impose(store, official_id, details, discipline_id):
    """(discipline, events) for an official: imposed by hand (DisciplineEntrypoints) or by a review's decision
    (ReviewEntrypoints). A function of the store, so neither mixin calls the other's private method."""
    official = store.officials.get(official_id)
    group = store.positions.get(official.position_id).group
    candidate = from_document(Discipline, dict(details, id=discipline_id, official_id=official.id,
                                               unit_id=official.unit_id, category=official.category))
    return discipline_rules.impose(candidate, official, group, store.disciplines_of(official.id), today())


def with_work_evidence(store, candidate, disciplines):
    """A 2026+ công chức's evaluation with, beside the proposal, the yearly score of their work products and the
    evidence-based suggestion (rule 4); any other evaluation as it is."""
    if not evaluation.is_scored_year(candidate.category, candidate.year):
        return candidate
    record, _ = store.work_scores.find_versioned(work_scores.record_id(candidate.official_id, candidate.year))
    return replace(candidate, work_score=work_scores.yearly(record), suggestion=evidence.suggestion(
        candidate.year, store.evidence_about(candidate.official_id, candidate.unit_id), disciplines))


def work_scores_view(official_id, year, record):
    view = {"official_id": official_id, "year": year, "period_kind": None, "scores": [], "corrections": []}
    return shared(api.WorkScoresView).dump(dict(view, **(record.__dict__ if record else {}),
                                                yearly=work_scores.yearly(record)))


def review_view(case):
    """A review case with its `overdue` flag as of today in the province."""
    return dict(shared(api.ReviewView).dump(case), overdue=reviews.is_overdue(case, today()))


class ReviewEntrypoints:

    @rpc
    def open_review(self, payload):
        command = load_or_invalid(shared(api.OpenReview), payload)
        official = self.store.officials.get(command["official_id"])
        case, events = reviews.open_review(official, ReviewOrigin.MANUAL, command["origin_ref"],
                                           command["reason"], command["opened_on"])
        self.store.open_review(case, events, duplicate_error=Conflict(
            "a review of this official for this source item already exists",
            fields={"origin_ref": ["review {} exists".format(case.id)]}))
        return review_view(case)

    @rpc
    def start_investigation(self, review_id, payload):
        command = load_or_invalid(shared(api.StartInvestigation), payload)
        return change(self.store.reviews, review_id, lambda case: reviews.start_investigation(
            case, command["started_on"], command["investigator"], command["extend"]), review_view)

    @rpc
    def decide_review(self, review_id, payload):
        command = load_or_invalid(shared(api.ReviewDecision), payload)
        case, version = self.store.reviews.get_versioned(review_id)
        need = command["retraining_need"] and from_document(RetrainingNeed, command["retraining_need"])
        discipline_id = "dc-" + case.id if command["outcome"] == ReviewOutcome.DISCIPLINE else None
        if command["new_position_id"]:
            self._check_reassignment(case.official_id, command["new_position_id"], command["decided_on"])
        decided, events = reviews.decide(case, ReviewOutcome(command["outcome"]), command["decided_on"],
                                         command["reason"], need, command["content_area"], discipline_id,
                                         command["new_position_id"])
        if discipline_id:
            # Checked before anything is written; its id derives from the case, so a retried decision
            # finds it recorded already (exists_ok) and then only completes the case.
            details = dict(command["discipline"], decided_on=command["decided_on"], review_id=case.id)
            imposed, imposed_events = impose(self.store, case.official_id, details, discipline_id)
            self.store.disciplines.add(imposed, imposed_events, exists_ok=True)
        self.store.reviews.save(decided, version, events)
        return review_view(decided)


    def _check_reassignment(self, official_id, position_id, decided_on):
        """Refused before the decision is written: a position that exists, in a unit in force."""
        official, position = self.store.officials.get(official_id), self.store.positions.get(position_id)
        check_reassignment(official, position, self.store.units.get(position.unit_id), max(decided_on, today()))

    @reliable_event_handler("personnel", "review_decided")
    def handle_review_decided(self, event):
        """REASSIGNMENT moves the official to the decided position (at least once, through the outbox)."""
        data = shared(events_consumed.ReviewDecidedIn).load(event["data"])
        if data["outcome"] != ReviewOutcome.REASSIGNMENT or not data.get("new_position_id"):
            return
        official, version = self.store.officials.get_versioned(data["official_id"])
        if official.position_id == data["new_position_id"] or official.separation:
            return
        position = self.store.positions.get(data["new_position_id"])
        on = min(data["decided_on"], today())
        record = history.HistoryRecord(
            id="", kind=HistoryKind.PLACEMENT, effective_from=on, recorded_on=today(),
            decision=reviews.reassignment_decision(data["review_id"], data["decided_on"]),
            unit_id=history.unit_of_position_on(position, on), position_id=position.id)
        updated, events = history.add_record(official, record, history_context(
            self.store, official, [record.unit_id], [position.id]))
        self.store.officials.save(updated, version, events, applied_event=event["id"])


class DisciplineEntrypoints:

    @rpc
    def impose_discipline(self, official_id, payload):
        command = load_or_invalid(shared(api.ImposeDiscipline), payload)
        return create(self.store.disciplines, lambda: impose(self.store, official_id, command, new_id("dc")),
                      shared(api.DisciplineView).dump)

    @rpc
    def list_disciplines(self, official_id):
        self.store.officials.get(official_id)
        return self.disciplines_view(official_id)

    def disciplines_view(self, official_id):
        return shared(api.DisciplineView, many=True).dump(self.store.disciplines_of(official_id))

    @rpc
    def record_reward(self, official_id, payload):
        command = load_or_invalid(shared(api.RecordReward), payload)

        def decide():
            official = self.store.officials.get(official_id)
            not_after_today(command["decided_on"], today(), "decided_on", "the reward decision")
            # A reward announces nothing: no events.
            return from_document(Reward, dict(command, id=new_id("rw"), official_id=official.id,
                                              unit_id=official.unit_id)), ()
        return create(self.store.rewards, decide, shared(api.RewardView).dump)

    @rpc
    def list_rewards(self, official_id):
        self.store.officials.get(official_id)
        return self.rewards_view(official_id)

    def rewards_view(self, official_id):
        return shared(api.RewardView, many=True).dump(self.store.rewards_of(official_id))


class EvaluationEntrypoints:

    @rpc
    def record_evaluation(self, official_id, payload):
        command = load_or_invalid(shared(api.RecordEvaluation), payload)
        recorded_on = command["recorded_on"] or today()
        # Filed under the unit, position and rank of the year's end (or of the day, for the running year).
        official = history.standing_on(self.store.officials.get(official_id),
                                       reporting.year_end(command["year"], recorded_on))
        evaluation.check_evaluation_year(official, command["year"], recorded_on)
        group = self.store.positions.get(official.position_id).group
        candidate = from_document(Evaluation, dict(
            command, id="ev-{}-{}".format(official.id, command["year"]), official_id=official.id,
            unit_id=official.unit_id, category=official.category, task_group=group, recorded_on=recorded_on,
            proposed_rating=None))
        _, version = self.store.evaluations.find_versioned(candidate.id)
        disciplines = self.store.disciplines_of(official.id)
        settled, events = evaluation.rate(with_work_evidence(self.store, candidate, disciplines), disciplines,
                                          lambda: self.store.peer_evaluations(official.unit_id, candidate.year, group))
        self.store.evaluations.save(settled, version, events)
        return shared(api.EvaluationView).dump(settled)

    @rpc
    def record_work_score(self, official_id, payload, recorded_by=None):
        """A month's or quarter's score of the official's work products by their direct manager (rule 4)."""
        command = load_or_invalid(shared(api.RecordWorkScore), payload)
        official = self.store.officials.get(official_id)
        record, version = self.store.work_scores.find_versioned(work_scores.record_id(official.id, command["year"]))
        manager, _ = self.store.officials.find_versioned(command["manager_official_id"])
        entry = from_document(PeriodScore, dict(
            command, scored_by=command["manager_official_id"], scored_on=command["scored_on"] or today(),
            recorded_by=recorded_by or "unknown"))
        updated, events = work_scores.score_period(record, official, manager, command["year"],
                                                   ScorePeriod(command["period_kind"]), entry, today())
        self.store.work_scores.save(updated, version, events)
        return work_scores_view(official.id, updated.year, updated)

    @rpc
    def get_work_scores(self, official_id, query=None):
        year = load_or_invalid(shared(api.WorkScoresQuery), query or {})["year"]
        official = self.store.officials.get(official_id)
        record, _ = self.store.work_scores.find_versioned(work_scores.record_id(official.id, year))
        return work_scores_view(official.id, year, record)

    @rpc
    def list_evaluations(self, official_id):
        self.store.officials.get(official_id)
        return self.evaluations_view(official_id)

    def evaluations_view(self, official_id):
        return shared(api.EvaluationView, many=True).dump(self.store.evaluations_of(official_id))

    @rpc
    def rating_distribution(self, unit_id, query=None):
        query = load_or_invalid(shared(api.DistributionQuery), query or {})
        self.store.units.get(unit_id)
        year_end = reporting.year_end(query["year"], today())     # the tree as it stood at the year's end
        scope = self.store.subtree_ids(unit_id, year_end) if query["include_sub_units"] else [unit_id]
        rated = self.store.evaluations_in(scope, query["year"])
        counts = {rating.value: sum(1 for e in rated if e.rating == rating) for rating in Rating}
        return shared(api.DistributionView).dump({"unit_id": unit_id, "year": query["year"], "total": len(rated),
                                          "by_rating": counts})

    @rpc
    def suggest_evaluation(self, official_id, query=None):
        year = load_or_invalid(shared(api.SuggestionQuery), query or {})["year"]
        official = self.store.officials.get(official_id)
        suggestion = evidence.suggest(year, self.store.evidence_about(official.id, official.unit_id),
                                      self.store.disciplines_of(official.id))
        return shared(api.SuggestionView).dump(dict(suggestion, official_id=official.id))

    # --- personnel's own events: rule 2 after the fact, rule 5's decision case -----------------
    @reliable_event_handler("personnel", "discipline_imposed")
    def handle_discipline_imposed(self, event):
        data = shared(events_consumed.DisciplineImposedIn).load(event["data"])
        if not data.get("counts_in_year"):
            return
        rated, version = self.store.evaluations.find_versioned(
            "ev-{}-{}".format(data["official_id"], data["counts_in_year"]))
        if rated is None:
            return      # rated later: record_evaluation sees the discipline then
        settled, events = evaluation.force_for_discipline(rated, self.store.disciplines.get(data["discipline_id"]))
        if events:
            self.store.evaluations.save(settled, version, events, applied_event=event["id"])

    @reliable_event_handler("personnel", "evaluation_recorded")
    def handle_evaluation_recorded(self, event):
        data = shared(events_consumed.EvaluationRecordedIn).load(event["data"])
        rated, _ = self.store.evaluations.find_versioned("ev-{}-{}".format(data["official_id"], data["year"]))
        previous, _ = self.store.evaluations.find_versioned("ev-{}-{}".format(data["official_id"], data["year"] - 1))
        opens, consecutive = evaluation.opens_decision_case(rated, previous) if rated else (False, False)
        if opens:
            opened_on = evaluation.not_completed_since(rated, self.store.disciplines_of(rated.official_id))
            case, events = reviews.not_completed_case(self.store.officials.get(data["official_id"]), rated,
                                                      previous, consecutive, opened_on)
            self.store.open_review(case, events, applied_event=event["id"])


class SeparationEntrypoints:

    @rpc
    def separate_official(self, official_id, payload):
        command = load_or_invalid(shared(api.Separate), payload)

        def decide(official):
            not_after_today(command["separated_on"], today(), "separated_on", "the separation (record it once decided)")
            return separate(official, from_document(Separation, command), self.store.open_reviews_of(official.id),
                            self.store.evaluations_of(official.id), self.store.disciplines_of(official.id))
        return change(self.store.officials, official_id, decide, shared(api.OfficialView).dump)

    @rpc
    def list_separations(self, official_id):
        official = self.store.officials.get(official_id)
        return shared(api.SeparationView, many=True).dump([official.separation] if official.separation else [])
