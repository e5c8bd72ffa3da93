"""Annual quality evaluation (đánh giá, xếp loại chất lượng): docs/domain.md rules 1-5.

The rule set is the one valid for the evaluated year and the official's category (evaluation_rules:
Decree 56/2015 (am. 88/2017) up to 2019, Decree 90/2020 (am. 48/2023), Decree 335/2025 from 2026).
"""
from dataclasses import replace

from services.common.errors import Invalid, RuleViolation
from services.personnel.domain.enums import Category, Rating
from services.personnel.domain.evaluation_rules import CAP_BASE_INCLUDES_EXCELLENT, rule_set_for
from services.personnel.domain.events import EvaluationRecorded
from services.personnel.domain.records import AppliedRule

ORDER = [Rating.NOT_COMPLETED, Rating.COMPLETED, Rating.GOOD, Rating.EXCELLENT]


def band_of(score, bands):
    return next(rating for floor, rating in bands if score >= floor)


def is_scored(rule_set, category):
    """Rule 4: from 2026 a công chức is rated on the score of their work products."""
    return bool(rule_set.score_bands) and category == Category.CONG_CHUC


def is_scored_year(category, year):
    """Whether an evaluation of `category` for `year` is scored (and so kept beside its work scores and evidence)."""
    return is_scored(rule_set_for(category, year), category)


def decided_score(rule_set, evaluation):
    """Rule 4: the score a scored evaluation rates on: the evaluator's when given, else the yearly score computed
    from the work products (work_scores). An evaluator's score that departs from the computed one needs a comment."""
    computed = evaluation.work_score
    if not is_scored(rule_set, evaluation.category) or computed is None:
        return evaluation.score
    if evaluation.score is None:
        return computed.score
    if evaluation.score != computed.score and not evaluation.comment.strip():
        raise Invalid("the score differs from the yearly score of the work products", fields={"comment": [
            "say why the score is not the work products' yearly score ({})".format(computed.score)]})
    return evaluation.score


def proposed_rating(rule_set, category, rating, score):
    """What the evaluator proposes; from 2026 a công chức's rating follows their score (rule 4)."""
    if rating == Rating.NOT_RATED:
        return rating               # nobody to score (rule 3)
    if is_scored(rule_set, category):
        if score is None:
            raise Invalid("from 2026 a công chức is rated on the score of their work products",
                          fields={"score": ["required from 2026 for CONG_CHUC, unless their work products "
                                            "were scored for the year (/work-scores)"]})
        banded = band_of(score, rule_set.score_bands)
        if rating is not None and rating != banded:
            raise RuleViolation("a score of {} gives {}, not {}".format(score, banded.value, rating.value),
                                rule="EVALUATION_SCORE_BANDS", legal_basis=rule_set.legal_basis,
                                fields={"rating": ["the score gives " + banded.value]})
        return rating or banded
    if rating is None:
        raise Invalid("the rating is required", fields={"rating": ["required"]})
    return rating


def apply_time_rules(rule_set, rating, evaluation, forced):
    """Rule 3: < 6 months worked -> NOT_RATED; absent 3 to < 6 months -> at most COMPLETED;
    maternity leave is rated on the time actually worked."""
    worked = evaluation.months_worked - evaluation.months_absent
    if worked < 6 and not evaluation.maternity_leave:
        if rating != Rating.NOT_RATED:
            forced.append("worked {} months (< 6): not rated ({})".format(worked, rule_set.time_rules_basis))
        return Rating.NOT_RATED
    if 3 <= evaluation.months_absent < 6 and rating in (Rating.GOOD, Rating.EXCELLENT):
        forced.append("absent {} months: at most COMPLETED ({})".format(evaluation.months_absent,
                                                                            rule_set.time_rules_basis))
        return Rating.COMPLETED
    return rating


def check_excellent_cap(rule_set, peers, official_id):
    """Rule 1: EXCELLENT <= 20 % of those rated GOOD in the agency and group of similar tasks."""
    others = [p for p in peers if p.official_id != official_id]
    excellent = sum(1 for p in others if p.rating == Rating.EXCELLENT) + 1
    good = sum(1 for p in others if p.rating == Rating.GOOD)
    base = good + (excellent if CAP_BASE_INCLUDES_EXCELLENT else 0)
    if excellent > rule_set.excellent_cap * base:
        raise RuleViolation("{} EXCELLENT would exceed {:.0%} of the {} rated GOOD in this unit and task group".format(
            excellent, rule_set.excellent_cap, base), rule="EXCELLENT_CAP", legal_basis=rule_set.cap_rule_basis,
            fields={"rating": ["the unit's EXCELLENT quota for the year is used up"]})


