"""Following the conclusion through: progress on each recommendation, overdue detection, waivers.

Law 84/2025/QH15 (docs/domain.md rule 10): the conclusion's implementation is directed and followed up;
an inspection closes only when every recommendation is done or explicitly waived with a reason.
"""
from dataclasses import replace

from services.common.dates import not_after_today
from services.common.errors import Conflict, Invalid, NotFound
from services.inspection.domain.enums import InspectionStage, RecommendationStatus
from services.inspection.domain.events import RecommendationOverdue, RecommendationProgressed


def report_progress(inspection, recommendation_id, report, waiver_reason=None, today=None):
    """Add a progress report; DONE or WAIVED (with its reason) settles the recommendation."""
    not_after_today(report.reported_on, today, "reported_on")
    recommendation = inspection.recommendation(recommendation_id)
    if recommendation is None:
        raise NotFound("recommendation {} not found in inspection {}".format(recommendation_id, inspection.id))
    if not inspection.is_concluded or inspection.stage == InspectionStage.CLOSED:
        raise Conflict("progress is reported between the conclusion and the closing (stage {})".format(
            inspection.stage))
    if recommendation.is_settled:
        raise Conflict("recommendation {} is already {}".format(recommendation_id, recommendation.status))
    if report.reported_on < inspection.conclusion.concluded_on:
        raise Invalid("reported before the conclusion", fields={"reported_on": [
            "must not be before the conclusion date {}".format(inspection.conclusion.concluded_on.isoformat())]})
    if report.status == RecommendationStatus.WAIVED and not waiver_reason:
        raise Invalid("a waiver needs its reason", fields={"waiver_reason": [
            "required when the recommendation is waived"]})
    if report.status != RecommendationStatus.WAIVED and waiver_reason:
        raise Invalid("only a waiver has a reason", fields={"waiver_reason": ["only with status WAIVED"]})
    if report.status == RecommendationStatus.DONE:
        report = replace(report, percent_complete=100)
    updated = replace(recommendation, status=report.status, progress=[*recommendation.progress, report],
                      settled_on=report.reported_on if report.status != RecommendationStatus.OPEN else None,
                      waiver_reason=waiver_reason)
    return inspection.with_recommendation(updated), [RecommendationProgressed(
        subject=inspection.id, inspection_id=inspection.id, recommendation_id=recommendation_id,
        unit_id=inspection.unit_id, status=updated.status, percent_complete=report.percent_complete,
        reported_on=report.reported_on, waiver_reason=waiver_reason)]


def flag_overdue(inspection, as_of):
    """Flag every open recommendation past its due date on `as_of` that was not flagged yet.

    Returns (inspection, events): one `recommendation_overdue` per recommendation, ever — the flag is
    stored in the same write as the event, so a timer running twice (or on two instances) adds nothing.
    """
    events, updated = [], inspection
    for recommendation in inspection.recommendations:
        if recommendation.overdue_notified or not recommendation.is_overdue_on(as_of):
            continue
        updated = updated.with_recommendation(replace(recommendation, overdue_notified=True))
        events.append(RecommendationOverdue(
            subject=inspection.id, inspection_id=inspection.id, recommendation_id=recommendation.id,
            unit_id=inspection.unit_id, owner=recommendation.owner, due_on=recommendation.due_on))
    return updated, events


def scan_date(requested, today):
    """The day an overdue scan looks from: today, or an earlier day (a later one would announce the future)."""
    return not_after_today(requested, today, "as_of", "the scan date")
