"""Standards of a job position (Circular 02/2021/TT-BNV rank standards; docs/domain.md levels)."""
from datetime import date

import pytest

from services.personnel.domain.enums import QualificationKind as K
from services.personnel.domain.standards import Qualification, Requirement, evaluate_standards

POLITICAL_TRUNG_CAP = Requirement(K.POLITICAL_THEORY, "TRUNG_CAP")


def held(kind, level, on=date(2020, 1, 1)):
    return Qualification(kind, level, on)


def test_an_official_without_the_required_political_theory_misses_that_item():
    status = evaluate_standards([held(K.EDUCATION, "DAI_HOC")], [POLITICAL_TRUNG_CAP], date(2024, 1, 1))
    assert not status.met
    assert [(g.kind, g.required_level, g.held_level) for g in status.missing] == [
        (K.POLITICAL_THEORY, "TRUNG_CAP", None)]


def test_a_higher_level_satisfies_a_lower_requirement():
    status = evaluate_standards([held(K.POLITICAL_THEORY, "CAO_CAP")], [POLITICAL_TRUNG_CAP], date(2024, 1, 1))
    assert status.met and status.missing == []


def test_cu_nhan_chinh_tri_counts_as_cao_cap():
    status = evaluate_standards([held(K.POLITICAL_THEORY, "CU_NHAN")],
                                [Requirement(K.POLITICAL_THEORY, "CAO_CAP")], date(2024, 1, 1))
    assert status.met


def test_a_lower_level_is_reported_with_the_level_held():
    status = evaluate_standards([held(K.POLITICAL_THEORY, "SO_CAP")], [POLITICAL_TRUNG_CAP], date(2024, 1, 1))
    assert status.missing[0].held_level == "SO_CAP"


def test_a_qualification_obtained_after_the_date_does_not_count_yet():
    later = held(K.POLITICAL_THEORY, "TRUNG_CAP", on=date(2025, 6, 30))
    assert not evaluate_standards([later], [POLITICAL_TRUNG_CAP], date(2025, 6, 29)).met
    assert evaluate_standards([later], [POLITICAL_TRUNG_CAP], date(2025, 6, 30)).met


def test_every_requirement_is_checked_and_each_gap_listed():
    requirements = [POLITICAL_TRUNG_CAP, Requirement(K.EDUCATION, "DAI_HOC"),
                    Requirement(K.STATE_MANAGEMENT, "CHUYEN_VIEN")]
    status = evaluate_standards([held(K.EDUCATION, "THAC_SI")], requirements, date(2024, 1, 1))
    assert [g.kind for g in status.missing] == [K.POLITICAL_THEORY, K.STATE_MANAGEMENT]


SKILLS = [  # (requirement, held, met) - IT and foreign language are skills the position asks for (docs/domain.md)
    (Requirement(K.IT_SKILL, "BASIC"), [held(K.IT_SKILL, "ADVANCED")], True),
    (Requirement(K.FOREIGN_LANGUAGE, "BAC_3"), [held(K.FOREIGN_LANGUAGE, "BAC_2")], False),
    (Requirement(K.EDUCATION, "DAI_HOC", field_of_study="Luật"),
     [Qualification(K.EDUCATION, "THAC_SI", date(2015, 1, 1), field_of_study="Kinh tế")], False),
    (Requirement(K.EDUCATION, "DAI_HOC", field_of_study="luật"),
     [Qualification(K.EDUCATION, "DAI_HOC", date(2015, 1, 1), field_of_study="Luật kinh tế")], True),
]


@pytest.mark.parametrize("requirement, holding, met", SKILLS)
def test_skills_and_fields_of_study_are_checked_circular_02_2021_and_the_job_position(requirement, holding, met):
    assert evaluate_standards(holding, [requirement], date(2024, 1, 1)).met is met


def test_an_effective_dated_requirement_counts_only_in_its_period():
    until_2024 = Requirement(K.STATE_MANAGEMENT, "CHUYEN_VIEN", valid_to=date(2024, 12, 31))
    assert not evaluate_standards([], [until_2024], date(2024, 6, 1)).met
    assert evaluate_standards([], [until_2024], date(2025, 7, 1)).met
