"""Statutory stage deadlines (docs/domain.md rule 10): one rule set per inspection law, chosen by the decision date
(Law 56/2010/QH12, Law 11/2022/QH15, Law 84/2025/QH15); working days skip weekends and Vietnamese public
holidays; the Law 84/2025 deadlines are configurable; an inspection past one is flagged overdue."""
from datetime import date, timedelta

import pytest

from services.common.errors import RuleViolation
from services.inspection.domain import inspections, stages
from services.inspection.domain.calendar import WorkingCalendar
from services.inspection.domain.deadlines import deadlines_of, is_overdue, status_of, statutory_rules
from services.inspection.domain.enums import InspectionStage as S
from services.inspection.settings import settings_from, vietnam_calendar
from tests.unit.inspection.builders import opening, seed_personnel, wired_service
from tests.unit.inspection.test_rules import UNIT, candidate, opened

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
                     "legal_basis": "Law 84/2025/QH15 art. 34(1) (5 working days to assign the draft)",
                     "due_on": "2025-09-08",
                     "reached_on": None, "late": False, "overdue": True}
    assert view["overdue"] is True      # today is long after 8 Sep 2025
    assert service.list_inspections({"stage": "RESULT_REPORT"})["items"][0]["overdue"] is True


def decided_on(decision_date, *steps):
    """An inspection decided on `decision_date` taken through `steps` [(stage, date)]."""
    inspection = inspections.open_inspection(candidate(decision_date=decision_date), UNIT)[0]
    for stage, day in steps:
        inspection = stages.advance(inspection, stage, day)[0]
    return inspection


def law_deadlines(inspection, as_of):
    """{stage: deadline} under the rule set of the inspection's law (the default Law 84/2025 settings)."""
    return {d.stage: d for d in status_of(inspection, RULES, VN, as_of).deadlines}


@pytest.mark.parametrize("decision_date", [date(2017, 5, 2), date(2023, 6, 30)])
def test_an_inspection_decided_until_30_jun_2023_has_law_56_2010_s_conclusion_15_days_after_the_results_report(
        decision_date):
    report = decision_date + timedelta(days=30)
    inspection = decided_on(decision_date, (S.FIELDWORK, decision_date + timedelta(days=3)), (S.RESULT_REPORT, report))
    deadlines = law_deadlines(inspection, report + timedelta(days=15))
    assert list(deadlines) == [S.CONCLUSION]        # no draft nor directive deadline under Law 56/2010
    conclusion = deadlines[S.CONCLUSION]
    assert conclusion.due_on == report + timedelta(days=15) and not conclusion.overdue
    assert conclusion.legal_basis == "Law 56/2010/QH12 art. 50(1)"
    assert is_overdue(inspection, RULES, VN, report + timedelta(days=16))


@pytest.mark.parametrize("decision_date", [date(2023, 7, 1), date(2025, 6, 30)])
def test_an_inspection_decided_1_jul_2023_to_30_jun_2025_has_law_11_2022_s_conclusion_15_days_after_the_draft(
        decision_date):
    report, draft = decision_date + timedelta(days=30), decision_date + timedelta(days=60)
    inspection = decided_on(decision_date, (S.FIELDWORK, decision_date + timedelta(days=3)), (S.RESULT_REPORT, report))
    assert law_deadlines(inspection, draft)[S.CONCLUSION].due_on is None     # counted from the draft, not reached
    assert not is_overdue(inspection, RULES, VN, draft)     # the draft's own deadline is unconfirmed: not applied
    inspection = stages.advance(inspection, S.DRAFT_CONCLUSION, draft)[0]
    deadlines = law_deadlines(inspection, draft + timedelta(days=16))
    assert list(deadlines) == [S.CONCLUSION]
    assert deadlines[S.CONCLUSION].due_on == draft + timedelta(days=15) and deadlines[S.CONCLUSION].overdue
    assert deadlines[S.CONCLUSION].legal_basis == "Law 11/2022/QH15 art. 78(1)"


def test_an_inspection_decided_from_1_jul_2025_has_the_configured_law_84_2025_deadlines():
    inspection = decided_on(date(2025, 7, 1), (S.FIELDWORK, date(2025, 7, 2)), (S.RESULT_REPORT, date(2025, 7, 31)))
    deadlines = law_deadlines(inspection, date(2025, 8, 1))
    assert list(deadlines) == [S.DRAFT_CONCLUSION, S.CONCLUSION, S.FOLLOW_UP]
    assert deadlines[S.DRAFT_CONCLUSION].due_on == date(2025, 8, 7)
    assert [d.legal_basis.split(" (")[0] for d in deadlines.values()] == [
        "Law 84/2025/QH15 art. 34(1)", "Law 84/2025/QH15 art. 36(1)", "Law 84/2025/QH15"]


def test_the_older_laws_deadlines_are_not_moved_by_the_law_84_2025_settings():
    settings = settings_from({"INSPECTION_CONCLUSION_DAYS": "3", "INSPECTION_CONCLUSION_IN_WORKING_DAYS": "true"})
    inspection = decided_on(date(2017, 5, 2), (S.FIELDWORK, date(2017, 5, 5)), (S.RESULT_REPORT, date(2017, 6, 1)))
    conclusion = status_of(inspection, settings.deadline_rules, VN, date(2017, 6, 2)).deadlines[0]
    assert conclusion.due_on == date(2017, 6, 16)


def test_an_inspection_decided_before_law_56_2010_has_no_statutory_deadline_and_cites_no_modelled_law():
    inspection = decided_on(date(2011, 6, 30), (S.FIELDWORK, date(2011, 7, 4)), (S.RESULT_REPORT, date(2011, 8, 1)))
    assert status_of(inspection, RULES, VN, date(2012, 1, 1)).deadlines == []
    with pytest.raises(RuleViolation) as error:
        stages.advance(inspection, S.CLOSED, date(2011, 8, 2))
    assert error.value.legal_basis == "the inspection law in force on the decision date (docs/domain.md rule 10)"


@pytest.mark.parametrize("decision_date, law", [(date(2017, 5, 2), "Law 56/2010/QH12"),
                                                (date(2024, 3, 1), "Law 11/2022/QH15"),
                                                (date(2025, 7, 1), "Law 84/2025/QH15")])
def test_a_stage_refusal_cites_the_law_of_the_inspection_s_decision_date(decision_date, law):
    with pytest.raises(RuleViolation) as error:
        stages.advance(decided_on(decision_date), S.RESULT_REPORT, decision_date)
    assert error.value.legal_basis == law + " on Inspection (docs/domain.md rule 10)"
