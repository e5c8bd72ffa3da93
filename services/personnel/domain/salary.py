"""Salary steps (bậc lương): a step rises every 36 months for college degree and above, every 24
months below that, every 60 months for chuyên gia cao cấp (docs/domain.md, "Rank ... Salary step")."""
from datetime import date

from services.personnel.domain.enums import QualificationKind, Rank
from services.personnel.domain.standards import LEVEL_ORDER, best_level

COLLEGE = LEVEL_ORDER[QualificationKind.EDUCATION]["CAO_DANG"]


def step_interval_months(rank, qualifications, as_of):
    if rank == Rank.SENIOR_EXPERT.value:
        return 60
    education = best_level(qualifications, QualificationKind.EDUCATION, as_of)
    if education is not None and LEVEL_ORDER[QualificationKind.EDUCATION][education] >= COLLEGE:
        return 36
    return 24


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue


def next_step_due(official):
    since = official.salary_step_since or official.service_start_date
    return add_months(since, step_interval_months(official.rank, official.qualifications, since))
