"""Discipline rules (docs/domain.md rules 2, 6, 7), table-driven; every row names its legal basis."""
from dataclasses import replace
from datetime import date

import pytest

from services.common.errors import Invalid, RuleViolation
from services.personnel.domain.discipline import impose
from services.personnel.domain.enums import Category as C, DeferralReason, DisciplineForm as F, NoLimitationClass, \
    PositionGroup as G, Severity
from services.personnel.domain.model import Official
from services.personnel.domain.records import Deferral, Discipline
from tools import demo_ratings

TODAY = date(2026, 11, 26)


def official(category):
    return Official(id="off-1", full_name="Trần Văn B", national_id="096090001234", birth_date=date(1980, 1, 1),
                    category=category, unit_id="unit-1", position_id="pos-1", rank="01.003",
                    service_start_date=date(2005, 1, 1))


# A severity each form is the answer to, so rows about other rules are not refused for their severity.
FITTING = {F.KHIEN_TRACH: Severity.LESS_SERIOUS, F.CANH_CAO: Severity.SERIOUS, F.HA_BAC_LUONG: Severity.VERY_SERIOUS,
           F.GIANG_CHUC: Severity.VERY_SERIOUS, F.CACH_CHUC: Severity.VERY_SERIOUS,
           F.BAI_NHIEM: Severity.VERY_SERIOUS, F.BUOC_THOI_VIEC: Severity.VERY_SERIOUS}


def discipline(form, violation, started=None, decided=None, **extra):
    started = started or violation
    decided = decided or started
    extra.setdefault("severity", FITTING[form])
    return Discipline(id="dc-1", official_id="off-1", unit_id="unit-1", category=C.CONG_CHUC, form=form,
                      violation_date=violation, violation_summary="vi phạm",
                      handling_started_on=started, decided_on=decided, decision_ref="QĐ 1", **extra)


FORMS = [  # (category, form, violation date, group, allowed, legal basis)
    (C.CONG_CHUC, F.HA_BAC_LUONG, date(2024, 5, 1), G.PROFESSIONAL, True, "Decree 112/2020 (am. 71/2023)"),
    (C.CONG_CHUC, F.HA_BAC_LUONG, date(2025, 7, 1), G.PROFESSIONAL, False, "Decree 172/2025"),
    (C.CONG_CHUC, F.GIANG_CHUC, date(2025, 6, 30), G.LEADERSHIP, True, "Decree 112/2020 (am. 71/2023)"),
    (C.CONG_CHUC, F.GIANG_CHUC, date(2025, 7, 2), G.LEADERSHIP, False, "Decree 172/2025"),
    (C.CAN_BO, F.HA_BAC_LUONG, date(2024, 5, 1), G.LEADERSHIP, False, "Decree 112/2020 (am. 71/2023)"),
    (C.CAN_BO, F.BAI_NHIEM, date(2025, 8, 1), G.LEADERSHIP, True, "Decree 172/2025"),
    (C.CONG_CHUC, F.BAI_NHIEM, date(2025, 8, 1), G.PROFESSIONAL, False, "Decree 172/2025"),
    (C.CONG_CHUC, F.BUOC_THOI_VIEC, date(2025, 8, 1), G.PROFESSIONAL, True, "Decree 172/2025"),
    (C.VIEN_CHUC, F.CANH_CAO, date(2025, 8, 1), G.PROFESSIONAL, True, "Decree 112/2020 (am. 71/2023)"),
    (C.VIEN_CHUC, F.HA_BAC_LUONG, date(2024, 5, 1), G.PROFESSIONAL, False, "Decree 112/2020 (am. 71/2023)"),
    (C.CONG_CHUC, F.CACH_CHUC, date(2025, 8, 1), G.PROFESSIONAL, False, "Decree 172/2025"),  # not a leader
    (C.HOP_DONG, F.KHIEN_TRACH, date(2025, 8, 1), G.SUPPORT, False, "Decree 173/2025"),
]


@pytest.mark.parametrize("category, form, violation, group, allowed, basis", FORMS)
def test_discipline_forms_follow_the_category_and_the_rules_valid_on_the_violation_date(
        category, form, violation, group, allowed, basis):
    if allowed:
        imposed, events = impose(discipline(form, violation), official(category), group, [], TODAY)
        assert basis in imposed.legal_basis
        assert events[0].event_type == "discipline_imposed" and events[0].counts_in_year == violation.year
    else:
        with pytest.raises(RuleViolation) as error:
            impose(discipline(form, violation), official(category), group, [], TODAY)
        assert error.value.rule in ("DISCIPLINE_FORM", "DISCIPLINE_CATEGORY")
        assert basis in error.value.legal_basis


