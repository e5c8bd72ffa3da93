"""Discipline (kỷ luật) of cán bộ, công chức and viên chức: DOMAIN rules 2, 6 and 7.

Which rules apply is decided by the date of the violation (DOMAIN: "the system applies the set
valid on the date of the fact"): a 2024 violation of a công chức may still be punished by hạ bậc
lương; a violation from 1 Jul 2025 may not (Decree 172/2025 removed hạ bậc lương and giáng chức
for cán bộ and công chức). Viên chức keep Decree 112/2020 as amended by Decree 71/2023 (inferred
in DOMAIN.md).
"""
from dataclasses import dataclass, replace
from datetime import date

from services.common.dates import future_date_problem
from services.common.domain_event import DomainEvent
from services.common.errors import Invalid, RuleViolation
from services.personnel.domain.discipline_severity import check_severity
from services.personnel.domain.enums import Category, DisciplineForm as F, PositionGroup

OLD_CB_CC = "Law 22/2008 (am. 52/2019); Decree 112/2020 (am. 71/2023)"
NEW_CB_CC = "Law 80/2025/QH15; Decree 172/2025"
VIEN_CHUC = "Decree 112/2020 (am. 71/2023)"
LEADERSHIP_ONLY = {F.GIANG_CHUC, F.CACH_CHUC}   # only someone holding a leadership post can lose it
NON_LEADERSHIP_ONLY = {F.HA_BAC_LUONG}          # a leader is demoted instead (Decree 112/2020 art. 7(2)-(3))


