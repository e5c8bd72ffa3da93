"""Annual evaluation (docs/domain.md rules 1-5), table-driven with the rule set valid for each year:
Decree 56/2015 (am. 88/2017) up to 2019, Decree 90/2020 (am. 48/2023), Decree 335/2025 from 2026."""
from datetime import date

import pytest

from services.common.errors import Invalid, RuleViolation
from services.personnel.domain.enums import Category as C, EvidenceKind as K, Rating as R
from services.personnel.domain.evaluation import opens_decision_case, rate, force_for_discipline
from services.personnel.domain.evaluation_rules import OLD_RULES, RULES_2015, RULES_2017, rule_set_for
from services.personnel.domain.evidence import item, suggest
from services.personnel.domain.records import Discipline, Evaluation


def evaluation(year, rating=None, category=C.CONG_CHUC, official="off-1", **extra):
    return Evaluation(id="ev-{}-{}".format(official, year), official_id=official, unit_id="unit-1",
                      category=category, task_group="PROFESSIONAL", year=year, rating=rating, proposed_rating=None,
                      recorded_on=date(year + 1, 1, 15) if year < 2026 else date(2026, 11, 20), **extra)


def disciplined(year, official="off-1"):
    return Discipline(id="dc-1", official_id=official, unit_id="unit-1", category=C.CONG_CHUC, form="KHIEN_TRACH",
                      severity="LESS_SERIOUS", violation_date=date(year, 3, 1), violation_summary="x",
                      handling_started_on=date(year, 4, 1), decided_on=date(year, 5, 1), decision_ref="QĐ",
                      counts_in_year=year)


BANDS = [  # (year, category, rating given, score, result or error, legal basis) - rule 4
    (2024, C.CONG_CHUC, R.GOOD, None, R.GOOD, "Decree 90/2020 (am. 48/2023)"),       # 2024: no score bands
    (2024, C.CONG_CHUC, R.GOOD, 40.0, R.GOOD, "Decree 90/2020 (am. 48/2023)"),       # a score is not binding
    (2026, C.CONG_CHUC, None, 90.0, R.EXCELLENT, "Decree 335/2025"),
    (2026, C.CONG_CHUC, None, 89.9, R.GOOD, "Decree 335/2025"),
    (2026, C.CONG_CHUC, None, 70.0, R.GOOD, "Decree 335/2025"),
    (2026, C.CONG_CHUC, None, 50.0, R.COMPLETED, "Decree 335/2025"),
    (2026, C.CONG_CHUC, None, 49.9, R.NOT_COMPLETED, "Decree 335/2025"),
    (2026, C.CONG_CHUC, R.GOOD, 55.0, "EVALUATION_SCORE_BANDS", "Decree 335/2025"),
    (2026, C.CONG_CHUC, R.GOOD, None, "score", "Decree 335/2025"),
    (2026, C.VIEN_CHUC, R.GOOD, None, R.GOOD, "Decree 90/2020 (am. 48/2023)"),       # viên chức keep 90/2020
    (2026, C.CONG_CHUC, R.NOT_RATED, None, R.NOT_RATED, "Decree 335/2025"),           # not rated: no score
    (2017, C.CONG_CHUC, R.GOOD, 40.0, R.GOOD, RULES_2017),                             # 2017: no score bands
    (2017, C.VIEN_CHUC, R.COMPLETED, None, R.COMPLETED, RULES_2017),   # "... nhưng còn hạn chế về năng lực"
]


@pytest.mark.parametrize("year, category, given, score, expected, basis", BANDS)
def test_ratings_follow_the_rule_set_of_the_year_2024_direct_2026_score_bands_rule_4(
        year, category, given, score, expected, basis):
    candidate = evaluation(year, given, category, score=score)
    if isinstance(expected, R):
        settled, events = rate(candidate, [], lambda: [evaluation(year, R.GOOD, official=str(i)) for i in range(9)])
        assert settled.rating == expected and settled.legal_basis == basis
        assert events[0].rating == expected
    elif expected == "score":
        with pytest.raises(Invalid) as error:
            rate(candidate, [], list)
        assert "score" in error.value.fields
    else:
        with pytest.raises(RuleViolation) as error:
            rate(candidate, [], list)
        assert error.value.rule == expected and error.value.legal_basis == basis


CAP = [  # (year, GOOD peers, EXCELLENT peers, allowed, basis) - rule 1: EXCELLENT <= 20 % of GOOD (and better)
    (2017, 4, 0, True, RULES_2017),
    (2017, 3, 0, False, RULES_2017 + " (20% of GOOD: unconfirmed, a setting)"),
    (2019, 8, 1, True, RULES_2017),
    (2019, 7, 1, False, RULES_2017),
    (2024, 4, 0, True, "Decree 90/2020 (am. 48/2023)"),
    (2024, 3, 0, False, "Decree 90/2020 (am. 48/2023)"),
    (2026, 8, 1, True, "Decree 335/2025 art. 20(5)"),
    (2026, 7, 1, False, "Decree 335/2025 art. 20(5)"),
]


