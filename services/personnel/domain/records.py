"""Records kept about an official beside their file: disciplines, evaluations, rewards, evidence."""
from dataclasses import dataclass, field
from datetime import date

from services.personnel.domain.enums import (Category, DeferralReason, DisciplineForm, EvidenceKind,
                                             NoLimitationClass, Rating, RewardForm, ScorePeriod, Severity)


@dataclass(frozen=True)
class Deferral:
    """A period in which the official may not be disciplined (chưa xem xét kỷ luật, docs/domain.md rule 6)."""
    reason: DeferralReason
    start: date
    end: date | None = None          # open while the condition lasts

    def days_within(self, first, last):
        end = self.end or last
        overlap = (min(end, last) - max(self.start, first)).days + 1
        return max(overlap, 0)

    def covers(self, day):
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Discipline:
    id: str
    official_id: str
    unit_id: str
    category: Category
    form: DisciplineForm
    severity: Severity
    violation_date: date
    violation_summary: str
    handling_started_on: date        # the competent authority opened the disciplinary handling
    decided_on: date
    decision_ref: str
    extended: bool = False           # handling time extended to 150 days (complex case)
    aggravated: bool = False         # falls in the aggravating cases the form's article lists
    no_limitation_class: NoLimitationClass | None = None
    deferrals: list[Deferral] = field(default_factory=list)
    violation_ref: str | None = None  # the same violation punished again (e.g. Party then State) shares it
    review_id: str | None = None
    counts_in_year: int | None = None  # the evaluation year it forces NOT_COMPLETED (rule 2)
    legal_basis: str = ""


@dataclass(frozen=True)
class YearlyWorkScore:
    """A year's score computed from the periodic scores of the work products, and its band (work_scores)."""
    score: float
    band: Rating
    period_kind: ScorePeriod
    periods_scored: int
    periods_expected: int
    complete: bool
    formula: str
    formula_status: str              # "unconfirmed": the decree's aggregation is not confirmed (docs/domain.md)
    legal_basis: str


@dataclass(frozen=True)
class WeighedEvidence:
    """One item of evidence and how much it moved the evidence-based suggestion (evidence.py)."""
    kind: EvidenceKind
    ref: str                         # the id of the enrollment, finding or feedback
    on: date
    summary: str
    weight: float
    about: str                       # "official" or "unit"


@dataclass(frozen=True)
class Suggestion:
    suggested_rating: Rating
    score: float
    reasons: list[str]
    evidence: list[WeighedEvidence]


@dataclass(frozen=True)
class AppliedRule:
    """A rule that shaped the final rating: its code, its legal basis, what it did."""
    rule: str
    legal_basis: str
    effect: str


@dataclass(frozen=True)
class Evaluation:
    id: str
    official_id: str
    unit_id: str
    category: Category
    task_group: str                  # group of similar tasks the excellent cap is counted in
    year: int
    rating: Rating | None            # the evaluator's proposal until rate() settles it
    proposed_rating: Rating | None
    recorded_on: date
    months_worked: int = 12
    months_absent: int = 0
    maternity_leave: bool = False
    score: float | None = None
    forced_by: list[str] = field(default_factory=list)   # why the rating differs from the proposal
    legal_basis: str = ""
    comment: str = ""
    # From 2026 for công chức (rule 4): beside the evaluator's proposal, the yearly score computed from the
    # work products and the evidence-based suggestion; `rules_applied` says which rules made the rating.
    work_score: YearlyWorkScore | None = None
    suggestion: Suggestion | None = None
    rules_applied: list[AppliedRule] = field(default_factory=list)


@dataclass(frozen=True)
class Reward:
    id: str
    official_id: str
    unit_id: str
    form: RewardForm
    title: str
    decided_on: date
    decision_ref: str
    issuer: str


@dataclass(frozen=True)
class Evidence:
    id: str
    official_id: str | None
    unit_id: str | None
    kind: EvidenceKind
    ref: str
    on: date
    summary: str = ""
