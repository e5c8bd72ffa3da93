"""Inspection aggregate (findings, stage history and recommendations stored inside it) and projections."""
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from services.inspection.domain.enums import (SETTLED, STAGE_ORDER, ConclusionResult, InspectionForm,
                                              InspectionKind, InspectionStage, InspectionTopic,
                                              RecommendationStatus, Severity, TthcDomain)


# --- projections of personnel's events (read-only here) -----------------------------------------
@dataclass(frozen=True)
class UnitRef:
    id: str
    code: str
    name: str
    valid_from: date
    valid_to: date | None = None
    head_official_id: str | None = None
    source_time: datetime | None = None     # time of the newest personnel event applied (projections.py)
    source_version: int | None = None       # personnel's version of the entity in it (its `sequence`)

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Membership:
    """A period during which an official belonged to a unit (None: open-ended / not known earlier)."""
    unit_id: str
    start: date | None = None
    end: date | None = None

    def covers(self, day):
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class OfficialRef:
    id: str
    full_name: str
    unit_id: str         # the current (last known) unit
    status: str          # personnel's code, kept as text: personnel may add statuses
    memberships: list[Membership] = field(default_factory=list)
    source_time: datetime | None = None     # time of the newest personnel event applied (projections.py)
    source_version: int | None = None       # personnel's version of the entity in it (its `sequence`)

    def unit_on(self, day):
        """The unit the official belonged to on `day`, or None (not yet / no longer in service)."""
        if not self.memberships:      # projected before unit history was kept: the current unit
            return self.unit_id
        for membership in reversed(self.memberships):
            if membership.covers(day):
                return membership.unit_id
        return None


# --- the inspection -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    id: str
    violation_type: str              # short code, e.g. "TTHC_OVERDUE"
    description: str
    severity: Severity
    recorded_on: date
    responsible_official_ids: list[str] = field(default_factory=list)
    tthc_domain: TthcDomain | None = None
    legal_basis: str | None = None
    violation_date: date | None = None   # when the violation happened (responsibility is checked then)

    @property
    def observed_on(self):
        return self.violation_date or self.recorded_on


@dataclass(frozen=True)
class Conclusion:
    result: ConclusionResult
    concluded_on: date
    summary: str


@dataclass(frozen=True)
class ProgressReport:
    reported_on: date
    note: str
    percent_complete: int
    status: RecommendationStatus


@dataclass(frozen=True)
class Recommendation:
    """A measure the conclusion requires (kiến nghị), with who must carry it out and by when."""
    id: str
    content: str
    owner: str
    due_on: date
    status: RecommendationStatus = RecommendationStatus.OPEN
    progress: list[ProgressReport] = field(default_factory=list)
    settled_on: date | None = None
    waiver_reason: str | None = None
    overdue_notified: bool = False   # recommendation_overdue written once, in the same write as this flag

    @property
    def is_settled(self):
        return self.status in SETTLED

    def is_overdue_on(self, day):
        return not self.is_settled and self.due_on < day


@dataclass(frozen=True)
class StageStep:
    stage: InspectionStage
    entered_on: date
    note: str | None = None


@dataclass(frozen=True)
class Inspection:
    id: str
    title: str
    kind: InspectionKind
    form: InspectionForm
    topic: InspectionTopic
    unit_id: str
    decision_date: date
    team: list[str]
    stage: InspectionStage = InspectionStage.DECISION
    governing_law: str | None = None
    findings: list[Finding] = field(default_factory=list)
    conclusion: Conclusion | None = None
    plan_id: str | None = None
    plan_item_id: str | None = None
    stage_history: list[StageStep] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)

    @property
    def is_concluded(self):
        return self.reached(InspectionStage.CONCLUSION)

    def reached(self, stage):
        return STAGE_ORDER.index(self.stage) >= STAGE_ORDER.index(stage)

    def entered_on(self, stage):
        """The day the inspection entered `stage` (DECISION: the decision date), or None."""
        if stage == InspectionStage.DECISION:
            return self.decision_date
        return next((step.entered_on for step in self.stage_history if step.stage == stage), None)

    @property
    def last_stage_date(self):
        return self.entered_on(self.stage) or self.decision_date

    def with_finding(self, finding):
        return replace(self, findings=[*self.findings, finding])

    def recommendation(self, recommendation_id):
        return next((r for r in self.recommendations if r.id == recommendation_id), None)

    def with_recommendation(self, updated):
        return replace(self, recommendations=[updated if r.id == updated.id else r for r in self.recommendations])
