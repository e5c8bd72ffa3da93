"""What happens to an inspection: opened on a known unit, findings recorded, then concluded.

Legal basis: Law 84/2025/QH15 on Inspection (from 1 Jul 2025; Law 11/2022/QH15 before), DOMAIN
rule 10 — conclusions are published and a finding against an individual opens a review that may
lead to discipline; so each named official must be a real official of the inspected unit, and the
concluded findings travel in `inspection_concluded` for personnel (DESIGN flow 2).
"""
from dataclasses import replace

from services.common.domain_event import DomainEvent
from services.common.errors import Conflict, Invalid
from services.inspection.domain.enums import InspectionStage
from services.inspection.domain.law import governing_law

MAX_FINDINGS = 500   # keeps one inspection document far below MongoDB's 16 MB


def open_inspection(candidate, unit):
    """A new inspection at stage DECISION of a unit known from personnel and in force on the decision date."""
    if unit is None:
        raise Invalid("unknown unit", fields={"unit_id": [
            "unit {} is not known (not created in personnel, or not yet received)".format(candidate.unit_id)]})
    if not unit.is_valid_on(candidate.decision_date):
        raise Invalid("the unit is not in force on the decision date", fields={"unit_id": [
            "unit {} is not valid on {}".format(unit.id, candidate.decision_date.isoformat())]})
    inspection = replace(candidate, stage=InspectionStage.DECISION, findings=[], conclusion=None,
                         governing_law=governing_law(candidate.decision_date))
    return inspection, [DomainEvent("inspection_opened", inspection.id, {
        "inspection_id": inspection.id, "unit_id": inspection.unit_id, "title": inspection.title,
        "kind": inspection.kind, "form": inspection.form, "topic": inspection.topic,
        "decision_date": inspection.decision_date, "stage": inspection.stage,
        "governing_law": inspection.governing_law})]


def record_finding(inspection, finding, officials):
    """Add a finding; `officials` maps each known named id to its OfficialRef (unknown ids absent)."""
    if inspection.is_concluded:
        raise Conflict("inspection {} is concluded; no more findings".format(inspection.id))
    if len(inspection.findings) >= MAX_FINDINGS:
        raise Conflict("inspection {} already has {} findings".format(inspection.id, MAX_FINDINGS))
    named = list(dict.fromkeys(finding.responsible_official_ids))   # same official named twice = once
    problems = [problem for official_id in named
                for problem in _responsibility_problems(official_id, officials.get(official_id), inspection)]
    if problems:
        raise Invalid("responsible officials are not valid", fields={"responsible_official_ids": problems})
    finding = replace(finding, responsible_official_ids=named)
    return inspection.with_finding(finding), [DomainEvent("finding_recorded", inspection.id, dict(
        finding_data(finding), inspection_id=inspection.id, unit_id=inspection.unit_id,
        legal_basis=finding.legal_basis, recorded_on=finding.recorded_on))]


def _responsibility_problems(official_id, official, inspection):
    if official is None:
        return ["official {} is not known (not registered in personnel, or not yet received)".format(official_id)]
    if official.unit_id != inspection.unit_id:
        return ["official {} belongs to unit {}, not to the inspected unit {}".format(
            official_id, official.unit_id, inspection.unit_id)]
    return []


def conclude(inspection, conclusion):
    """Conclude once, on or after the decision date; the stage moves to CONCLUSION."""
    if inspection.is_concluded:
        raise Conflict("inspection {} is already concluded".format(inspection.id))
    if conclusion.concluded_on < inspection.decision_date:
        raise Invalid("concluded before the decision", fields={"concluded_on": [
            "must not be before the decision date {}".format(inspection.decision_date.isoformat())]})
    concluded = replace(inspection, conclusion=conclusion, stage=InspectionStage.CONCLUSION)
    return concluded, [DomainEvent("inspection_concluded", inspection.id, {
        "inspection_id": inspection.id, "unit_id": inspection.unit_id, "result": conclusion.result,
        "concluded_on": conclusion.concluded_on, "summary": conclusion.summary,
        "findings": [finding_data(finding) for finding in inspection.findings]})]


def finding_data(finding):
    return {"finding_id": finding.id, "description": finding.description, "severity": finding.severity,
            "violation_type": finding.violation_type, "tthc_domain": finding.tthc_domain,
            "responsible_official_ids": list(finding.responsible_official_ids)}
