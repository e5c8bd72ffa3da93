"""Promotion (thi / xét nâng ngạch công chức, thăng hạng chức danh nghề nghiệp viên chức; docs/domain.md rule 13):
a round under the rule set of its announcement day (careers_rules.py) offers places in a target rank; officials
apply when eligible (category, one rank up the administrative ladder, the target rank's standards, years in the
current rank read from the service history's RANK records); rounds are scored; the results rank those who passed
every round within the places; the decision gives each of them a RANK record (history.add_record: rank_changed).
Candidates live inside their round (a round has tens of them)."""
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from services.common.errors import Conflict, Invalid, RuleViolation
from services.personnel.domain.careers_rules import (RANK_LADDER, PromotionMethod, promotion_rule_set_for,
                                                     unpassed_earlier_round)
from services.personnel.domain.enums import Category, HistoryKind, OfficialStatus
from services.personnel.domain.events import PromotedOfficial, PromotionCompleted, PromotionRoundOpened
from services.personnel.domain.rank_standards import rank_standards_on
from services.personnel.domain.recruitment import RoundScore
from services.personnel.domain.standards import evaluate_standards
from services.personnel.domain.units import require_in_force


class RoundStatus(StrEnum):
    OPEN = "OPEN"                              # Đang tổ chức thi / xét
    RESULTS_PUBLISHED = "RESULTS_PUBLISHED"    # Đã công bố kết quả
    COMPLETED = "COMPLETED"                    # Đã quyết định bổ nhiệm ngạch / thăng hạng


class PromotionCandidateStatus(StrEnum):
    APPLIED = "APPLIED"          # Đủ điều kiện dự thi / dự xét
    PASSED = "PASSED"            # Trúng tuyển
    NOT_PASSED = "NOT_PASSED"    # Không trúng tuyển
    PROMOTED = "PROMOTED"        # Đã có quyết định bổ nhiệm ngạch / chức danh


@dataclass(frozen=True)
class PromotionCandidate:
    official_id: str
    applied_on: date
    current_rank: str
    rank_since: date
    years_in_rank: float
    scores: list[RoundScore] = field(default_factory=list)
    status: PromotionCandidateStatus = PromotionCandidateStatus.APPLIED
    total: float | None = None
    place: int | None = None
    record_id: str | None = None       # the RANK record of the decision

    def score_of(self, number):
        return next((s.score for s in self.scores if s.round == number), None)


@dataclass(frozen=True)
class PromotionRound:
    id: str
    unit_id: str
    title: str
    category: Category
    method: PromotionMethod
    target_rank: str
    announced_on: date
    decision_ref: str
    places: int
    legal_basis: str = ""
    candidates: list[PromotionCandidate] = field(default_factory=list)
    status: RoundStatus = RoundStatus.OPEN
    results_published_on: date | None = None
    results_ref: str | None = None
    completed_on: date | None = None
    decision_number: str | None = None

    def candidate(self, official_id):
        found = next((c for c in self.candidates if c.official_id == official_id), None)
        if found is None:
            raise Invalid("not a candidate of round {}".format(self.id),
                          fields={"official_id": ["{} did not apply to round {}".format(official_id, self.id)]})
        return found

    def with_candidate(self, candidate):
        return replace(self, candidates=[candidate if c.official_id == candidate.official_id else c
                                         for c in self.candidates])


def open_round(promotion_round, unit):
    """A round under the rule set of its announcement day (422 PROMOTION_RULES when none)."""
    require_in_force(unit, promotion_round.announced_on)
    rule_set = promotion_rule_set_for(promotion_round.category, promotion_round.announced_on)
    opened = replace(promotion_round, legal_basis=rule_set.legal_basis, status=RoundStatus.OPEN, candidates=[])
    return opened, [PromotionRoundOpened(
        subject=opened.id, round_id=opened.id, unit_id=opened.unit_id, title=opened.title,
        category=opened.category.value, method=opened.method, target_rank=opened.target_rank,
        announced_on=opened.announced_on, places=opened.places, legal_basis=opened.legal_basis)]


def _require(promotion_round, status, doing):
    if promotion_round.status != status:
        raise Conflict("round {} is {}: cannot {}".format(promotion_round.id, promotion_round.status.value, doing),
                       fields={"round_id": ["round is {}".format(promotion_round.status.value)]})