@pytest.mark.parametrize("year, good, excellent, allowed, basis", CAP)
def test_excellent_is_capped_at_20_percent_of_good_per_unit_and_task_group_rule_1(
        year, good, excellent, allowed, basis):
    peers = [evaluation(year, R.GOOD, official="g{}".format(i)) for i in range(good)]
    peers += [evaluation(year, R.EXCELLENT, official="e{}".format(i)) for i in range(excellent)]
    candidate = evaluation(year, R.EXCELLENT, score=95.0 if year >= 2026 else None)
    if allowed:
        assert rate(candidate, [], lambda: peers)[0].rating == R.EXCELLENT
    else:
        with pytest.raises(RuleViolation) as error:
            rate(candidate, [], lambda: peers)
        assert error.value.rule == "EXCELLENT_CAP" and basis in error.value.legal_basis


DISCIPLINED = [  # (year, category, basis) - rule 2; under 56/2015 a discipline is a NOT_COMPLETED criterion
    (2024, C.CONG_CHUC, "Decree 90/2020 (am. 48/2023)"),
    (2026, C.CONG_CHUC, "Decree 335/2025 art. 20(4)"),
    (2017, C.CONG_CHUC, RULES_2017 + " art. 21 (wording unconfirmed)"),
    (2017, C.CAN_BO, RULES_2017 + " art. 14"),
    (2017, C.VIEN_CHUC, RULES_2017 + " art. 28(1)(h)"),
    (2016, C.VIEN_CHUC, RULES_2015 + " art. 28(1)(h)"),
]


@pytest.mark.parametrize("year, category, basis", DISCIPLINED)
def test_a_discipline_in_the_year_forces_not_completed_rule_2(year, category, basis):
    settled, _ = rate(evaluation(year, R.GOOD, category, score=80.0), [disciplined(year)], list)
    assert settled.rating == R.NOT_COMPLETED and settled.proposed_rating == R.GOOD
    assert basis in settled.forced_by[0]
    assert rate(evaluation(year, R.GOOD, category, score=80.0), [disciplined(year - 1)], list)[0].rating == R.GOOD


@pytest.mark.parametrize("year", [2017, 2024])
def test_a_discipline_decided_after_the_rating_still_forces_it_rule_2(year):
    settled, _ = rate(evaluation(year, R.GOOD), [], list)
    forced, events = force_for_discipline(settled, disciplined(year))
    assert forced.rating == R.NOT_COMPLETED and events[0].rating == R.NOT_COMPLETED
    assert force_for_discipline(forced, disciplined(year)) == (forced, [])


TIME = [  # (months worked, months absent, maternity, proposal, result) - rule 3
    (5, 0, False, R.GOOD, R.NOT_RATED),
    (12, 7, False, R.GOOD, R.NOT_RATED),
    (12, 4, False, R.EXCELLENT, R.COMPLETED),
    (12, 3, False, R.GOOD, R.COMPLETED),
    (12, 2, False, R.GOOD, R.GOOD),
    (5, 0, True, R.GOOD, R.GOOD),        # maternity leave: rated on the time actually worked
]
TIME_RULES = [(2024, OLD_RULES), (2017, RULES_2017 + " (time rules unconfirmed)")]


@pytest.mark.parametrize("year, basis", TIME_RULES)
@pytest.mark.parametrize("worked, absent, maternity, proposal, expected", TIME)
def test_months_worked_and_absent_limit_the_rating_rule_3(year, basis, worked, absent, maternity, proposal, expected):
    candidate = evaluation(year, proposal, months_worked=worked, months_absent=absent, maternity_leave=maternity)
    peers = [evaluation(year, R.GOOD, official=str(i)) for i in range(9)]
    settled = rate(candidate, [], lambda: peers)[0]
    assert settled.rating == expected
    assert len(settled.forced_by) == (0 if expected == proposal else 1)
    assert all(basis in reason for reason in settled.forced_by)


YEARS = [  # (year, category, legal basis, or the refusal) - which decree rates which evaluation year
    (2014, C.CONG_CHUC, "EVALUATION_YEAR"),      # before Decree 56/2015 (in force 1 Aug 2015): not modelled
    (2015, C.CONG_CHUC, RULES_2015),
    (2016, C.VIEN_CHUC, RULES_2015),
    (2017, C.CAN_BO, RULES_2017),                 # Decree 88/2017 in force 15 Sep 2017, before the December rating
    (2017, C.CONG_CHUC, RULES_2017),
    (2017, C.VIEN_CHUC, RULES_2017),
    (2017, C.HOP_DONG, "EVALUATION_YEAR"),        # contract staff: no rule set before 2020
    (2019, C.CONG_CHUC, RULES_2017),              # the last year of Decree 56/2015
    (2019, C.VIEN_CHUC, RULES_2017),
    (2020, C.CONG_CHUC, OLD_RULES),               # the first year of Decree 90/2020
    (2020, C.VIEN_CHUC, OLD_RULES),
    (2020, C.HOP_DONG, OLD_RULES),
]