@dataclass(frozen=True)
class DisciplineRuleSet:
    legal_basis: str
    valid_from: date
    valid_to: date | None
    forms: dict                      # Category -> tuple of DisciplineForm
    handling_days: int = 90          # handling time, from opening the case to the decision
    extended_days: int = 150         # for complex cases
    light_limitation_years: int = 5  # violations warranting khiển trách
    limitation_years: int = 10       # every other violation

    def in_force(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


# The first sets also serve violations older than them (only the no-limitation classes reach that far):
# they are the earliest rules the platform records.
RULE_SETS = (
    DisciplineRuleSet(OLD_CB_CC, date.min, date(2025, 6, 30), {
        Category.CAN_BO: (F.KHIEN_TRACH, F.CANH_CAO, F.CACH_CHUC, F.BAI_NHIEM),
        Category.CONG_CHUC: (F.KHIEN_TRACH, F.CANH_CAO, F.HA_BAC_LUONG, F.GIANG_CHUC, F.CACH_CHUC,
                             F.BUOC_THOI_VIEC)}),
    DisciplineRuleSet(NEW_CB_CC, date(2025, 7, 1), None, {
        Category.CAN_BO: (F.KHIEN_TRACH, F.CANH_CAO, F.CACH_CHUC, F.BAI_NHIEM),
        Category.CONG_CHUC: (F.KHIEN_TRACH, F.CANH_CAO, F.CACH_CHUC, F.BUOC_THOI_VIEC)}),
    DisciplineRuleSet(VIEN_CHUC, date.min, None, {
        Category.VIEN_CHUC: (F.KHIEN_TRACH, F.CANH_CAO, F.CACH_CHUC, F.BUOC_THOI_VIEC)}),
)


def rule_set_for(category, violation_date):
    for rule_set in RULE_SETS:
        if category in rule_set.forms and rule_set.in_force(violation_date):
            return rule_set
    raise RuleViolation("no discipline rules apply to {} on {}: contract staff are handled under their "
                        "contract".format(category.value, violation_date), rule="DISCIPLINE_CATEGORY",
                        legal_basis="Decree 173/2025; " + NEW_CB_CC, fields={"form": ["not applicable"]})


def check_form(rule_set, category, form, position_group):
    """Rule: only the forms of the set valid on the violation date, for that category."""
    if form not in rule_set.forms[category]:
        raise RuleViolation("{} is not a discipline form for {} for a violation on that date".format(
            form.value, category.value), rule="DISCIPLINE_FORM", legal_basis=rule_set.legal_basis,
            fields={"form": ["allowed: " + ", ".join(f.value for f in rule_set.forms[category])]})
    if form in LEADERSHIP_ONLY and position_group != PositionGroup.LEADERSHIP:
        raise RuleViolation("{} applies only to someone holding a leadership post".format(form.value),
                            rule="DISCIPLINE_FORM", legal_basis=rule_set.legal_basis,
                            fields={"form": ["the official's position is not a leadership post"]})
    if form in NON_LEADERSHIP_ONLY and position_group == PositionGroup.LEADERSHIP:
        raise RuleViolation("{} applies only to someone without a leadership post".format(form.value),
                            rule="DISCIPLINE_FORM", legal_basis="Decree 112/2020 art. 7(2)-(3)",
                            fields={"form": ["the official holds a leadership post"]})


def check_limitation(rule_set, discipline):
    """Statute of limitations: 5 years (khiển trách), 10 otherwise, none for four classes (rule 6)."""
    if discipline.no_limitation_class is not None:
        return
    years = rule_set.light_limitation_years if discipline.form == F.KHIEN_TRACH else rule_set.limitation_years
    violation = discipline.violation_date
    try:
        barred_after = violation.replace(year=violation.year + years)
    except ValueError:          # 29 February
        barred_after = date(violation.year + years, 3, 1)
    if discipline.handling_started_on > barred_after:
        raise RuleViolation("the violation is time-barred: handling began more than {} years after it".format(
            years), rule="DISCIPLINE_LIMITATION", legal_basis=rule_set.legal_basis,
            fields={"violation_date": ["time-barred since {}".format(barred_after)]})


def check_handling_time(rule_set, discipline):
    """Handling time <= 90 days, 150 when extended; deferral periods do not count (rule 6)."""
    start, end = discipline.handling_started_on, discipline.decided_on
    deferred = sum(d.days_within(start, end) for d in discipline.deferrals)
    limit = rule_set.extended_days if discipline.extended else rule_set.handling_days
    used = (end - start).days - deferred
    if used > limit:
        raise RuleViolation("the handling took {} days, beyond the limit of {}".format(used, limit),
                            rule="DISCIPLINE_HANDLING_TIME", legal_basis=rule_set.legal_basis,
                            fields={"decided_on": ["more than {} days after handling began".format(limit)]})


def check_not_deferred(rule_set, discipline):
    """No decision while the official is ill in hospital, pregnant / on maternity, or detained (rule 6)."""
    for deferral in discipline.deferrals:
        if deferral.covers(discipline.decided_on):
            raise RuleViolation("discipline is deferred ({}) on the decision date".format(deferral.reason.value),
                                rule="DISCIPLINE_DEFERRED", legal_basis=rule_set.legal_basis,
                                fields={"decided_on": ["within a deferral period"]})


def check_dates(discipline, today):
    errors = {}
    if discipline.violation_date > discipline.handling_started_on:
        errors["handling_started_on"] = ["must not be before the violation"]
    if discipline.handling_started_on > discipline.decided_on:
        errors["decided_on"] = ["must not be before handling began"]
    if future_date_problem(discipline.decided_on, today):
        errors.setdefault("decided_on", []).append(future_date_problem(discipline.decided_on, today))
    for deferral in discipline.deferrals:
        if deferral.end and deferral.end < deferral.start:
            errors["deferrals"] = ["a deferral must not end before it starts"]
    if errors:
        raise Invalid("the dates of the discipline are not consistent", fields=errors)


def impose(discipline, official, position_group, earlier, today):
    """Validate a discipline against the rules valid on the violation date and announce it.

    `earlier`: the official's disciplines already recorded. A violation punished twice (same
    violation_ref) counts for the evaluation only in the year of its first decision (rule 2).
    """
    check_dates(discipline, today)
    rule_set = rule_set_for(official.category, discipline.violation_date)
    check_form(rule_set, official.category, discipline.form, position_group)
    check_severity(discipline, official.category, position_group, earlier)
    check_limitation(rule_set, discipline)
    check_not_deferred(rule_set, discipline)
    check_handling_time(rule_set, discipline)
    counted_before = discipline.violation_ref and any(
        d.violation_ref == discipline.violation_ref and d.counts_in_year for d in earlier)
    discipline = replace(discipline, category=official.category, legal_basis=rule_set.legal_basis,
                         counts_in_year=None if counted_before else discipline.decided_on.year)
    return discipline, [DomainEvent("discipline_imposed", discipline.id, {
        "discipline_id": discipline.id, "official_id": discipline.official_id, "unit_id": discipline.unit_id,
        "form": discipline.form, "severity": discipline.severity, "decided_on": discipline.decided_on,
        "violation_date": discipline.violation_date, "counts_in_year": discipline.counts_in_year,
        "review_id": discipline.review_id, "legal_basis": discipline.legal_basis})]
