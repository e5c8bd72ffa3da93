"""Inspection aggregate (with its findings, stored inside it) and the personnel projections."""
from dataclasses import dataclass, field, replace
from datetime import date

from services.inspection.domain.enums import (STAGE_ORDER, ConclusionResult, InspectionForm,
                                              InspectionKind, InspectionStage, InspectionTopic,
                                              Severity, TthcDomain)


# --- projections of personnel's events (read-only here) -----------------------------------------
@dataclass(frozen=True)
class UnitRef:
    id: str
    code: str
    name: str
    valid_from: date
    valid_to: date | None = None
    head_official_id: str | None = None

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class OfficialRef:
    id: str
    full_name: str
    unit_id: str
    status: str          # personnel's code, kept as text: personnel may add statuses


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


@dataclass(frozen=True)
class Conclusion:
    result: ConclusionResult
    concluded_on: date
    summary: str


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

    @property
    def is_concluded(self):
        return STAGE_ORDER.index(self.stage) >= STAGE_ORDER.index(InspectionStage.CONCLUSION)

    def with_finding(self, finding):
        return replace(self, findings=[*self.findings, finding])