@pytest.mark.parametrize("year, category, expected", YEARS)
def test_each_year_is_rated_under_the_decree_in_force_for_it_56_2015_until_2019_then_90_2020(
        year, category, expected):
    candidate = evaluation(year, R.GOOD, category)
    if expected == "EVALUATION_YEAR":
        with pytest.raises(RuleViolation) as error:
            rate(candidate, [], list)
        assert error.value.rule == expected and "year" in error.value.fields
    else:
        settled, events = rate(candidate, [], list)
        assert settled.legal_basis == expected and events[0].legal_basis == expected


CASES = [  # (category, this year, previous year, opens a case, two years running) - rule 5
    (C.CONG_CHUC, R.NOT_COMPLETED, None, True, False),      # Law 80/2025 art. 27: 30-day decision
    (C.CONG_CHUC, R.GOOD, R.NOT_COMPLETED, False, False),
    (C.VIEN_CHUC, R.NOT_COMPLETED, R.NOT_COMPLETED, True, True),   # Law 58/2010 art. 29(1): the contract may end
    (C.CONG_CHUC, R.NOT_COMPLETED, R.NOT_COMPLETED, True, True),   # Law 22/2008 art. 58(4) before 2025: thôi việc
]


@pytest.mark.parametrize("category, now, before, opens, consecutive", CASES)
def test_not_completed_opens_the_decision_case_and_notes_two_years_running_rule_5(
        category, now, before, opens, consecutive):
    previous = evaluation(2023, before, category) if before else None
    assert opens_decision_case(evaluation(2024, now, category), previous) == (opens, consecutive)


def test_the_suggestion_lists_every_item_of_evidence_of_the_year_and_weighs_it():
    evidence = [item(K.INSPECTION_FINDING, "f1", date(2024, 4, 1), "Hồ sơ trễ", official_id="off-1"),
                item(K.FEEDBACK_SUBSTANTIATED, "fb1", date(2024, 6, 1), "Chậm", official_id="off-1"),
                item(K.TRAINING_COMPLETED, "enr1", date(2024, 7, 1), "Bồi dưỡng", official_id="off-1"),
                item(K.UNIT_FEEDBACK_OVERDUE, "fb2-ANSWER", date(2024, 8, 1), unit_id="unit-1"),
                item(K.TRAINING_COMPLETED, "enr0", date(2023, 7, 1), official_id="off-1")]
    suggestion = suggest(2024, evidence, [])
    assert [e["ref"] for e in suggestion["evidence"]] == ["f1", "fb1", "enr1", "fb2-ANSWER"]
    assert suggestion["score"] == 80 - 15 - 10 + 5 - 2
    assert suggestion["suggested_rating"] == R.COMPLETED
    assert suggest(2024, [], [disciplined(2024)])["suggested_rating"] == R.NOT_COMPLETED
    assert suggest(2024, [], [])["suggested_rating"] == R.GOOD


@pytest.mark.parametrize("category, year, cap_basis", [
    (C.CONG_CHUC, 2022, "no ratio found before Decree 48/2023"),
    (C.CONG_CHUC, 2023, "Decree 48/2023: not above the Party members' EXCELLENT share"),
    (C.CAN_BO, 2025, "Decree 48/2023: not above the Party members' EXCELLENT share"),
    (C.VIEN_CHUC, 2020, "no ratio found before Decree 48/2023"),
    (C.VIEN_CHUC, 2026, "Decree 48/2023: not above the Party members' EXCELLENT share"),
])
def test_the_2020_excellent_cap_is_labelled_as_the_assumed_20_percent_before_decree_48_2023_and_the_party_limit_after(
        category, year, cap_basis):
    rule_set = rule_set_for(category, year)
    assert cap_basis in rule_set.cap_rule_basis and rule_set.excellent_cap == 0.20
    assert rule_set.legal_basis == "Decree 90/2020 (am. 48/2023)"


@pytest.mark.parametrize("rating", [R.GOOD, R.COMPLETED, R.NOT_COMPLETED])
def test_only_an_excellent_rating_reads_the_unit_s_peers_rule_1_caps_nothing_else(rating):
    def peers():
        raise AssertionError("the peers were read for a {} rating".format(rating.value))
    assert rate(evaluation(2017, rating), [], peers)[0].rating == rating
