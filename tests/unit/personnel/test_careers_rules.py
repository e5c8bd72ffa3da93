"""Promotion and appointment rule sets, one test per set by date (services/personnel/domain/careers_rules.py,
promotion.py, leadership.py; docs/domain.md rules 13-14)."""
from dataclasses import replace
from datetime import date, timedelta

import pytest

from services.common.errors import Conflict, Invalid, RuleViolation
from services.personnel.domain import history, leadership, promotion
from services.personnel.domain.careers_rules import (APPOINTMENT_RULE_SETS, PROMOTION_RULE_SETS, AppointmentKind,
                                                     PromotionMethod as M, RemovalReason, SelectionMethod,
                                                     appointment_rule_set_on, promotion_rule_set_for, term_end)
from services.personnel.domain.enums import Category, HistoryKind, QualificationKind as K
from services.personnel.domain.model import Official
from services.personnel.domain.standards import Qualification

CC, VC = Category.CONG_CHUC, Category.VIEN_CHUC
DECISION = history.Decision("1/QĐ", "Chủ tịch", date(2024, 1, 1), "Decree 138/2020/NĐ-CP")


def official(start=date(2012, 1, 1), category=CC, rank="01.003", qualifications=None, records=()):
    base = Official(id="off-1", full_name="Lê Văn A", national_id="096080000001", birth_date=date(1980, 1, 1),
                    category=category, unit_id="unit-1", position_id="pos-1", rank=rank, service_start_date=start,
                    qualifications=qualifications if qualifications is not None else [
                        Qualification(K.EDUCATION, "DAI_HOC", date(2005, 1, 1)),
                        Qualification(K.POLITICAL_THEORY, "TRUNG_CAP", date(2015, 1, 1)),
                        Qualification(K.STATE_MANAGEMENT, "CHUYEN_VIEN_CHINH", date(2016, 1, 1))])
    return replace(base, history=history.registration_records(base, start) + list(records))


def rank_record(rank, day, record_id="off-1-h9"):
    return history.HistoryRecord(id=record_id, kind=HistoryKind.RANK, effective_from=day, recorded_on=day,
                                 decision=DECISION, rank=rank)


def a_round(category=CC, announced=date(2025, 3, 1), method=M.EXAM, target="01.002", places=1):
    return promotion.PromotionRound(id="pr-1", unit_id="unit-1", title="Thi nâng ngạch", category=category,
                                    method=method, target_rank=target, announced_on=announced,
                                    decision_ref="KH", places=places)


@pytest.mark.parametrize("category, day, basis, counted", [
    (CC, date(2017, 6, 1), "Decree 24/2010/NĐ-CP (am. 161/2018/NĐ-CP)", [True, True]),
    (CC, date(2020, 11, 27), "Decree 138/2020/NĐ-CP", [False, True]),
    (CC, date(2025, 7, 1), "Decree 170/2025/NĐ-CP", [False, True]),
    (VC, date(2017, 6, 1), "Decree 29/2012/NĐ-CP (am. 161/2018/NĐ-CP)", [True, True]),
    (VC, date(2021, 1, 1), "Decree 115/2020/NĐ-CP", [False, True]),
    (VC, date(2024, 1, 1), "Decree 115/2020/NĐ-CP (am. 85/2023/NĐ-CP)", [False, True]),
])
def test_the_promotion_rule_set_is_the_one_of_the_announcement_day(category, day, basis, counted):
    rule_set = promotion_rule_set_for(category, day)
    assert rule_set.legal_basis == basis
    assert [r.counts_in_total for r in rule_set.rounds_of(M.EXAM)] == counted


def test_the_promotion_table_has_no_gap_or_overlap_per_category():
    for category in (CC, VC):
        sets = sorted((s for s in PROMOTION_RULE_SETS if s.category == category), key=lambda s: s.valid_from)
        for earlier, later in zip(sets, sets[1:]):
            assert earlier.valid_to + timedelta(days=1) == later.valid_from
        assert sets[-1].valid_to is None


def test_no_promotion_rules_before_2010_nor_for_cadres():
    with pytest.raises(RuleViolation) as refused:
        promotion_rule_set_for(CC, date(2009, 1, 1))
    assert refused.value.rule == "PROMOTION_RULES"
    with pytest.raises(RuleViolation):
        promotion_rule_set_for(Category.CAN_BO, date(2021, 1, 1))