LIMITATION = [  # (form, violation, handling started, exception class, time-barred) - rule 6, from 20 Sep 2020
    (F.KHIEN_TRACH, date(2020, 10, 10), date(2025, 10, 10), None, False),      # 5 years exactly
    (F.KHIEN_TRACH, date(2020, 10, 10), date(2025, 10, 11), None, True),       # 5 years passed
    (F.CANH_CAO, date(2021, 1, 10), date(2031, 1, 10), None, False),           # 10 years for cảnh cáo
    (F.CANH_CAO, date(2021, 1, 10), date(2031, 1, 11), None, True),
    (F.CANH_CAO, date(2005, 1, 10), date(2024, 1, 11), NoLimitationClass.FAKE_DIPLOMA, False),
]
LATER = date(2032, 1, 1)   # "today" for the cases handled in 2031


@pytest.mark.parametrize("form, violation, started, exception, barred", LIMITATION)
def test_statute_of_limitations_is_5_years_for_khien_trach_10_otherwise_none_for_fake_diplomas_rule_6(
        form, violation, started, exception, barred):
    case = discipline(form, violation, started, started, no_limitation_class=exception)
    if barred:
        with pytest.raises(RuleViolation) as error:
            impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, [], LATER)
        assert error.value.rule == "DISCIPLINE_LIMITATION"
    else:
        impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, [], LATER)


HANDLING = [  # (days used, extended, deferral days, allowed) - 90 days, 150 extended (Decree 172/2025)
    (90, False, 0, True), (91, False, 0, False), (150, True, 0, True), (151, True, 0, False),
    (120, False, 30, True),   # a deferral does not count toward the handling time
]


@pytest.mark.parametrize("days, extended, deferred, allowed", HANDLING)
def test_handling_time_is_90_days_extendable_to_150_deferrals_not_counted_decree_172_2025(
        days, extended, deferred, allowed):
    start = date(2025, 8, 1)
    decided = date.fromordinal(start.toordinal() + days)
    deferrals = [Deferral(DeferralReason.INPATIENT_TREATMENT, date(2025, 8, 10),
                          date.fromordinal(date(2025, 8, 10).toordinal() + deferred - 1))] if deferred else []
    case = discipline(F.KHIEN_TRACH, date(2025, 7, 20), start, decided, extended=extended, deferrals=deferrals)
    if allowed:
        impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
    else:
        with pytest.raises(RuleViolation) as error:
            impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
        assert error.value.rule == "DISCIPLINE_HANDLING_TIME" and "172/2025" in error.value.legal_basis


@pytest.mark.parametrize("reason", list(DeferralReason))
def test_no_decision_during_illness_maternity_or_detention_rule_6(reason):
    case = discipline(F.KHIEN_TRACH, date(2025, 7, 20), date(2025, 8, 1), date(2025, 9, 1),
                      deferrals=[Deferral(reason, date(2025, 8, 20))])
    with pytest.raises(RuleViolation) as error:
        impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
    assert error.value.rule == "DISCIPLINE_DEFERRED"


