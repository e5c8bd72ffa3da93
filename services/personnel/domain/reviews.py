"""Review cases (xem xét trách nhiệm) opened by failed inspections and substantiated feedback.

Law 84/2025/QH15 (inspection, from 1 Jul 2025; Law 11/2022 before): a finding against an
individual opens a review that may lead to discipline (DOMAIN rule 10). A case's id is derived
from its origin, so the same origin never opens two cases for one official.
"""
import hashlib

from services.common.domain_event import DomainEvent
from services.personnel.domain.model import ReviewCase


def review_id(origin, origin_ref, official_id):
    digest = hashlib.sha1("{}|{}|{}".format(origin.value, origin_ref, official_id).encode()).hexdigest()
    return "rv-" + digest[:16]


def open_review(official, origin, origin_ref, reason, opened_on):
    case = ReviewCase(id=review_id(origin, origin_ref, official.id), official_id=official.id,
                      unit_id=official.unit_id, origin=origin, origin_ref=origin_ref,
                      reason=reason, opened_on=opened_on)
    return case, [DomainEvent("review_opened", case.id, {
        "review_id": case.id, "official_id": case.official_id, "unit_id": case.unit_id,
        "origin": case.origin, "origin_ref": case.origin_ref, "reason": case.reason,
        "opened_on": case.opened_on})]


def officials_held_responsible(findings, unit_head_id):
    """Officials named by a failed inspection's findings; the unit head when none is named (flow 2)."""
    named = []
    for finding in findings:
        for official_id in finding.get("responsible_official_ids", []):
            if official_id not in named:
                named.append(official_id)
    if not named and unit_head_id:
        named.append(unit_head_id)
    return named


def inspection_reason(inspection_id, findings, official_id):
    naming = [f.get("description", "") for f in findings if official_id in f.get("responsible_official_ids", [])]
    text = "; ".join(d for d in naming if d) or "held responsible as head of the inspected unit"
    return "Failed inspection {}: {}".format(inspection_id, text)[:2000]