def test_years_in_rank_are_read_from_the_rank_records_of_the_history():
    promoted_once = official(start=date(2010, 1, 1), rank="01.003",
                             records=[rank_record("01.004", date(2010, 1, 1), "off-1-h8"),
                                      rank_record("01.003", date(2018, 5, 1))])
    assert promotion.rank_since(promoted_once.history, "01.003", date(2025, 3, 10)) == date(2018, 5, 1)
    problems, since, held = promotion.eligibility_problems(a_round(), promoted_once, promoted_once,
                                                           date(2025, 3, 10))
    assert since == date(2018, 5, 1) and 6.8 < held < 6.9
    assert set(problems) == {"years_in_rank"} and "at least 9" in problems["years_in_rank"][0]


def test_eligibility_names_the_target_ranks_standards_and_the_rank_below():
    lacking = official(qualifications=[Qualification(K.EDUCATION, "DAI_HOC", date(2005, 1, 1))])
    problems, _, _ = promotion.eligibility_problems(a_round(), lacking, lacking, date(2025, 3, 10))
    assert set(problems) == {"qualifications"}
    assert any("STATE_MANAGEMENT CHUYEN_VIEN_CHINH" in p for p in problems["qualifications"])
    two_up = official(rank="01.004")
    problems, _, _ = promotion.eligibility_problems(a_round(), two_up, two_up, date(2025, 3, 10))
    assert "rank" in problems
    public_employee = official(category=VC)
    problems, _, _ = promotion.eligibility_problems(a_round(), public_employee, public_employee, date(2025, 3, 10))
    assert set(problems) == {"category"}


def test_results_rank_those_passing_every_round_within_the_places_and_a_tie_is_the_heads():
    opened = a_round(places=1)
    for official_id in ("off-a", "off-b", "off-c"):
        opened = replace(opened, candidates=[*opened.candidates, promotion.PromotionCandidate(
            official_id, date(2025, 3, 10), "01.003", date(2012, 1, 1), 13.2)])
    for official_id, first, second in (("off-a", 60, 80), ("off-b", 90, 80), ("off-c", 40, 0)):
        opened, _ = promotion.record_score(opened, official_id, 1, first, date(2025, 5, 1))
        if first >= 50:
            opened, _ = promotion.record_score(opened, official_id, 2, second, date(2025, 5, 1))
    with pytest.raises(RuleViolation) as tie:      # round 1 does not count from 138/2020: a and b tie on 80
        promotion.publish_results(opened, date(2025, 5, 10), "TB")
    assert tie.value.rule == "PROMOTION_TIE" and "head_choice_official_ids" in tie.value.fields   # the body's field
    with pytest.raises(Invalid) as unknown:        # the head chooses among the candidates, as in a recruitment
        promotion.publish_results(opened, date(2025, 5, 10), "TB", ["off-b", "off-x"])
    assert unknown.value.fields == {"head_choice_official_ids": ["not candidates of round {}: off-x".format(
        opened.id)]}
    published, _ = promotion.publish_results(opened, date(2025, 5, 10), "TB", ["off-b"])
    assert {c.official_id: c.status.value for c in published.candidates} == {
        "off-a": "NOT_PASSED", "off-b": "PASSED", "off-c": "NOT_PASSED"}
    older = replace(opened, announced_on=date(2017, 6, 1))     # 24/2010: both rounds count, b leads
    published, _ = promotion.publish_results(older, date(2017, 9, 1), "TB")
    assert [c.official_id for c in published.candidates if c.status.value == "PASSED"] == ["off-b"]


@pytest.mark.parametrize("day, basis", [
    (date(2017, 3, 1), "Decree 24/2010/NĐ-CP"),
    (date(2021, 3, 1), "Decree 138/2020/NĐ-CP and Regulation 105-QĐ/TW"),
    (date(2023, 3, 1), "Decree 138/2020/NĐ-CP and Regulation 80-QĐ/TW (2022)"),
    (date(2025, 7, 1), "Decree 170/2025/NĐ-CP and Regulation 80-QĐ/TW"),
])
def test_the_appointment_rule_set_is_the_one_of_the_effective_day_with_a_five_year_term(day, basis):
    rule_set = appointment_rule_set_on(day)
    assert rule_set.legal_basis.startswith(basis) and rule_set.term_years == 5 and rule_set.notice_days == 90