def test_one_violation_punished_twice_counts_for_the_rating_in_one_year_only_rule_2():
    first, _ = impose(discipline(F.KHIEN_TRACH, date(2024, 11, 1), date(2024, 12, 1), date(2024, 12, 20),
                                 violation_ref="V-7"), official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
    second, _ = impose(discipline(F.CANH_CAO, date(2024, 11, 1), date(2025, 1, 5), date(2025, 2, 1),
                                  violation_ref="V-7"), official(C.CONG_CHUC), G.PROFESSIONAL, [first], TODAY)
    assert (first.counts_in_year, second.counts_in_year) == (2024, None)


def test_inconsistent_dates_are_invalid_field_by_field():
    with pytest.raises(Invalid) as error:
        impose(discipline(F.KHIEN_TRACH, date(2025, 8, 1), date(2025, 7, 1), date(2027, 1, 1)),
               official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
    assert {"handling_started_on", "decided_on"} <= set(error.value.fields)


S = Severity
A112, A172 = "112/2020 (am. 71/2023) art. ", "172/2025 art. "
SEVERITY = [  # (category, group, form, severity, aggravated, violation date, allowed, article)
    (C.CONG_CHUC, G.PROFESSIONAL, F.KHIEN_TRACH, S.LESS_SERIOUS, False, date(2024, 5, 1), True, A112 + "8"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.KHIEN_TRACH, S.SERIOUS, False, date(2024, 5, 1), False, A112 + "8"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.CANH_CAO, S.LESS_SERIOUS, False, date(2024, 5, 1), False, A112 + "9"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.CANH_CAO, S.LESS_SERIOUS, True, date(2024, 5, 1), True, A112 + "9"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.HA_BAC_LUONG, S.VERY_SERIOUS, False, date(2024, 5, 1), True, A112 + "10"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.HA_BAC_LUONG, S.SERIOUS, False, date(2024, 5, 1), False, A112 + "10"),
    (C.CONG_CHUC, G.LEADERSHIP, F.GIANG_CHUC, S.SERIOUS, True, date(2024, 5, 1), True, A112 + "11"),
    (C.CONG_CHUC, G.LEADERSHIP, F.CACH_CHUC, S.EXTREMELY_SERIOUS, False, date(2024, 5, 1), True, A112 + "12"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.BUOC_THOI_VIEC, S.SERIOUS, True, date(2024, 5, 1), False, A112 + "14"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.BUOC_THOI_VIEC, S.EXTREMELY_SERIOUS, False, date(2024, 5, 1), True, A112 + "14"),
    (C.CAN_BO, G.LEADERSHIP, F.BAI_NHIEM, S.EXTREMELY_SERIOUS, False, date(2024, 5, 1), True, A112 + "13"),
    (C.VIEN_CHUC, G.PROFESSIONAL, F.BUOC_THOI_VIEC, S.VERY_SERIOUS, False, date(2025, 8, 1), True, A112 + "18"),
    (C.VIEN_CHUC, G.LEADERSHIP, F.CACH_CHUC, S.LESS_SERIOUS, False, date(2025, 8, 1), False, A112 + "17"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.KHIEN_TRACH, S.LESS_SERIOUS, False, date(2025, 7, 1), True, A172 + "8"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.KHIEN_TRACH, S.VERY_SERIOUS, False, date(2025, 7, 1), False, A172 + "8"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.CANH_CAO, S.SERIOUS, False, date(2025, 7, 1), True, A172 + "9"),
    (C.CONG_CHUC, G.LEADERSHIP, F.CACH_CHUC, S.VERY_SERIOUS, False, date(2025, 7, 15), True, A172 + "10"),
    (C.CONG_CHUC, G.LEADERSHIP, F.CACH_CHUC, S.LESS_SERIOUS, True, date(2025, 7, 15), False, A172 + "10"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.BUOC_THOI_VIEC, S.VERY_SERIOUS, False, date(2025, 7, 15), True, A172 + "12"),
    (C.CONG_CHUC, G.PROFESSIONAL, F.BUOC_THOI_VIEC, S.SERIOUS, False, date(2025, 7, 15), False, A172 + "12"),
    # Decree 172/2025 grades three severities only: đặc biệt nghiêm trọng takes no form from July 2025
    (C.CONG_CHUC, G.PROFESSIONAL, F.BUOC_THOI_VIEC, S.EXTREMELY_SERIOUS, False, date(2025, 7, 15), False, A172 + "12"),
]


@pytest.mark.parametrize("category, group, form, severity, aggravated, violation, allowed, article", SEVERITY)
def test_a_discipline_form_must_be_the_one_the_article_gives_for_the_violation_s_severity(
        category, group, form, severity, aggravated, violation, allowed, article):
    case = discipline(form, violation, severity=severity, aggravated=aggravated)
    if allowed:
        imposed, _ = impose(case, official(category), group, [], TODAY)
        assert imposed.severity == severity
    else:
        with pytest.raises(RuleViolation) as error:
            impose(case, official(category), group, [], TODAY)
        assert error.value.rule == "DISCIPLINE_FORM_SEVERITY" and article in error.value.legal_basis
        assert "form" in error.value.fields


def test_ha_bac_luong_is_not_a_form_for_someone_holding_a_leadership_post_decree_112_2020_art_7():
    with pytest.raises(RuleViolation) as error:
        impose(discipline(F.HA_BAC_LUONG, date(2024, 5, 1)), official(C.CONG_CHUC), G.LEADERSHIP, [], TODAY)
    assert error.value.rule == "DISCIPLINE_FORM" and "art. 7" in error.value.legal_basis


def earlier(form, decided, violation_ref=None):
    return discipline(form, date.fromordinal(decided.toordinal() - 30), decided=decided, violation_ref=violation_ref)


REPEAT = [  # (running form decided on, new form, new severity, new violation, allowed, article) - a repeat
    # committed while an earlier decision is still executed takes the next heavier form
    (F.KHIEN_TRACH, date(2024, 1, 10), F.KHIEN_TRACH, S.LESS_SERIOUS, date(2024, 3, 1), False, A112 + "2(3)"),
    (F.KHIEN_TRACH, date(2024, 1, 10), F.CANH_CAO, S.LESS_SERIOUS, date(2024, 3, 1), True, A112 + "2(3)"),
    (F.CANH_CAO, date(2024, 1, 10), F.HA_BAC_LUONG, S.SERIOUS, date(2024, 6, 1), True, A112 + "2(3)"),
    # (b): a heavier new violation takes one step above its own form
    (F.KHIEN_TRACH, date(2024, 1, 10), F.HA_BAC_LUONG, S.SERIOUS, date(2024, 3, 1), True, A112 + "2(3)"),
    (F.KHIEN_TRACH, date(2025, 6, 10), F.CANH_CAO, S.LESS_SERIOUS, date(2025, 7, 20), True, A172 + "2"),
    (F.CANH_CAO, date(2025, 3, 10), F.CANH_CAO, S.SERIOUS, date(2025, 7, 20), False, A172 + "2"),
    (F.CANH_CAO, date(2025, 3, 10), F.BUOC_THOI_VIEC, S.SERIOUS, date(2025, 7, 20), True, A172 + "2"),
    # the decision no longer runs (khiển trách: 6 months, unconfirmed): a first-offence form again
    (F.KHIEN_TRACH, date(2024, 1, 10), F.KHIEN_TRACH, S.LESS_SERIOUS, date(2024, 7, 10), True, A112),
]


@pytest.mark.parametrize("running, running_decided, form, severity, violation, allowed, article", REPEAT)
def test_a_violation_while_a_discipline_is_still_executed_takes_the_next_heavier_form(
        running, running_decided, form, severity, violation, allowed, article):
    before = [earlier(running, running_decided)]
    case = discipline(form, violation, date.fromordinal(violation.toordinal() + 10), severity=severity)
    if allowed:
        imposed, _ = impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, before, TODAY)
        assert imposed.form == form
    else:
        with pytest.raises(RuleViolation) as error:
            impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, before, TODAY)
        assert error.value.rule == "DISCIPLINE_REPEAT_OFFENCE" and article in error.value.legal_basis


