"""Statutory deadlines between inspection stages and the overdue flag (docs/domain.md rule 10).

One rule set per inspection law, chosen by the inspection's decision date (`law.py`); each deadline names
its article:
- Law 56/2010/QH12 (decisions 1 Jul 2011 - 30 Jun 2023): the conclusion within 15 days of receiving the
  results report (art. 50(1)). The law sets no deadline for a draft conclusion, and the one for the results
  report (15 days from the end of the inspection, in the inspection process of Decree 86/2011 and the
  Inspectorate's circulars; unconfirmed) counts from a date no stage records, so neither is applied.
- Law 11/2022/QH15 (1 Jul 2023 - 30 Jun 2025): the conclusion within 15 days of receiving the draft
  conclusion (art. 78(1)). The draft's own deadline (art. 77, believed to mirror Law 84/2025 art. 34) and the
  implementation directive's are unconfirmed and not applied.
- Law 84/2025/QH15 (from 1 Jul 2025): the draft conclusion within 5 working days of the results report (art.
  34(1) gives those 5 working days to assign the draft to the team head; its drafting time by inspection
  level, art. 34(5), is not modelled), the conclusion within 15 days of the draft (art. 36(1)), the
  implementation directive (the follow-up stage here) within 15 days of the conclusion (article unconfirmed).
  Whether "15 days" are calendar or working days is not confirmed (docs/domain.md): these numbers and their day
  kind are configuration (INSPECTION_* in config.yml, services/inspection/settings.py).
The rule sets of the two older laws are fixed here, not configured: they judge closed periods, and a
setting changed today must not move the deadlines of an inspection decided in 2017.
"""
from dataclasses import dataclass

from services.inspection.domain.enums import InspectionStage
from services.inspection.domain.law import LAW_11_2022, LAW_56_2010, LAW_84_2025, law_in_force

LAW_84_DRAFT = "Law 84/2025/QH15 art. 34(1) (5 working days to assign the draft)"
LAW_84_CONCLUSION = "Law 84/2025/QH15 art. 36(1)"
LAW_84_DIRECTIVE = "Law 84/2025/QH15 (implementation directive; article unconfirmed)"


@dataclass(frozen=True)
class DeadlineRule:
    stage: InspectionStage          # the stage that is due ...
    after: InspectionStage          # ... counted from the day this stage was entered
    days: int
    working_days: bool
    legal_basis: str = ""

    def due_on(self, start, calendar):
        return calendar.add_working_days(start, self.days) if self.working_days else calendar.add_days(start, self.days)

    def describe(self):
        return "{} within {} {}days of {}".format(self.stage, self.days, "working " if self.working_days else "",
                                                  self.after)


def statutory_rules(draft_working_days=5, conclusion_days=15, directive_days=15,
                    conclusion_in_working_days=False, directive_in_working_days=False):
    """The configurable deadlines of Law 84/2025/QH15."""
    return (
        DeadlineRule(InspectionStage.DRAFT_CONCLUSION, InspectionStage.RESULT_REPORT, draft_working_days, True,
                     LAW_84_DRAFT),
        DeadlineRule(InspectionStage.CONCLUSION, InspectionStage.DRAFT_CONCLUSION, conclusion_days,
                     conclusion_in_working_days, LAW_84_CONCLUSION),
        DeadlineRule(InspectionStage.FOLLOW_UP, InspectionStage.CONCLUSION, directive_days,
                     directive_in_working_days, LAW_84_DIRECTIVE),
    )


LAW_56_2010_RULES = (
    DeadlineRule(InspectionStage.CONCLUSION, InspectionStage.RESULT_REPORT, 15, False, "Law 56/2010/QH12 art. 50(1)"),
)
LAW_11_2022_RULES = (
    DeadlineRule(InspectionStage.CONCLUSION, InspectionStage.DRAFT_CONCLUSION, 15, False,
                 "Law 11/2022/QH15 art. 78(1)"),
)


def rules_for(decision_date, law_84_rules):
    """The deadlines of the law in force on `decision_date`; `law_84_rules`: the configured Law 84/2025 ones."""
    return {LAW_56_2010: LAW_56_2010_RULES, LAW_11_2022: LAW_11_2022_RULES, LAW_84_2025: law_84_rules,
            None: ()}[law_in_force(decision_date)]


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
            stage=rule.stage, rule=rule.describe(), legal_basis=rule.legal_basis, due_on=due, reached_on=reached,
            late=bool(due and reached and reached > due), overdue=bool(due and not reached and as_of > due)))
    return result


@dataclass(frozen=True)
class InspectionStatus:
    deadlines: list
    late_recommendation_ids: frozenset
    overdue: bool              # a statutory deadline or an open recommendation is past due


def status_of(inspection, law_84_rules, calendar, as_of):
    """The overdue flag as of `as_of`, with the deadlines of the inspection's law and the late recommendations."""
    deadlines = deadlines_of(inspection, rules_for(inspection.decision_date, law_84_rules), calendar, as_of)
    late = frozenset(r.id for r in inspection.recommendations if r.is_overdue_on(as_of))
    return InspectionStatus(deadlines, late, any(d.overdue for d in deadlines) or bool(late))


def is_overdue(inspection, law_84_rules, calendar, as_of):
    return status_of(inspection, law_84_rules, calendar, as_of).overdue