def test_the_appointment_table_has_no_gap_and_a_term_ends_the_day_before_its_anniversary():
    sets = sorted(APPOINTMENT_RULE_SETS, key=lambda s: s.valid_from)
    for earlier, later in zip(sets, sets[1:]):
        assert earlier.valid_to + timedelta(days=1) == later.valid_from
    assert term_end(date(2021, 3, 1), 5) == date(2026, 2, 28)
    assert term_end(date(2024, 2, 29), 5) == date(2029, 2, 28)


def test_reappointment_needs_the_same_post_within_the_notice_period_and_a_term_is_announced_once_due():
    appointed = leadership.appointment_record(official(), AppointmentKind.APPOINTMENT, "unit-1", "Trưởng phòng",
                                              date(2020, 3, 1), DECISION)
    holder = replace(official(), history=[*official().history, replace(appointed, id="off-1-h4")])
    assert appointed.term_end == date(2025, 2, 28)
    with pytest.raises(RuleViolation) as early:
        leadership.appointment_record(holder, AppointmentKind.REAPPOINTMENT, "unit-1", "Trưởng phòng",
                                      date(2024, 6, 1), DECISION)
    assert early.value.rule == "REAPPOINTMENT"
    with pytest.raises(RuleViolation):
        leadership.appointment_record(holder, AppointmentKind.REAPPOINTMENT, "unit-1", "Phó phòng",
                                      date(2025, 1, 1), DECISION)
    renewed = leadership.appointment_record(holder, AppointmentKind.REAPPOINTMENT, "unit-1", "Trưởng phòng",
                                            date(2025, 1, 1), DECISION)
    assert renewed.term_end == date(2029, 12, 31)
    assert [r.id for r in leadership.terms_ending(holder, date(2024, 12, 1), 90)] == ["off-1-h4"]
    assert leadership.terms_ending(holder, date(2024, 11, 29), 90) == []
    notice, events = leadership.reappointment_due(holder, holder.history[-1], date(2024, 12, 1))
    assert notice.id == "rn-off-1-h4" and events[0].days_left == 89


def test_removal_ends_the_post_the_day_before_and_only_once():
    post = replace(leadership.appointment_record(official(), AppointmentKind.APPOINTMENT, "unit-1", "Trưởng phòng",
                                                 date(2020, 3, 1), DECISION), id="off-1-h4")
    holder = replace(official(), history=[*official().history, post])
    removed, events = history.end_post(holder, "off-1-h4", date(2022, 1, 1), RemovalReason.HEALTH, DECISION,
                                       date(2026, 1, 1))
    assert removed.history[-1].ended_on == date(2021, 12, 31) and events[0].reason == RemovalReason.HEALTH
    assert history.posts_on(removed.history, date(2021, 12, 31)) and not history.posts_on(removed.history,
                                                                                            date(2022, 1, 1))
    with pytest.raises(Conflict):
        history.end_post(removed, "off-1-h4", date(2022, 1, 1), RemovalReason.HEALTH, DECISION, date(2026, 1, 1))
    with pytest.raises(Invalid):
        history.end_post(holder, "off-1-h1", date(2022, 1, 1), RemovalReason.HEALTH, DECISION, date(2026, 1, 1))


def test_a_competitive_selection_chooses_the_highest_total_having_passed_every_round():
    selection = leadership.Selection(id="sel-1", unit_id="unit-1", post_title="Phó Giám đốc",
                                     method=SelectionMethod.COMPETITIVE, announced_on=date(2017, 9, 1),
                                     application_deadline=date(2017, 9, 30), decision_ref="KH")
    for official_id in ("off-a", "off-b"):
        selection, _ = leadership.add_candidate(selection, replace(official(), id=official_id), date(2017, 9, 15))
    with pytest.raises(Invalid):       # rounds come after the deadline
        leadership.record_score(selection, "off-a", 1, 70, date(2017, 9, 20))
    for official_id, first, second in (("off-a", 70, 90), ("off-b", 90, 45)):
        selection, _ = leadership.record_score(selection, official_id, 1, first, date(2017, 10, 5))
        selection, _ = leadership.record_score(selection, official_id, 2, second, date(2017, 10, 6))
    assert leadership.chosen(selection, None) == "off-a"       # b failed round 2
    with pytest.raises(RuleViolation):
        leadership.chosen(selection, "off-b")