def test_the_same_violation_punished_again_is_not_a_repeat_offence_of_itself():
    first = earlier(F.KHIEN_TRACH, date(2024, 12, 20), violation_ref="V-9")
    again = discipline(F.KHIEN_TRACH, date(2024, 12, 21), date(2025, 1, 5), date(2025, 2, 1), violation_ref="V-9")
    imposed, _ = impose(again, official(C.CONG_CHUC), G.PROFESSIONAL, [first], TODAY)
    assert imposed.form == F.KHIEN_TRACH
    with pytest.raises(RuleViolation) as error:   # another violation in the same days is a repeat
        impose(replace(again, violation_ref="V-10"), official(C.CONG_CHUC), G.PROFESSIONAL, [first], TODAY)
    assert error.value.rule == "DISCIPLINE_REPEAT_OFFENCE"


# Before Decree 112/2020 (in force 20 Sep 2020): Law 22/2008 (cán bộ), Decree 34/2011 (công chức), Decree 27/2012
# (viên chức); 24 months of limitation until Law 52/2019 took effect on 1 Jul 2020, 2 / 5 years after it.
BEFORE_DECREE_112 = [  # (category, violation, basis the answer names)
    (C.CAN_BO, date(2017, 3, 10), "Law 22/2008/QH12 arts. 78, 80"),
    (C.CONG_CHUC, date(2017, 3, 10), "Decree 34/2011/NĐ-CP"),
    (C.VIEN_CHUC, date(2017, 3, 10), "Decree 27/2012/NĐ-CP"),
    (C.CONG_CHUC, date(2020, 9, 19), "Decree 34/2011/NĐ-CP"),        # the decree's last day
    (C.VIEN_CHUC, date(2020, 9, 19), "Decree 27/2012/NĐ-CP"),
    (C.CONG_CHUC, date(2020, 9, 20), "Decree 112/2020"),             # Decree 112/2020's first day
    (C.VIEN_CHUC, date(2020, 9, 20), "Decree 112/2020"),
    (C.CAN_BO, date(2020, 9, 20), "Decree 112/2020"),
]


