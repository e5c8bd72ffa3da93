"""What happens to an inspection: opened on a known unit, findings recorded, then concluded.

Legal basis: Law 84/2025/QH15 on Inspection (from 1 Jul 2025; Law 11/2022/QH15 from 1 Jul 2023, Law
56/2010/QH12 from 1 Jul 2011 before it; the law is recorded by the decision date, `law.py`), docs/domain.md rule 10 — conclusions are published and a finding against an individual opens a review that may
lead to discipline; so each named official must be a real official of the inspected unit, and the
concluded findings travel in `inspection_concluded` for personnel (docs/architecture.md flow 2).
"""
from dataclasses import asdict, replace

from services.common.dates import not_after_today
from services.common.errors import Conflict, Invalid
from services.inspection.domain import stages
from services.inspection.domain.enums import InspectionStage
from services.inspection.domain.events import (ConcludedFinding, ConcludedRecommendation, FindingRecorded,
                                               InspectionConcluded, InspectionOpened)
from services.inspection.domain.law import governing_law

MAX_FINDINGS = 500   # keeps one inspection document far below MongoDB's 16 MB


def open_inspection(candidate, unit):
    """A new inspection at stage DECISION of a unit known from personnel and in force on the decision date
    (a link to an annual plan's item is checked beforehand by plans.check_plan_link)."""
    if unit is None:
        raise Invalid("unknown unit", fields={"unit_id": [
            "unit {} is not known (not created in personnel, or not yet received)".format(candidate.unit_id)]})
    if not unit.is_valid_on(candidate.decision_date):
        raise Invalid("the unit is not in force on the decision date", fields={"unit_id": [
            "unit {} is not valid on {}".format(unit.id, candidate.decision_date.isoformat())]})
    inspection = replace(candidate, stage=InspectionStage.DECISION, findings=[], conclusion=None,
                         stage_history=[], recommendations=[], governing_law=governing_law(candidate.decision_date))
    return inspection, [InspectionOpened(
        subject=inspection.id, inspection_id=inspection.id, unit_id=inspection.unit_id, title=inspection.title,
        kind=inspection.kind, form=inspection.form, topic=inspection.topic,
        decision_date=inspection.decision_date, stage=inspection.stage,
        governing_law=inspection.governing_law)]


def record_finding(inspection, finding, officials):
    """Add a finding; `officials` maps each known named id to its OfficialRef (unknown ids absent)."""
    if inspection.is_concluded:
        raise Conflict("inspection {} is concluded; no more findings".format(inspection.id))
    if len(inspection.findings) >= MAX_FINDINGS:
        raise Conflict("inspection {} already has {} findings".format(inspection.id, MAX_FINDINGS))
    named = list(dict.fromkeys(finding.responsible_official_ids))   # same official named twice = once
    day = finding.violation_date or inspection.decision_date
    problems = [problem for official_id in named
                for problem in _responsibility_problems(official_id, officials.get(official_id), inspection, day)]
    if problems:
        raise Invalid("responsible officials are not valid", fields={"responsible_official_ids": problems})
    finding = replace(finding, responsible_official_ids=named)
    return inspection.with_finding(finding), [FindingRecorded(
        subject=inspection.id, **asdict(finding_data(finding)), inspection_id=inspection.id, unit_id=inspection.unit_id,
        legal_basis=finding.legal_basis, recorded_on=finding.recorded_on, violation_date=finding.violation_date)]


def _responsibility_problems(official_id, official, inspection, day):
    """An official is held responsible only if they belonged to the inspected unit on `day` (the
    violation date, else the decision date), per personnel's registrations, transfers and separations."""
    if official is None:
        return ["official {} is not known (not registered in personnel, or not yet received)".format(official_id)]
    unit_then = official.unit_on(day)
    if unit_then is None:
        return ["official {} did not belong to any unit on {}".format(official_id, day.isoformat())]
    if unit_then != inspection.unit_id:
        return ["official {} belonged to unit {} on {}, not to the inspected unit {}".format(
            official_id, unit_then, day.isoformat(), inspection.unit_id)]
    return []


def conclude(inspection, conclusion, recommendations=(), today=None):
    """Conclude once, on the draft conclusion (so never without a results report, rule 10), on or after
    the draft's date; the recommendations (owner and deadline each) are then followed up."""
    if inspection.is_concluded:
        raise Conflict("inspection {} is already concluded".format(inspection.id))
    not_after_today(conclusion.concluded_on, today, "concluded_on")
    if conclusion.concluded_on < inspection.decision_date:
        raise Invalid("concluded before the decision", fields={"concluded_on": [
            "must not be before the decision date {}".format(inspection.decision_date.isoformat())]})
    stages.require_result_report(inspection)
    stages.require_next(inspection, InspectionStage.CONCLUSION)
    stages.require_date_in_order(inspection, conclusion.concluded_on, field="concluded_on")
    early = [index for index, r in enumerate(recommendations) if r.due_on < conclusion.concluded_on]
    if early:
        raise Invalid("a recommendation is due before the conclusion", fields={"recommendations": {
            index: {"due_on": ["must not be before the conclusion date {}".format(
                conclusion.concluded_on.isoformat())]} for index in early}})
    moved, stage_events = stages.entered(replace(inspection, conclusion=conclusion,
                                                 recommendations=list(recommendations)),
                                         InspectionStage.CONCLUSION, conclusion.concluded_on)
    return moved, stage_events + [InspectionConcluded(
        subject=inspection.id, inspection_id=inspection.id, unit_id=inspection.unit_id, result=conclusion.result,
        concluded_on=conclusion.concluded_on, summary=conclusion.summary,
        findings=[finding_data(finding) for finding in inspection.findings],
        recommendations=[recommendation_data(r) for r in recommendations])]


def recommendation_data(recommendation):
    return ConcludedRecommendation(recommendation_id=recommendation.id, content=recommendation.content,
                                   owner=recommendation.owner, due_on=recommendation.due_on)


def finding_data(finding):
    return ConcludedFinding(finding_id=finding.id, description=finding.description, severity=finding.severity,
                            violation_type=finding.violation_type, tthc_domain=finding.tthc_domain,
                            responsible_official_ids=list(finding.responsible_official_ids))
