"""Statutory deadlines between inspection stages and the overdue flag (DOMAIN rule 10).

Law 84/2025/QH15 on Inspection (from 1 Jul 2025): the draft conclusion within 5 working days of the
results report, the conclusion within 15 days of the draft, the implementation directive (the
follow-up stage here) within 15 days of the conclusion. Whether "15 days" are calendar or working
days is not confirmed (DOMAIN.md): every number and its day kind is configuration
(services/inspection/settings.py). The same values are applied to inspections decided under Law
11/2022/QH15, whose own deadlines are not modelled.
"""
from dataclasses import dataclass

from services.inspection.domain.enums import InspectionStage

LEGAL_BASIS = "Law 84/2025/QH15 on Inspection (DOMAIN rule 10)"


@dataclass(frozen=True)
class DeadlineRule:
    stage: InspectionStage          # the stage that is due ...
    after: InspectionStage          # ... counted from the day this stage was entered
    days: int
    working_days: bool

    def due_on(self, start, calendar):
        return calendar.add_working_days(start, self.days) if self.working_days else calendar.add_days(start, self.days)

    def describe(self):
        return "{} within {} {}days of {}".format(self.stage, self.days, "working " if self.working_days else "",
                                                  self.after)


def statutory_rules(draft_working_days=5, conclusion_days=15, directive_days=15,
                    conclusion_in_working_days=False, directive_in_working_days=False):
    return (
        DeadlineRule(InspectionStage.DRAFT_CONCLUSION, InspectionStage.RESULT_REPORT, draft_working_days, True),
        DeadlineRule(InspectionStage.CONCLUSION, InspectionStage.DRAFT_CONCLUSION, conclusion_days,
                     conclusion_in_working_days),
        DeadlineRule(InspectionStage.FOLLOW_UP, InspectionStage.CONCLUSION, directive_days,
                     directive_in_working_days),
    )


@dataclass(frozen=True)
class StageDeadline:
    stage: InspectionStage
    rule: str
    legal_basis: str
    due_on: object = None           # None while the stage it is counted from is not reached
    reached_on: object = None
    late: bool = False              # reached after its due date
    overdue: bool = False           # not reached and its due date has passed


def deadlines_of(inspection, rules, calendar, as_of):
    """Each statutory deadline of `inspection` as of `as_of`: due date, when met, late or overdue."""
    result = []
    for rule in rules:
        start = inspection.entered_on(rule.after)
        due = rule.due_on(start, calendar) if start else None
        reached = inspection.entered_on(rule.stage)
        result.append(StageDeadline(
            stage=rule.stage, rule=rule.describe(), legal_basis=LEGAL_BASIS, due_on=due, reached_on=reached,
            late=bool(due and reached and reached > due), overdue=bool(due and not reached and as_of > due)))
    return result


@dataclass(frozen=True)
class InspectionStatus:
    deadlines: list
    late_recommendation_ids: frozenset
    overdue: bool              # a statutory deadline or an open recommendation is past due


def status_of(inspection, rules, calendar, as_of):
    """The overdue flag as of `as_of`, with the deadlines and the late recommendations behind it."""
    deadlines = deadlines_of(inspection, rules, calendar, as_of)
    late = frozenset(r.id for r in inspection.recommendations if r.is_overdue_on(as_of))
    return InspectionStatus(deadlines, late, any(d.overdue for d in deadlines) or bool(late))


def is_overdue(inspection, rules, calendar, as_of):
    return status_of(inspection, rules, calendar, as_of).overdue
