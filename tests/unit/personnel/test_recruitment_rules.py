"""Recruitment and probation rule sets, one test per set naming the rule and its validity dates
(services/personnel/domain/recruitment_rules.py, docs/domain.md rule 12)."""
from datetime import date

import pytest

from services.common.errors import RuleViolation
from services.personnel.domain.enums import Category
from services.personnel.domain.recruitment import (Campaign, Candidate, CandidateStatus, DataBasis, RoundScore,
                                                   erase, erasure_due, rank)
from services.personnel.domain.recruitment_rules import (RULE_SETS, RecruitmentMethod as M, TieBreak,
                                                         probation_end, probation_rule_for, rule_set_for)
from services.personnel.domain.standards import Qualification
from services.personnel.domain.recruitment import Vacancy

CC, VC = Category.CONG_CHUC, Category.VIEN_CHUC


def campaign(category, announced_on, method=M.EXAM, places=1):
    return Campaign(id="rc-1", unit_id="unit-1", scheme_id="scheme-1", title="Tuyển dụng", category=category,
                    method=method, announced_on=announced_on, application_deadline=announced_on, decision_ref="KH",
                    legal_basis="", vacancies=[Vacancy("pos-1", "unit-1", "Chuyên viên", "01.003", places)])


def applicant(candidate_id, *scores, priority=0.0):
    return Candidate(id=candidate_id, campaign_id="rc-1", position_id="pos-1", applied_on=date(2020, 1, 1),
                     data_legal_basis=DataBasis.CONSENT, full_name="Ứng viên " + candidate_id,
                     national_id="0962000000" + candidate_id[-2:], birth_date=date(1998, 1, 1),
                     qualifications=[Qualification("EDUCATION", "DAI_HOC", date(2020, 6, 30))],
                     priority_points=priority,
                     scores=[RoundScore(n, s, date(2020, 1, 1)) for n, s in enumerate(scores, start=1)])


def statuses(outcome):
    return {candidate_id: status.value for candidate_id, (status, _, _) in outcome.items()}


def test_the_table_has_no_gap_or_overlap_per_category():
    for category in (CC, VC):
        sets = sorted((s for s in RULE_SETS if s.category == category), key=lambda s: s.valid_from)
        for earlier, later in zip(sets, sets[1:]):
            assert (later.valid_from - earlier.valid_to).days == 1
        assert sets[-1].valid_to is None


def test_decree_24_2010_for_cong_chuc_until_26_nov_2020_both_exams_count_and_old_priority_points():
    rules = rule_set_for(CC, date(2017, 6, 1))          # the seed's 2017 recruitment exam
    assert rules.legal_basis == "Decree 24/2010/NĐ-CP (am. 161/2018/NĐ-CP)"
    assert (rules.valid_from, rules.valid_to) == (date(2010, 6, 1), date(2020, 11, 26))
    assert [r.counts_in_total for r in rules.rounds_of(M.EXAM)] == [True, True]
    assert rules.priority_points == (30.0, 20.0, 10.0) and "unconfirmed" in rules.source("priority")
    outcome = rank(campaign(CC, date(2017, 6, 1)), [applicant("c-01", 90, 60), applicant("c-02", 60, 80)])
    assert statuses(outcome) == {"c-01": "PASSED", "c-02": "REJECTED"}      # 150 against 140


def test_decree_138_2020_for_cong_chuc_from_27_nov_2020_to_30_jun_2025_round_one_only_qualifies():
    assert rule_set_for(CC, date(2020, 11, 26)).legal_basis.startswith("Decree 24/2010")
    rules = rule_set_for(CC, date(2020, 11, 27))
    assert (rules.legal_basis, rules.valid_from, rules.valid_to) == (
        "Decree 138/2020/NĐ-CP", date(2020, 11, 27), date(2025, 6, 30))
    assert [(r.number, r.counts_in_total) for r in rules.rounds_of(M.EXAM)] == [(1, False), (2, True)]
    assert [r.number for r in rules.rounds_of(M.SELECTION)] == [2]        # xét tuyển: round 1 checks conditions
    assert rules.priority_points == (7.5, 5.0, 2.5)
    outcome = rank(campaign(CC, date(2021, 3, 1)), [applicant("c-01", 90, 60), applicant("c-02", 55, 80),
                                                    applicant("c-03", 45, 99)])
    assert statuses(outcome) == {"c-01": "REJECTED", "c-02": "PASSED", "c-03": "REJECTED"}   # c-03: round 1 < 50


