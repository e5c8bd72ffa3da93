"""Work products and their periodic scores, and the yearly score computed from them (docs/domain.md rule 4).

From the 2026 evaluation a công chức is rated on the score of their work products (Decree 335/2025/NĐ-CP,
in force 1 Jan 2026): their direct manager scores the tasks and work products of each month or quarter from
0 to 100, and the year's score gives the rating by the bands of evaluation_rules.SCORE_BANDS (>= 90
EXCELLENT, >= 70 GOOD, >= 50 COMPLETED, else NOT_COMPLETED).

Unconfirmed (docs/domain.md rule 4): how the decree aggregates the periodic scores into the year's. The code
takes the plain mean of the periodic scores recorded for the year (YEARLY_FORMULA), one constant to correct.
A year is scored either monthly or quarterly, not both; a period scored again replaces its score, the earlier
one kept in `corrections`.
"""
from dataclasses import dataclass, field, replace
from datetime import date

from services.common.dates import not_after_today
from services.common.errors import Invalid, RuleViolation
from services.personnel.domain.enums import Category, ScorePeriod, WorkItemKind
from services.personnel.domain.evaluation import band_of, is_scored
from services.personnel.domain.evaluation_rules import NEW_RULES, SCORE_BANDS, rule_set_for
from services.personnel.domain.records import YearlyWorkScore

LEGAL_BASIS = NEW_RULES + "/NĐ-CP (from the 2026 evaluation): work products scored monthly or quarterly"
PERIODS = {ScorePeriod.MONTH: 12, ScorePeriod.QUARTER: 4}
YEARLY_FORMULA = "mean of the periodic scores recorded for the year"
YEARLY_FORMULA_STATUS = "unconfirmed"      # the decree's exact aggregation is not confirmed (docs/domain.md)


@dataclass(frozen=True)
class WorkItem:
    kind: WorkItemKind
    title: str


@dataclass(frozen=True)
class PeriodScore:
    period: int                       # 1-12 (MONTH) or 1-4 (QUARTER)
    score: float                      # 0-100
    scored_by: str                    # the direct manager (an official's id)
    scored_on: date
    recorded_by: str                  # the user who recorded it
    work_items: list[WorkItem] = field(default_factory=list)
    comment: str = ""


@dataclass(frozen=True)
class WorkRecord:
    """One official's scored work products for one year (id `ws-<official>-<year>`)."""
    id: str
    official_id: str
    unit_id: str
    year: int
    period_kind: ScorePeriod
    scores: list[PeriodScore] = field(default_factory=list)
    corrections: list[PeriodScore] = field(default_factory=list)   # scores replaced by a later one


def record_id(official_id, year):
    return "ws-{}-{}".format(official_id, year)


def period_start(year, kind, period):
    return date(year, period if kind == ScorePeriod.MONTH else 3 * period - 2, 1)


def score_period(record, official, manager, year, kind, entry, today):
    """Add (or correct) one period's score of `official` for `year`; `record` is the year's so far or None;
    `manager`: the official found for `entry.scored_by` (None: unknown)."""
    rule_set = rule_set_for(official.category, year)
    if not is_scored(rule_set, official.category):
        raise RuleViolation("work products are scored for công chức from the 2026 evaluation",
                            rule="WORK_SCORES_SCOPE", legal_basis=LEGAL_BASIS, fields={
                                "year" if official.category == Category.CONG_CHUC else "official_id": [
                                    "not scored under {}".format(rule_set.legal_basis)]})
    errors = {}
    if not 1 <= entry.period <= PERIODS[kind]:
        errors["period"] = ["1 to {} for {}".format(PERIODS[kind], kind.value)]
    elif entry.scored_on < period_start(year, kind, entry.period):
        errors["scored_on"] = ["the period starts {}".format(period_start(year, kind, entry.period))]
    if record is not None and record.period_kind != kind:
        errors["period_kind"] = ["{} is scored by {}".format(year, record.period_kind.value)]
    if manager is None:
        errors["manager_official_id"] = ["official {} not found".format(entry.scored_by)]
    elif manager.id == official.id:
        errors["manager_official_id"] = ["the direct manager, not the official scored"]
    if errors:
        raise Invalid("the work score cannot be recorded", fields=errors)
    not_after_today(entry.scored_on, today, "scored_on", "the score")
    record = record or WorkRecord(record_id(official.id, year), official.id, official.unit_id, year, kind)
    replaced = [s for s in record.scores if s.period == entry.period]
    scores = sorted([*(s for s in record.scores if s.period != entry.period), entry], key=lambda s: s.period)
    return replace(record, unit_id=official.unit_id, scores=scores, corrections=[*record.corrections, *replaced]), ()


def yearly(record, bands=SCORE_BANDS):
    """The year's score and band from the periodic scores (None without any)."""
    if record is None or not record.scores:
        return None
    score = sum(s.score for s in record.scores) / len(record.scores)      # not rounded: banded as it is
    expected = PERIODS[record.period_kind]
    return YearlyWorkScore(score, band_of(score, bands), record.period_kind, len(record.scores), expected,
                           len(record.scores) == expected, YEARLY_FORMULA, YEARLY_FORMULA_STATUS, LEGAL_BASIS)
