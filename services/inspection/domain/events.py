"""The events inspection publishes: one frozen dataclass each, built by the domain; their payload schemas
(the contract, with descriptions) are in services/inspection/events_published.py."""
from dataclasses import dataclass
from datetime import date

from services.common.domain_event import DomainEvent
from services.inspection.domain.enums import (ConclusionResult, InspectionForm, InspectionKind, InspectionStage,
                                              InspectionTopic, RecommendationStatus, Severity, TthcDomain)


@dataclass(frozen=True, kw_only=True)
class ConcludedFinding:
    finding_id: str
    description: str
    severity: Severity
    violation_type: str
    tthc_domain: TthcDomain | None
    responsible_official_ids: list[str]


@dataclass(frozen=True, kw_only=True)
class ConcludedRecommendation:
    recommendation_id: str
    content: str
    owner: str
    due_on: date


@dataclass(frozen=True, kw_only=True)
class InspectionOpened(DomainEvent):
    event_type = "inspection_opened"
    inspection_id: str
    unit_id: str
    title: str
    kind: InspectionKind
    form: InspectionForm
    topic: InspectionTopic
    decision_date: date
    stage: InspectionStage
    governing_law: str | None


@dataclass(frozen=True, kw_only=True)
class FindingRecorded(DomainEvent, ConcludedFinding):
    """The finding's fields first (as ConcludedFinding's), then where and when it was recorded."""
    event_type = "finding_recorded"
    inspection_id: str
    unit_id: str
    legal_basis: str | None
    recorded_on: date
    violation_date: date | None


@dataclass(frozen=True, kw_only=True)
class InspectionStageChanged(DomainEvent):
    event_type = "inspection_stage_changed"
    inspection_id: str
    unit_id: str
    stage: InspectionStage
    previous_stage: InspectionStage
    entered_on: date


@dataclass(frozen=True, kw_only=True)
class InspectionConcluded(DomainEvent):
    event_type = "inspection_concluded"
    inspection_id: str
    unit_id: str
    result: ConclusionResult
    concluded_on: date
    summary: str
    findings: list[ConcludedFinding]
    recommendations: list[ConcludedRecommendation]


@dataclass(frozen=True, kw_only=True)
class RecommendationProgressed(DomainEvent):
    event_type = "recommendation_progressed"
    inspection_id: str
    recommendation_id: str
    unit_id: str
    status: RecommendationStatus
    percent_complete: int
    reported_on: date
    waiver_reason: str | None


@dataclass(frozen=True, kw_only=True)
class RecommendationOverdue(DomainEvent):
    event_type = "recommendation_overdue"
    inspection_id: str
    recommendation_id: str
    unit_id: str
    owner: str
    due_on: date
