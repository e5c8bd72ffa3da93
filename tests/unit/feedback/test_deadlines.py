"""Rule 9 deadlines on a configurable calendar: weekends, Vietnamese public holidays, decreed days off."""
from dataclasses import replace
from datetime import date

import pytest

from services.feedback.deadline_rules import policy_from_config
from services.feedback.domain import answers, deadlines, handling, intake
from services.feedback.domain.deadlines import DeadlinePolicy, Period, WorkCalendar
from services.feedback.domain.enums import DayCount, Deadline, FeedbackStatus
from services.feedback.domain.model import KnownOfficial
from tests.unit.feedback.test_rules import UNIT, draft

VIETNAM = policy_from_config({})   # defaults: answer 20 calendar days, update 7 calendar, publication 2 working


def working(days):
    return Period(days, DayCount.WORKING)


def test_two_working_days_skip_the_weekend_rule_9():
    # Thursday 6 Mar 2025 + 2 working days: Friday 7, (Sat, Sun), Monday 10.
    assert VIETNAM.due(Deadline.PUBLICATION, date(2025, 3, 6)) == date(2025, 3, 10)
    assert VIETNAM.due(Deadline.PUBLICATION, date(2025, 3, 8)) == date(2025, 3, 11)  # from a Saturday


def test_working_days_skip_tet_from_the_holidays_package():
    # Friday 24 Jan 2025; 27-31 Jan are Tết days off (holidays.Vietnam), 1-2 Feb a weekend.
    assert VIETNAM.due(Deadline.PUBLICATION, date(2025, 1, 24)) == date(2025, 2, 4)


def test_working_days_skip_reunification_and_labour_day_and_the_substituted_day():
    # Tuesday 29 Apr 2025: 30 Apr, 1 May and 2 May (substituted) off, then the weekend.
    assert VIETNAM.due(Deadline.PUBLICATION, date(2025, 4, 29)) == date(2025, 5, 6)


def test_decreed_days_off_and_worked_saturdays_come_from_configuration():
    policy = policy_from_config({"FEEDBACK_DAYS_OFF": ["2025-03-07"], "FEEDBACK_WORKING_DAYS": ["2025-03-08"]})
    assert policy.due(Deadline.PUBLICATION, date(2025, 3, 6)) == date(2025, 3, 10)  # Sat 8 worked, Fri 7 off
    assert policy.calendar.is_working_day(date(2025, 3, 8)) and not policy.calendar.is_working_day(date(2025, 3, 7))


def test_the_answer_deadline_counts_calendar_days_by_default_and_working_days_when_configured():
    assert VIETNAM.due(Deadline.ANSWER, date(2025, 1, 20)) == date(2025, 2, 9)  # straight through Tết
    working_answer = policy_from_config({"FEEDBACK_ANSWER_DAY_COUNT": "working"})
    # 20 working days from Mon 20 Jan 2025: Tết (27-31 Jan) and four weekends are skipped.
    assert working_answer.due(Deadline.ANSWER, date(2025, 1, 20)) == date(2025, 2, 24)


def test_a_bad_calendar_setting_stops_the_start():
    with pytest.raises(ValueError):
        policy_from_config({"FEEDBACK_ANSWER_DAY_COUNT": "LUNAR"})
    with pytest.raises(ValueError):
        policy_from_config({"FEEDBACK_STATUS_UPDATE_DAYS": 0})


def test_receipt_sets_the_answer_and_first_update_deadlines():
    feedback, _ = intake.receive(draft(), UNIT, None, VIETNAM)
    assert feedback.answer_due == date(2025, 3, 23) and feedback.update_due == date(2025, 3, 10)
    assert feedback.publication_due is None


def test_each_handling_step_restarts_the_7_day_update_clock_and_the_answer_ends_it():
    feedback, _ = intake.receive(draft(), UNIT, None, VIETNAM)
    updated, _ = handling.update_status(feedback, FeedbackStatus.IN_PROGRESS, "Đang xác minh.", date(2025, 3, 8),
                                        VIETNAM)
    assert updated.update_due == date(2025, 3, 15)
    answered, _ = answers.answer(updated, "Đã trả lời.", False, date(2025, 3, 13), date(2025, 3, 13), VIETNAM)
    assert answered.update_due is None and answered.publication_due == date(2025, 3, 17)  # Thu -> Mon


def test_a_missed_answer_is_announced_once_with_the_assigned_officer():
    feedback, _ = intake.receive(draft(), UNIT, None, VIETNAM)
    officer = KnownOfficial(id="o2", full_name="Lê Văn Cường", unit_id=UNIT.id)
    assigned, _ = handling.assign(feedback, UNIT.id, UNIT, officer.id, officer, None, date(2025, 3, 20), VIETNAM)
    assert deadlines.flag_overdue(assigned, date(2025, 3, 23)) == (assigned, [])  # the due day itself is in time
    flagged, events = deadlines.flag_overdue(assigned, date(2025, 3, 28))
    assert [e.data for e in events] == [{"feedback_id": "fb-1", "unit_id": "u1", "official_id": "o2",
                                         "deadline": Deadline.ANSWER, "due_on": date(2025, 3, 23)},
                                        {"feedback_id": "fb-1", "unit_id": "u1", "official_id": "o2",
                                         "deadline": Deadline.STATUS_UPDATE, "due_on": date(2025, 3, 27)}]
    assert deadlines.flag_overdue(flagged, date(2025, 3, 29)) == (flagged, [])  # once per fact
    assert [f.deadline for f in flagged.overdue] == [Deadline.ANSWER, Deadline.STATUS_UPDATE]


def test_a_new_missed_status_update_is_a_new_fact_but_the_answer_is_flagged_once():
    feedback, _ = intake.receive(draft(), UNIT, None, VIETNAM)
    flagged, _ = deadlines.flag_overdue(feedback, date(2025, 3, 25))
    updated, _ = handling.update_status(flagged, FeedbackStatus.IN_PROGRESS, "Còn chờ ý kiến.", date(2025, 3, 25),
                                        VIETNAM)
    _, events = deadlines.flag_overdue(updated, date(2025, 4, 2))
    assert [(e.deadline, e.due_on) for e in events] == [(Deadline.STATUS_UPDATE, date(2025, 4, 1))]
    assert events[0].official_id is None and events[0].unit_id == "u1"


def test_an_unpublished_answer_is_overdue_after_2_working_days_and_out_of_scope_owes_nothing():
    feedback, _ = intake.receive(draft(), UNIT, None, VIETNAM)
    answered, _ = answers.answer(feedback, "Đã trả lời.", False, date(2025, 3, 13), date(2025, 3, 13), VIETNAM)
    assert deadlines.missed(answered, date(2025, 3, 17)) == []
    assert deadlines.missed(answered, date(2025, 3, 18)) == [(Deadline.PUBLICATION, date(2025, 3, 17))]
    complaint, _ = intake.receive(draft(kind="COMPLAINT"), UNIT, None, VIETNAM)
    assert complaint.update_due is None and deadlines.missed(complaint, date(2026, 1, 1)) == []


def test_the_policy_describes_itself_for_the_statistics_page():
    assert DeadlinePolicy(calendar=WorkCalendar()).describe() == {
        "ANSWER": {"days": 20, "count": "CALENDAR"}, "STATUS_UPDATE": {"days": 7, "count": "CALENDAR"},
        "PUBLICATION": {"days": 2, "count": "WORKING"}}
    assert replace(VIETNAM, answer=working(20)).describe()["ANSWER"] == {"days": 20, "count": "WORKING"}