@pytest.mark.parametrize("category, violation, basis", BEFORE_DECREE_112)
def test_a_violation_before_20_sep_2020_is_judged_under_the_act_of_its_category_then_under_decree_112_2020(
        category, violation, basis):
    imposed, events = impose(discipline(F.KHIEN_TRACH, violation), official(category), G.PROFESSIONAL, [], TODAY)
    assert basis in imposed.legal_basis and basis in events[0].legal_basis
    if violation < date(2020, 9, 20):
        assert "Decree 112/2020" not in imposed.legal_basis


def test_a_2017_cong_chuc_violation_is_judged_under_decree_34_2011_with_its_24_month_limitation():
    in_time = discipline(F.CANH_CAO, date(2017, 3, 10), date(2019, 3, 10), date(2019, 4, 1))
    imposed, _ = impose(in_time, official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
    assert imposed.legal_basis.startswith("Decree 34/2011/NĐ-CP")
    with pytest.raises(RuleViolation) as error:   # 24 months and a day: barred, even for cảnh cáo
        impose(replace(in_time, handling_started_on=date(2019, 3, 11)), official(C.CONG_CHUC), G.PROFESSIONAL, [],
               TODAY)
    assert error.value.rule == "DISCIPLINE_LIMITATION" and "Decree 34/2011/NĐ-CP" in error.value.legal_basis
    assert "24 months" in error.value.message


@pytest.mark.parametrize("category, basis", [(C.CAN_BO, "Law 22/2008/QH12"), (C.VIEN_CHUC, "Decree 27/2012/NĐ-CP")])
def test_a_2017_can_bo_or_vien_chuc_violation_has_the_24_month_limitation_of_law_22_2008_or_decree_27_2012(
        category, basis):
    case = discipline(F.KHIEN_TRACH, date(2017, 5, 31), date(2019, 6, 1), date(2019, 6, 20))
    with pytest.raises(RuleViolation) as error:
        impose(case, official(category), G.PROFESSIONAL, [], TODAY)
    assert error.value.rule == "DISCIPLINE_LIMITATION" and basis in error.value.legal_basis
    impose(replace(case, handling_started_on=date(2019, 5, 31)), official(category), G.PROFESSIONAL, [], TODAY)


LAW_52_2019_WINDOW = [  # (form, violation, handling started, barred): 1 Jul - 19 Sep 2020, 2 years / 5 years
    (F.KHIEN_TRACH, date(2020, 6, 30), date(2022, 7, 1), True),     # the day before: still 24 months
    (F.CANH_CAO, date(2020, 6, 30), date(2022, 7, 1), True),
    (F.KHIEN_TRACH, date(2020, 7, 1), date(2022, 7, 1), False),     # 2 years exactly
    (F.KHIEN_TRACH, date(2020, 7, 1), date(2022, 7, 2), True),
    (F.CANH_CAO, date(2020, 7, 1), date(2022, 7, 2), False),        # 5 years for cảnh cáo
    (F.CANH_CAO, date(2020, 9, 19), date(2025, 9, 19), False),
    (F.CANH_CAO, date(2020, 9, 19), date(2025, 9, 20), True),
]


@pytest.mark.parametrize("form, violation, started, barred", LAW_52_2019_WINDOW)
def test_from_1_jul_2020_law_52_2019_sets_the_limitation_while_decree_34_2011_still_gives_the_forms(
        form, violation, started, barred):
    case = discipline(form, violation, started, started)
    if barred:
        with pytest.raises(RuleViolation) as error:
            impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
        assert error.value.rule == "DISCIPLINE_LIMITATION"
    else:
        imposed, _ = impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
        assert imposed.legal_basis == "Decree 34/2011/NĐ-CP (Law 22/2008/QH12 arts. 79-80) with the limitation " \
                                      "of Law 52/2019/QH14"


OLD_HANDLING = [  # (decided, extended, allowed): 2 months from 1 Apr 2017 is 1 Jun, 4 months is 1 Aug
    (date(2017, 6, 1), False, True), (date(2017, 6, 2), False, False),
    (date(2017, 8, 1), True, True), (date(2017, 8, 2), True, False),
]


@pytest.mark.parametrize("decided, extended, allowed", OLD_HANDLING)
def test_before_1_jul_2020_the_handling_time_is_2_months_extendable_to_4_decree_34_2011(decided, extended, allowed):
    case = discipline(F.KHIEN_TRACH, date(2017, 3, 10), date(2017, 4, 1), decided, extended=extended)
    if allowed:
        impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
    else:
        with pytest.raises(RuleViolation) as error:
            impose(case, official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
        assert error.value.rule == "DISCIPLINE_HANDLING_TIME" and "Decree 34/2011" in error.value.legal_basis


OLD_FORMS = [  # (category, form, group, allowed, basis) for a 2017 violation
    (C.CONG_CHUC, F.HA_BAC_LUONG, G.PROFESSIONAL, True, "Decree 34/2011/NĐ-CP"),
    (C.CONG_CHUC, F.GIANG_CHUC, G.LEADERSHIP, True, "Decree 34/2011/NĐ-CP"),
    (C.CAN_BO, F.CACH_CHUC, G.LEADERSHIP, True, "Law 22/2008/QH12"),
    (C.CAN_BO, F.HA_BAC_LUONG, G.PROFESSIONAL, False, "Law 22/2008/QH12"),
    (C.VIEN_CHUC, F.HA_BAC_LUONG, G.PROFESSIONAL, False, "Decree 27/2012/NĐ-CP"),
    (C.VIEN_CHUC, F.BUOC_THOI_VIEC, G.PROFESSIONAL, True, "Decree 27/2012/NĐ-CP"),
    (C.CONG_CHUC, F.HA_BAC_LUONG, G.LEADERSHIP, False, "Decree 34/2011/NĐ-CP"),   # a leader is demoted instead
]


@pytest.mark.parametrize("category, form, group, allowed, basis", OLD_FORMS)
def test_a_2017_violation_takes_the_forms_of_law_22_2008_decree_34_2011_or_decree_27_2012(
        category, form, group, allowed, basis):
    case = discipline(form, date(2017, 3, 10))
    if allowed:
        imposed, _ = impose(case, official(category), group, [], TODAY)
        assert basis in imposed.legal_basis
    else:
        with pytest.raises(RuleViolation) as error:
            impose(case, official(category), group, [], TODAY)
        assert error.value.rule == "DISCIPLINE_FORM" and basis in error.value.legal_basis
        assert "Decree 112/2020" not in error.value.legal_basis


def test_a_2017_severity_refusal_and_repeat_offence_cite_the_older_act_not_decree_112_2020():
    with pytest.raises(RuleViolation) as error:
        impose(discipline(F.KHIEN_TRACH, date(2017, 3, 10), severity=Severity.VERY_SERIOUS),
               official(C.CONG_CHUC), G.PROFESSIONAL, [], TODAY)
    assert error.value.rule == "DISCIPLINE_FORM_SEVERITY" and "Decree 34/2011/NĐ-CP" in error.value.legal_basis
    assert "grades unconfirmed" in error.value.legal_basis
    before = [earlier(F.KHIEN_TRACH, date(2017, 2, 10))]
    with pytest.raises(RuleViolation) as error:
        impose(discipline(F.KHIEN_TRACH, date(2017, 4, 10)), official(C.VIEN_CHUC), G.PROFESSIONAL, before, TODAY)
    assert error.value.rule == "DISCIPLINE_REPEAT_OFFENCE" and "Decree 27/2012/NĐ-CP" in error.value.legal_basis


@pytest.mark.parametrize("category, basis", [(C.CONG_CHUC, "Decree 34/2011/NĐ-CP"), (C.VIEN_CHUC, "Decree 27/2012/NĐ-CP")])
def test_the_2017_demo_s_eight_disciplines_pass_and_cite_the_act_before_decree_112_2020(category, basis):
    for index, (form, severity, month) in enumerate(demo_ratings.DISCIPLINES):
        body = demo_ratings.discipline_body(index, form, severity, month)
        case = discipline(F(form), date.fromisoformat(body["violation_date"]),
                          date.fromisoformat(body["handling_started_on"]), date.fromisoformat(body["decided_on"]),
                          severity=Severity(severity))
        imposed, _ = impose(case, official(category), G.PROFESSIONAL, [], TODAY)
        assert imposed.legal_basis.startswith(basis) and "112/2020" not in imposed.legal_basis