def rank_since(records, rank, day):
    """The first day of the unbroken holding of `rank` up to `day`, from the RANK records in force (None when
    `rank` is not the rank held on `day`)."""
    ordered = sorted(((r.effective_from, i, r) for i, r in enumerate(records)
                      if r.kind == HistoryKind.RANK and not r.superseded and r.effective_from <= day),
                     key=lambda item: item[:2])
    since = None
    for _, _, record in ordered:
        if record.rank != rank:
            since = None
        elif since is None:
            since = record.effective_from
    return since


def years_between(start, end):
    return round((end - start).days / 365.25, 2)


def next_rank(rank):
    return RANK_LADDER[RANK_LADDER.index(rank) + 1] if rank in RANK_LADDER[:-1] else None


def eligibility_problems(promotion_round, official, standing, applied_on):
    """{field: [problems]} of an official applying to the round: category, rank one step below the target (on
    the administrative ladder), the target rank's standards on the application day, years in the current rank."""
    rule_set = promotion_rule_set_for(promotion_round.category, promotion_round.announced_on)
    problems = {}
    if official.status == OfficialStatus.SEPARATED:
        problems["official_id"] = ["has left the service"]
    if official.category != promotion_round.category:
        problems["category"] = ["the round is for {}; the official is {}".format(
            promotion_round.category.value, official.category.value)]
    current = standing.rank
    if current == promotion_round.target_rank:
        problems["rank"] = ["already holds rank {}".format(current)]
    elif current in RANK_LADDER and promotion_round.target_rank in RANK_LADDER and \
            next_rank(current) != promotion_round.target_rank:
        problems["rank"] = ["rank {} is not the one below {} (next: {})".format(
            current, promotion_round.target_rank, next_rank(current))]
    # The target rank's standards: the administrative ranks' set applies to viên chức holding them too.
    target = rank_standards_on(promotion_round.target_rank, Category.CONG_CHUC, applied_on)
    if target is not None:
        status = evaluate_standards(official.qualifications, (), applied_on, target)
        if not status.met:
            problems["qualifications"] = ["{} {} required (held: {})".format(
                gap.kind.value, gap.required_level, gap.held_level or "none") for gap in status.missing]
    since = rank_since(official.history, current, applied_on) or official.service_start_date
    needed = rule_set.years_for(promotion_round.target_rank)
    held = years_between(since, applied_on)
    if held < needed:
        problems["years_in_rank"] = ["{} years in rank {} since {} (at least {} under {})".format(
            held, current, since, needed, rule_set.legal_basis)]
    return problems, since, held


def add_candidate(promotion_round, official, standing, applied_on):
    """An eligible official joins the round (422 PROMOTION_ELIGIBILITY naming every condition missing)."""
    _require(promotion_round, RoundStatus.OPEN, "register candidates")
    if applied_on < promotion_round.announced_on:
        raise Invalid("applications come after the notice", fields={"applied_on": [
            "before {}".format(promotion_round.announced_on)]})
    if any(c.official_id == official.id for c in promotion_round.candidates):
        raise Conflict("already a candidate", fields={"official_id": ["already applied to this round"]})
    problems, since, held = eligibility_problems(promotion_round, official, standing, applied_on)
    if problems:
        rule_set = promotion_rule_set_for(promotion_round.category, promotion_round.announced_on)
        raise RuleViolation("the official may not sit for rank {}".format(promotion_round.target_rank),
                            rule="PROMOTION_ELIGIBILITY", legal_basis=rule_set.source, fields=problems)
    candidate = PromotionCandidate(official_id=official.id, applied_on=applied_on, current_rank=standing.rank,
                                   rank_since=since, years_in_rank=held)
    return replace(promotion_round, candidates=[*promotion_round.candidates, candidate]), ()


def record_score(promotion_round, official_id, number, score, scored_on):
    """A round's score (0-100; the same round again corrects it); a round after passing the earlier ones."""
    _require(promotion_round, RoundStatus.OPEN, "record scores")
    rule_set = promotion_rule_set_for(promotion_round.category, promotion_round.announced_on)
    rounds = rule_set.rounds_of(promotion_round.method)
    if number not in [r.number for r in rounds]:
        raise Invalid("not a scored round", fields={"round": ["{} under {} scores round(s) {}".format(
            promotion_round.method.value, rule_set.legal_basis, ", ".join(str(r.number) for r in rounds))]})
    if scored_on < promotion_round.announced_on:
        raise Invalid("a score precedes the notice", fields={"scored_on": [
            "before {}".format(promotion_round.announced_on)]})
    candidate = promotion_round.candidate(official_id)
    unpassed = unpassed_earlier_round(rounds, candidate.score_of, number)
    if unpassed:
        earlier, held = unpassed
        raise RuleViolation("round {} comes after passing round {}".format(number, earlier.number),
                            rule="PROMOTION_ROUNDS", legal_basis=rule_set.source, fields={"round": [
                                "round {} not passed (score {}, pass mark {})".format(
                                    earlier.number, held, earlier.pass_mark)]})
    scores = [s for s in candidate.scores if s.round != number] + [RoundScore(number, score, scored_on)]
    return promotion_round.with_candidate(replace(candidate, scores=sorted(scores, key=lambda s: s.round))), ()


