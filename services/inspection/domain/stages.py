"""The stage machine: DECISION -> FIELDWORK -> RESULT_REPORT -> DRAFT_CONCLUSION -> CONCLUSION ->
PUBLISHED -> FOLLOW_UP -> CLOSED, one step at a time and only forward (docs/domain.md rule 10). A refusal cites the
inspection law recorded on the inspection (Law 56/2010, 11/2022 or 84/2025, by its decision date).

The conclusion itself is entered through `inspections.conclude` (it carries the result and the
recommendations); closing needs every recommendation done or waived with a reason.
"""
from dataclasses import replace

from services.common.dates import not_after_today
from services.common.errors import Invalid, RuleViolation
from services.inspection.domain.enums import STAGE_ORDER, InspectionStage
from services.inspection.domain.events import InspectionStageChanged
from services.inspection.domain.law import governing_law
from services.inspection.domain.model import StageStep

LAW = "the inspection law in force on the decision date (docs/domain.md rule 10)"   # before 1 Jul 2011: not modelled
STAGE_ORDER_RULE = "INSPECTION_STAGE_ORDER"
RESULT_REPORT_RULE = "CONCLUSION_NEEDS_RESULT_REPORT"
SETTLED_RULE = "CLOSE_WHEN_RECOMMENDATIONS_SETTLED"


def next_stage(stage):
    index = STAGE_ORDER.index(stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def law_of(inspection):
    """From the decision date rather than the recorded citation: inspections stored before Law 56/2010 was
    modelled have none recorded."""
    law = governing_law(inspection.decision_date)
    return "{} on Inspection (docs/domain.md rule 10)".format(law) if law else LAW


def require_next(inspection, target):
    """Refuse anything but the very next stage: no skipping, no going back, nothing after CLOSED."""
    expected = next_stage(inspection.stage)
    if target == expected:
        return
    if expected is None:
        message = "inspection {} is closed; its stages cannot change".format(inspection.id)
    elif STAGE_ORDER.index(target) <= STAGE_ORDER.index(inspection.stage):
        message = "stages move only forward: {} cannot go back to {}".format(inspection.stage, target)
    else:
        message = "stages cannot be skipped: after {} comes {}, not {}".format(inspection.stage, expected, target)
    raise RuleViolation(message, STAGE_ORDER_RULE, law_of(inspection), fields={"stage": [message]})


def require_result_report(inspection):
    if not inspection.reached(InspectionStage.RESULT_REPORT):
        message = "no results report yet (stage {}): an inspection is concluded only on its results report".format(
            inspection.stage)
        raise RuleViolation(message, RESULT_REPORT_RULE, law_of(inspection), fields={"stage": [message]})


def require_date_in_order(inspection, day, field="entered_on"):
    previous = inspection.last_stage_date
    if day < previous:
        raise Invalid("the date is before the current stage", fields={field: [
            "must not be before {} ({} entered on {})".format(previous.isoformat(), inspection.stage,
                                                              previous.isoformat())]})


def advance(inspection, target, entered_on, note=None, today=None):
    """Move to `target` (the next stage) on `entered_on`; CONCLUSION goes through the conclusion command."""
    not_after_today(entered_on, today, "entered_on")
    if target == InspectionStage.CONCLUSION:
        require_result_report(inspection)
        message = "the conclusion is entered with its result and recommendations (POST .../conclusion)"
        require_next(inspection, target)
        raise RuleViolation(message, STAGE_ORDER_RULE, law_of(inspection), fields={"stage": [message]})
    require_next(inspection, target)
    require_date_in_order(inspection, entered_on)
    if target == InspectionStage.CLOSED:
        unsettled = [r.id for r in inspection.recommendations if not r.is_settled]
        if unsettled:
            message = "recommendations not done nor waived: {}".format(", ".join(unsettled))
            raise RuleViolation(message, SETTLED_RULE, law_of(inspection), fields={"stage": [message]})
    return entered(inspection, target, entered_on, note)


def entered(inspection, target, entered_on, note=None):
    """The inspection at `target` with its history step and the event announcing it."""
    previous = inspection.stage
    moved = replace(inspection, stage=target,
                    stage_history=[*inspection.stage_history, StageStep(target, entered_on, note)])
    return moved, [InspectionStageChanged(
        subject=inspection.id, inspection_id=inspection.id, unit_id=inspection.unit_id, stage=target,
        previous_stage=previous, entered_on=entered_on)]