def rate(evaluation, disciplines, peers):
    """Settle the rating of `evaluation` (rating = the evaluator's proposal) and announce it.

    `disciplines`: the official's disciplines; one counted in the year forces NOT_COMPLETED (rule 2).
    `peers`: a function answering the year's evaluations in the same unit and task group (rule 1); called
    only for an EXCELLENT rating, the one the cap limits (reading a unit's peers costs more than the rest).
    From 2026 for công chức (rule 4) `evaluation.work_score` and `evaluation.suggestion` are kept beside the
    proposal; anything else drops them. `rules_applied` names each rule that made the final rating.
    """
    rule_set = rule_set_for(evaluation.category, evaluation.year)
    scored = is_scored(rule_set, evaluation.category)
    score = decided_score(rule_set, evaluation)
    proposal = proposed_rating(rule_set, evaluation.category, evaluation.rating, score)
    applied = []
    if scored and proposal != Rating.NOT_RATED:
        source = "the evaluator's" if evaluation.score is not None else "the work products' yearly"
        applied.append(AppliedRule("EVALUATION_SCORE_BANDS", rule_set.legal_basis, "{} score {} gives {}".format(
            source, score, band_of(score, rule_set.score_bands).value)))
    forced = []
    rating = apply_time_rules(rule_set, proposal, evaluation, forced)
    applied += [AppliedRule("EVALUATION_TIME_WORKED", rule_set.time_rules_basis, reason) for reason in forced]
    punished = [d for d in disciplines if d.counts_in_year == evaluation.year]
    if punished:
        if rating != Rating.NOT_COMPLETED:
            forced.append(_discipline_reason(rule_set, evaluation.year, punished))
            applied.append(AppliedRule("EVALUATION_DISCIPLINE", rule_set.discipline_basis, forced[-1]))
        rating = Rating.NOT_COMPLETED
    if rating == Rating.EXCELLENT:
        check_excellent_cap(rule_set, peers(), evaluation.official_id)
        applied.append(AppliedRule("EXCELLENT_CAP", rule_set.cap_rule_basis, "within the unit's EXCELLENT quota"))
    settled = replace(evaluation, rating=rating, proposed_rating=proposal, forced_by=forced, score=score,
                      legal_basis=rule_set.legal_basis, rules_applied=applied,
                      work_score=evaluation.work_score if scored else None,
                      suggestion=evaluation.suggestion if scored else None)
    return settled, [evaluation_event(settled)]


def _discipline_reason(rule_set, year, punished):
    return "disciplined in {} ({}): NOT_COMPLETED ({})".format(year, ", ".join(d.id for d in punished),
                                                               rule_set.discipline_basis)


def evaluation_event(evaluation):
    return EvaluationRecorded(
        subject=evaluation.id, official_id=evaluation.official_id, unit_id=evaluation.unit_id, year=evaluation.year,
        rating=evaluation.rating, category=evaluation.category,
        proposed_rating=evaluation.proposed_rating, forced_by=evaluation.forced_by,
        legal_basis=evaluation.legal_basis)


def force_for_discipline(evaluation, discipline):
    """A discipline decided after the rating was recorded still forces NOT_COMPLETED for its year (rule 2)."""
    if discipline.counts_in_year != evaluation.year or evaluation.rating == Rating.NOT_COMPLETED:
        return evaluation, []
    rule_set = rule_set_for(evaluation.category, evaluation.year)
    reason = _discipline_reason(rule_set, evaluation.year, [discipline])
    settled = replace(evaluation, rating=Rating.NOT_COMPLETED, forced_by=[*evaluation.forced_by, reason],
                      rules_applied=[*evaluation.rules_applied,
                                     AppliedRule("EVALUATION_DISCIPLINE", rule_set.discipline_basis, reason)])
    return settled, [evaluation_event(settled)]


def opens_decision_case(evaluation, previous):
    """(opens a case?, two consecutive NOT_COMPLETED years?) after a rating (rule 5)."""
    if evaluation.rating != Rating.NOT_COMPLETED:
        return False, False
    return True, previous is not None and previous.rating == Rating.NOT_COMPLETED


def not_completed_since(evaluation, disciplines):
    """The day a NOT_COMPLETED rating took effect, which dates its decision case (rule 5): the day it was
    recorded, or, when a discipline of the year forced it (rule 2), the first such discipline's decision
    if that came later."""
    if evaluation.proposed_rating == Rating.NOT_COMPLETED:
        return evaluation.recorded_on
    decided = [d.decided_on for d in disciplines if d.counts_in_year == evaluation.year]
    return max(evaluation.recorded_on, min(decided)) if decided else evaluation.recorded_on


def check_evaluation_year(official, year, recorded_on):
    """A year is rated only once it has begun, and only while the official was in service."""
    if year > recorded_on.year:
        raise Invalid("a year can be rated once it has begun", fields={"year": ["after {}".format(recorded_on)]})
    if year < official.service_start_date.year:
        raise Invalid("the official was not in service that year",
                      fields={"year": ["service started {}".format(official.service_start_date)]})
    if official.separation and official.separation.separated_on.year < year:
        raise Invalid("the official had left the service", fields={"year": ["separated {}".format(
            official.separation.separated_on)]})
