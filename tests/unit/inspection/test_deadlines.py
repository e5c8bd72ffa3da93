"""Statutory stage deadlines (DOMAIN rule 10, Law 84/2025/QH15): working days skip weekends and
Vietnamese public holidays; each deadline is configurable; an inspection past one is flagged overdue."""
from datetime import date

import pytest

from services.inspection.domain import stages
from services.inspection.domain.calendar import WorkingCalendar
from services.inspection.domain.deadlines import deadlines_of, is_overdue, statutory_rules
from services.inspection.domain.enums import InspectionStage as S
from services.inspection.settings import settings_from, vietnam_calendar
from tests.unit.inspection.builders import opening, seed_personnel, wired_service
from tests.unit.inspection.test_rules import opened

VN = vietnam_calendar()
RULES = statutory_rules()


def at(*steps):
    """An inspection taken through `steps` [(stage, date)] from its decision (1 Aug 2025)."""
    inspection = opened()
    for stage, day in steps:
        inspection = stages.advance(inspection, stage, day)[0]
    return inspection


def deadline(inspection, stage, as_of=date(2025, 12, 31), rules=RULES, calendar=VN):
    return next(d for d in deadlines_of(inspection, rules, calendar, as_of) if d.stage == stage)


@pytest.mark.parametrize("report_on, draft_due", [
    (date(2025, 8, 20), date(2025, 8, 27)),   # Wed: a plain week (the weekend is skipped)
    (date(2025, 8, 22), date(2025, 8, 29)),   # Fri: Mon-Fri of the next week
    (date(2025, 8, 28), date(2025, 9, 8)),    # National Day 1-2 Sep 2025 are skipped
    (date(2025, 4, 25), date(2025, 5, 7)),    # 30 Apr, 1 May and the substituted day off 2 May 2025
    (date(2026, 2, 12), date(2026, 2, 26)),   # Tết Bính Ngọ: 16-20 Feb 2026
])
def test_the_draft_conclusion_is_due_5_working_days_after_the_results_report_rule_10(report_on, draft_due):
    assert VN.add_working_days(report_on, 5) == draft_due


def test_the_calendar_knows_vietnamese_public_holidays_and_weekends():
    assert not VN.is_working_day(date(2025, 9, 2)) and not VN.is_working_day(date(2026, 2, 17))
    assert not VN.is_working_day(date(2025, 8, 23)) and VN.is_working_day(date(2025, 8, 25))
    assert WorkingCalendar().add_working_days(date(2025, 8, 28), 5) == date(2025, 9, 4)   # without holidays


def test_no_deadline_runs_before_the_stage_it_counts_from():
    inspection = at((S.FIELDWORK, date(2025, 8, 4)))
    assert [(d.stage, d.due_on, d.overdue) for d in deadlines_of(inspection, RULES, VN, date(2026, 1, 1))] == [
        (S.DRAFT_CONCLUSION, None, False), (S.CONCLUSION, None, False), (S.FOLLOW_UP, None, False)]


def test_a_draft_not_made_in_time_flags_the_inspection_overdue():
    inspection = at((S.FIELDWORK, date(2025, 8, 4)), (S.RESULT_REPORT, date(2025, 8, 28)))
    draft = deadline(inspection, S.DRAFT_CONCLUSION, as_of=date(2025, 9, 8))
    assert draft.due_on == date(2025, 9, 8) and not draft.overdue      # the due day itself is still in time
    assert deadline(inspection, S.DRAFT_CONCLUSION, as_of=date(2025, 9, 9)).overdue
    assert not is_overdue(inspection, RULES, VN, date(2025, 9, 8))
    assert is_overdue(inspection, RULES, VN, date(2025, 9, 9))


def test_a_late_draft_is_remembered_as_late_and_the_conclusion_then_counts_15_days():
    inspection = at((S.FIELDWORK, date(2025, 8, 4)), (S.RESULT_REPORT, date(2025, 8, 28)),
                    (S.DRAFT_CONCLUSION, date(2025, 9, 10)))
    draft = deadline(inspection, S.DRAFT_CONCLUSION)
    assert draft.late and not draft.overdue and draft.reached_on == date(2025, 9, 10)
    conclusion = deadline(inspection, S.CONCLUSION, as_of=date(2025, 9, 25))
    assert conclusion.due_on == date(2025, 9, 25) and not conclusion.overdue
    assert deadline(inspection, S.CONCLUSION, as_of=date(2025, 9, 26)).overdue
    assert "Law 84/2025/QH15" in conclusion.legal_basis
    assert conclusion.rule == "CONCLUSION within 15 days of DRAFT_CONCLUSION"


def test_deadlines_are_configurable_including_working_days_for_the_15_day_periods():
    settings = settings_from({"INSPECTION_DRAFT_CONCLUSION_WORKING_DAYS": "3", "INSPECTION_CONCLUSION_DAYS": "10",
                              "INSPECTION_CONCLUSION_IN_WORKING_DAYS": "true"})
    inspection = at((S.FIELDWORK, date(2025, 8, 4)), (S.RESULT_REPORT, date(2025, 8, 28)),
                    (S.DRAFT_CONCLUSION, date(2025, 8, 29)))
    assert deadline(inspection, S.DRAFT_CONCLUSION, rules=settings.deadline_rules).due_on == date(2025, 9, 4)
    # 10 working days from Fri 29 Aug 2025, skipping two weekends and National Day
    assert deadline(inspection, S.CONCLUSION, rules=settings.deadline_rules).due_on == date(2025, 9, 16)


def test_the_inspection_view_shows_its_deadlines_and_overdue_flag():
    service, _ = wired_service()
    seed_personnel(service)
    inspection = service.open_inspection(opening(decision_date="2025-08-01"))
    for stage, day in (("FIELDWORK", "2025-08-04"), ("RESULT_REPORT", "2025-08-28")):
        view = service.advance_stage(inspection["id"], {"stage": stage, "entered_on": day})
    draft = view["deadlines"][0]
    assert draft == {"stage": "DRAFT_CONCLUSION", "rule": "DRAFT_CONCLUSION within 5 working days of RESULT_REPORT",
                     "legal_basis": "Law 84/2025/QH15 on Inspection (DOMAIN rule 10)", "due_on": "2025-09-08",
                     "reached_on": None, "late": False, "overdue": True}
    assert view["overdue"] is True      # today is long after 8 Sep 2025
    assert service.list_inspections({"stage": "RESULT_REPORT"})["items"][0]["overdue"] is True