def publish_results(promotion_round, published_on, results_ref, head_choice_ids=()):
    """Those who passed every round, by their total (the counted rounds), then the last round; within the places.
    A tie at the last place: the head of the organising body chooses (422 PROMOTION_TIE until named)."""
    _require(promotion_round, RoundStatus.OPEN, "publish results")
    if published_on < promotion_round.announced_on:
        raise Invalid("results precede the notice", fields={"published_on": [
            "before {}".format(promotion_round.announced_on)]})
    unknown = set(head_choice_ids) - {c.official_id for c in promotion_round.candidates}
    if unknown:
        raise Invalid("head choices must be candidates of the round", fields={"head_choice_official_ids": [
            "not candidates of round {}: {}".format(promotion_round.id, ", ".join(sorted(unknown)))]})
    rule_set = promotion_rule_set_for(promotion_round.category, promotion_round.announced_on)
    rounds = rule_set.rounds_of(promotion_round.method)
    standings = {}
    for c in promotion_round.candidates:
        held = [c.score_of(r.number) for r in rounds]
        if all(score is not None and score >= r.pass_mark for score, r in zip(held, rounds)):
            standings[c.official_id] = (sum(s for s, r in zip(held, rounds) if r.counts_in_total), held[-1])
    qualified = sorted(standings, key=lambda i: (-standings[i][0], -standings[i][1], i))
    passed = set(qualified)
    if len(qualified) > promotion_round.places:
        cut = standings[qualified[promotion_round.places - 1]]
        above = [i for i in qualified if standings[i] > cut]
        tied = [i for i in qualified if standings[i] == cut]
        wanted = promotion_round.places - len(above)
        if len(tied) > wanted:
            chosen = [i for i in tied if i in head_choice_ids]
            if len(chosen) != wanted:
                raise RuleViolation("candidates tie at the last place: the head of the body chooses",
                                    rule="PROMOTION_TIE", legal_basis=rule_set.source,
                                    fields={"head_choice_official_ids": ["{} tie for {} place(s); name them among "
                                                                         "{}".format(len(tied), wanted,
                                                                                     ", ".join(tied))]})
            tied = chosen
        passed = set(above) | set(tied)
    places = {official_id: index for index, official_id in enumerate(qualified, start=1)}
    candidates = [replace(c, status=PromotionCandidateStatus.PASSED if c.official_id in passed
                          else PromotionCandidateStatus.NOT_PASSED,
                          total=standings.get(c.official_id, (None,))[0], place=places.get(c.official_id))
                  for c in promotion_round.candidates]
    return replace(promotion_round, candidates=candidates, status=RoundStatus.RESULTS_PUBLISHED,
                   results_published_on=published_on, results_ref=results_ref), ()


def check_decision(promotion_round, effective_from):
    _require(promotion_round, RoundStatus.RESULTS_PUBLISHED, "decide the promotions")
    if effective_from < promotion_round.results_published_on:
        raise Invalid("the decision precedes the results", fields={"effective_from": [
            "before {}".format(promotion_round.results_published_on)]})


def promoted(promotion_round, official_id, record_id):
    return promotion_round.with_candidate(replace(promotion_round.candidate(official_id),
                                                  status=PromotionCandidateStatus.PROMOTED, record_id=record_id))


def complete(promotion_round, decision, effective_from):
    """The round once every candidate who passed holds the new rank."""
    done = [c for c in promotion_round.candidates if c.status == PromotionCandidateStatus.PROMOTED]
    completed = replace(promotion_round, status=RoundStatus.COMPLETED, completed_on=effective_from,
                        decision_number=decision.number)
    return completed, [PromotionCompleted(
        subject=promotion_round.id, round_id=promotion_round.id, unit_id=promotion_round.unit_id,
        target_rank=promotion_round.target_rank, effective_from=effective_from, decision_number=decision.number,
        legal_basis=decision.legal_basis, candidates=len(promotion_round.candidates),
        promoted=[PromotedOfficial(official_id=c.official_id, record_id=c.record_id, previous_rank=c.current_rank,
                                   rank=promotion_round.target_rank) for c in done])]