def test_decree_170_2025_for_cong_chuc_from_1_jul_2025_ties_go_to_the_last_round_then_the_head():
    rules = rule_set_for(CC, date(2025, 7, 1))
    assert (rules.legal_basis, rules.valid_from, rules.valid_to) == ("Decree 170/2025/NĐ-CP", date(2025, 7, 1), None)
    assert rules.tie_break == (TieBreak.HIGHER_LAST_ROUND, TieBreak.HEAD_DECIDES)
    with_priority = [applicant("c-01", 70, 75, priority=5.0), applicant("c-02", 70, 80)]   # both 80: c-02's round 2
    assert statuses(rank(campaign(CC, date(2025, 8, 1)), with_priority)) == {"c-01": "REJECTED", "c-02": "PASSED"}
    tied = [applicant("c-01", 70, 80), applicant("c-02", 95, 80)]
    with pytest.raises(RuleViolation) as refused:
        rank(campaign(CC, date(2025, 8, 1)), tied)
    assert refused.value.rule == "RECRUITMENT_TIE" and "head_choice_ids" in refused.value.fields
    assert statuses(rank(campaign(CC, date(2025, 8, 1)), tied, ["c-01"])) == {"c-01": "PASSED", "c-02": "REJECTED"}


def test_decree_29_2012_for_vien_chuc_until_24_sep_2020():
    rules = rule_set_for(VC, date(2017, 9, 1))          # the seed's 2017 viên chức exams
    assert (rules.legal_basis, rules.valid_from, rules.valid_to) == (
        "Decree 29/2012/NĐ-CP (am. 161/2018/NĐ-CP)", date(2012, 6, 1), date(2020, 9, 24))
    assert [r.counts_in_total for r in rules.rounds_of(M.SELECTION)] == [True, True]


def test_decree_115_2020_for_vien_chuc_from_25_sep_2020_and_as_amended_by_85_2023_from_7_dec_2023():
    assert rule_set_for(VC, date(2020, 9, 25)).legal_basis == "Decree 115/2020/NĐ-CP"
    assert rule_set_for(VC, date(2023, 12, 6)).legal_basis == "Decree 115/2020/NĐ-CP"
    amended = rule_set_for(VC, date(2023, 12, 7))
    assert (amended.legal_basis, amended.valid_to) == ("Decree 115/2020/NĐ-CP (am. 85/2023/NĐ-CP)", None)
    assert amended.dates_status == "unconfirmed"
    assert [(r.number, r.counts_in_total) for r in amended.rounds_of(M.EXAM)] == [(1, False), (2, True)]


def test_no_rule_set_before_the_decrees_nor_for_other_categories():
    for category, day in ((CC, date(2010, 5, 31)), (VC, date(2012, 5, 31)), (Category.CAN_BO, date(2024, 1, 1))):
        with pytest.raises(RuleViolation) as refused:
            rule_set_for(category, day)
        assert refused.value.rule == "RECRUITMENT_RULES"


@pytest.mark.parametrize("category,start,education,months,basis", [
    (CC, date(2019, 1, 2), "DAI_HOC", 12, "Decree 24/2010"),       # type A, 24/2010 art. 20 (unconfirmed)
    (CC, date(2019, 1, 2), None, 3, "Decree 24/2010"),             # type C: 3 months before 138/2020
    (CC, date(2021, 1, 4), None, 6, "Decree 138/2020"),            # types B and C: 6 months from 27 Nov 2020
    (CC, date(2025, 7, 1), "DAI_HOC", 12, "Decree 170/2025"),      # carried over (unconfirmed)
    (VC, date(2019, 1, 2), "CAO_DANG", 9, "Decree 29/2012"),
    (VC, date(2024, 1, 2), "TRUNG_CAP", 6, "Decree 115/2020"),
])
def test_probation_months_by_category_level_and_start_date(category, start, education, months, basis):
    rule = probation_rule_for(category, start)
    assert rule.months_for(education) == months and rule.legal_basis.startswith(basis)
    assert "unconfirmed" in rule.legal_basis


def test_a_probation_ends_the_day_before_its_months_are_over():
    assert probation_end(date(2025, 10, 1), 12) == date(2026, 9, 30)
    assert probation_end(date(2024, 8, 31), 6) == date(2025, 2, 27)      # 28 Feb 2025 is the 6-month day


def test_rejected_candidates_are_erased_after_the_retention_period_scores_kept():
    published = campaign(CC, date(2025, 7, 1))
    published = published.__class__(**dict(vars(published), results_published_on=date(2025, 9, 1)))
    assert not erasure_due(published, 180, date(2026, 2, 28)) and erasure_due(published, 180, date(2026, 3, 1))
    rejected = applicant("c-01", 40)
    rejected = rejected.__class__(**dict(vars(rejected), status=CandidateStatus.REJECTED))
    erased = erase(rejected, date(2026, 3, 1))
    assert (erased.national_id, erased.birth_date, erased.phone) == (None, None, None)
    assert erased.full_name != rejected.full_name and erased.scores == rejected.scores
    assert erase(erased, date(2026, 3, 2)) is None
    assert erase(applicant("c-02", 90), date(2026, 3, 1)) is None          # not rejected: never erased here
