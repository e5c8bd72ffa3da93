"""The deadlines of rule 9 on a configurable calendar, and the overdue facts they produce.

Decree 20/2008/ND-CP as amended by Decree 92/2017/ND-CP, Circular 02/2017/TT-VPCP (docs/domain.md rule 9):
answer within 20 days of receipt, update the status at least every 7 days while the feedback is
open, publish the result within 2 working days of the answer. Whether the 20 and 7 days are calendar
or working days is UNCONFIRMED (no primary text found), so each deadline's length and day count is
configuration (services/feedback/deadline_rules.py). Defaults: answer 20 CALENDAR days and update
every 7 CALENDAR days (the stricter reading: never later than the law if it means calendar days),
publication 2 WORKING days (the wording of rule 9).

"Within N days of X": X itself is not counted; calendar: X + N; working: the N-th working day after
X. A deadline is missed once its due day has passed without the act (overdue from due + 1).
"""
from dataclasses import dataclass, field, replace
from datetime import timedelta

from services.feedback.domain.enums import OPEN_STATUSES, DayCount, Deadline, FeedbackStatus
from services.feedback.domain.events import FeedbackOverdue
from services.feedback.domain.model import OverdueFlag

SATURDAY = 5


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: Monday-Friday except public holidays and decreed days off; plus make-up days.

    `is_holiday(day)` answers for the statutory holidays (the `holidays` package outside the domain);
    `days_off` / `working_days` are the year's decisions (e.g. Tết bridges and the Saturdays worked
    in exchange), set in configuration.
    """
    is_holiday: object = lambda day: False
    days_off: frozenset = frozenset()
    working_days: frozenset = frozenset()

    def is_working_day(self, day):
        if day in self.working_days:
            return True
        return day.weekday() < SATURDAY and day not in self.days_off and not self.is_holiday(day)

    def add_working_days(self, start, days):
        day, counted = start, 0
        while counted < days:
            day += timedelta(days=1)
            counted += self.is_working_day(day)
        return day


@dataclass(frozen=True)
class Period:
    days: int
    count: DayCount


@dataclass(frozen=True)
class DeadlinePolicy:
    answer: Period = Period(20, DayCount.CALENDAR)
    status_update: Period = Period(7, DayCount.CALENDAR)
    publication: Period = Period(2, DayCount.WORKING)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)

    def due(self, deadline, start):
        period = {Deadline.ANSWER: self.answer, Deadline.STATUS_UPDATE: self.status_update,
                  Deadline.PUBLICATION: self.publication}[deadline]
        if period.count == DayCount.WORKING:
            return self.calendar.add_working_days(start, period.days)
        return start + timedelta(days=period.days)

    def describe(self):
        return {str(kind): {"days": period.days, "count": period.count.value} for kind, period in (
            (Deadline.ANSWER, self.answer), (Deadline.STATUS_UPDATE, self.status_update),
            (Deadline.PUBLICATION, self.publication))}


def with_open_deadlines(feedback, policy):
    """Recompute what is owed after a change: the next status update while open, publication once answered."""
    if feedback.status in OPEN_STATUSES:
        return replace(feedback, update_due=policy.due(Deadline.STATUS_UPDATE, feedback.last_change_on()),
                       publication_due=None)
    if feedback.status == FeedbackStatus.ANSWERED:
        return replace(feedback, update_due=None,
                       publication_due=policy.due(Deadline.PUBLICATION, feedback.answer.answered_on))
    return replace(feedback, update_due=None, publication_due=None)


def missed(feedback, today):
    """(deadline, due_on) pairs whose due day has passed without the act."""
    owed = []
    if feedback.status in OPEN_STATUSES:
        owed += [(Deadline.ANSWER, feedback.answer_due), (Deadline.STATUS_UPDATE, feedback.update_due)]
    if feedback.status == FeedbackStatus.ANSWERED:
        owed.append((Deadline.PUBLICATION, feedback.publication_due))
    return [(kind, due) for kind, due in owed if due is not None and due < today]


def flag_overdue(feedback, today):
    """Flag each newly missed deadline once, in the same write as its `feedback_overdue` event.

    The flag (deadline, due_on) makes the check idempotent: run it every hour or twice at once,
    a missed deadline is announced once. A later, new status-update deadline missed is a new fact.
    """
    new = [(kind, due) for kind, due in missed(feedback, today) if not feedback.is_flagged(kind, due)]
    if not new:
        return feedback, []
    flags = [OverdueFlag(kind, due, today) for kind, due in new]
    officer = feedback.assignment.officer_id if feedback.assignment else None
    unit_id = feedback.assignment.unit_id if feedback.assignment else feedback.target_unit_id
    events = [FeedbackOverdue(subject=feedback.id, feedback_id=feedback.id, unit_id=unit_id, official_id=officer,
                              deadline=kind, due_on=due) for kind, due in new]
    return replace(feedback, overdue=[*feedback.overdue, *flags]), events
