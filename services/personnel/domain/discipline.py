"""Discipline (kỷ luật) of cán bộ, công chức and viên chức: docs/domain.md rules 2, 6 and 7.

Which rules apply is decided by the date of the violation (DOMAIN: "the system applies the set
valid on the date of the fact"); the rule sets, oldest first:
- until 30 Jun 2020: Law 22/2008/QH12 arts. 78 and 80 (cán bộ), Decree 34/2011/NĐ-CP (công chức),
  Decree 27/2012/NĐ-CP (viên chức): a 24-month limitation (thời hiệu) for every form and a handling time
  (thời hạn) of 2 months, 4 for a complex case;
- 1 Jul - 19 Sep 2020: the same forms, but the limitation of Law 52/2019/QH14 (in force 1 Jul 2020): 2 years
  for a violation warranting khiển trách, 5 years otherwise; its handling time of 90 / 150 days (unconfirmed);
- 20 Sep 2020 - 30 Jun 2025: Decree 112/2020 (am. 71/2023) for everyone; from 1 Jul 2025 Law 80/2025 and
  Decree 172/2025 for cán bộ and công chức (no more hạ bậc lương nor giáng chức); viên chức keep Decree
  112/2020 (inferred in docs/domain.md).
A 2024 violation of a công chức may still be punished by hạ bậc lương; a violation from 1 Jul 2025 may not.
"""
import calendar
from dataclasses import dataclass, replace
from datetime import date

from services.common.dates import future_date_problem
from services.common.errors import Invalid, RuleViolation
from services.personnel.domain.discipline_severity import check_severity
from services.personnel.domain.enums import Category, DisciplineForm as F, PositionGroup
from services.personnel.domain.events import DisciplineImposed

# Before Decree 112/2020 (in force 20 Sep 2020) each category had its own act.
CAN_BO_2008 = "Law 22/2008/QH12 arts. 78, 80"                        # Luật Cán bộ, công chức 2008
CONG_CHUC_2011 = "Decree 34/2011/NĐ-CP (Law 22/2008/QH12 arts. 79-80)"
VIEN_CHUC_2012 = "Decree 27/2012/NĐ-CP arts. 7-9"
LAW_52_2019 = " with the limitation of Law 52/2019/QH14"            # amended art. 80 from 1 Jul 2020
OLD_CB_CC = "Law 22/2008 (am. 52/2019); Decree 112/2020 (am. 71/2023)"
NEW_CB_CC = "Law 80/2025/QH15; Decree 172/2025"
VIEN_CHUC = "Decree 112/2020 (am. 71/2023)"
LEADERSHIP_ONLY = {F.GIANG_CHUC, F.CACH_CHUC}   # only someone holding a leadership post can lose it
NON_LEADERSHIP_ONLY = {F.HA_BAC_LUONG}          # a leader is demoted instead
LAW_52_2019_IN_FORCE = date(2020, 7, 1)
DECREE_112_IN_FORCE = date(2020, 9, 20)
CAN_BO_FORMS = (F.KHIEN_TRACH, F.CANH_CAO, F.CACH_CHUC, F.BAI_NHIEM)              # Law 22/2008 art. 78
CONG_CHUC_FORMS = (F.KHIEN_TRACH, F.CANH_CAO, F.HA_BAC_LUONG, F.GIANG_CHUC, F.CACH_CHUC,
                   F.BUOC_THOI_VIEC)                                               # Law 22/2008 art. 79
VIEN_CHUC_FORMS = (F.KHIEN_TRACH, F.CANH_CAO, F.CACH_CHUC, F.BUOC_THOI_VIEC)      # Decree 27/2012 art. 9


@dataclass(frozen=True)
class DisciplineRuleSet:
    legal_basis: str
    valid_from: date
    valid_to: date | None
    forms: dict                      # Category -> tuple of DisciplineForm
    handling_days: int = 90          # handling time, from opening the case to the decision
    extended_days: int = 150         # for complex cases
    handling_months: int | None = None   # the older acts count the handling time in months instead
    extended_months: int | None = None
    light_limitation_months: int = 60    # violations warranting khiển trách
    limitation_months: int = 120         # every other violation
    leadership_basis: str = "Decree 112/2020 art. 7(2)-(3)"   # hạ bậc lương only without a leadership post

    def in_force(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def handling_limit(self, start, extended):
        """The handling time in days from `start`: months (older acts) are counted on the calendar."""
        months = self.extended_months if extended else self.handling_months
        if months is None:
            return self.extended_days if extended else self.handling_days
        return (add_months(start, months) - start).days


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _before_decree_112(valid_from, valid_to, suffix="", **periods):
    """The three acts that preceded Decree 112/2020, one rule set each (same dates, same periods)."""
    # Decree 34/2011 and 27/2012 restrict hạ bậc lương / giáng chức / cách chức like Decree 112/2020
    # art. 7 does; the article is unconfirmed.
    return tuple(DisciplineRuleSet(basis + suffix, valid_from, valid_to, {category: forms},
                                   leadership_basis=basis + " (leadership-post article unconfirmed)", **periods)
                 for basis, category, forms in ((CAN_BO_2008, Category.CAN_BO, CAN_BO_FORMS),
                                                (CONG_CHUC_2011, Category.CONG_CHUC, CONG_CHUC_FORMS),
                                                (VIEN_CHUC_2012, Category.VIEN_CHUC, VIEN_CHUC_FORMS)))


# The first sets also serve violations older than them (Decree 34/2011 took effect in 2011, Decree 27/2012 in
# 2012): they are the earliest rules the platform records.
RULE_SETS = (
    # 24 months for every form; 2 months, 4 when a complex case needs inspection or verification (Law 22/2008
    # art. 80 before Law 52/2019; Decree 34/2011; Decree 27/2012 arts. 7-8).
    *_before_decree_112(date.min, LAW_52_2019_IN_FORCE - date.resolution, handling_months=2, extended_months=4,
                        light_limitation_months=24, limitation_months=24),
    # Law 52/2019 amended art. 80 from 1 Jul 2020 while the decrees stayed in force until 19 Sep 2020: 2 years
    # (khiển trách) / 5 years. Its handling time of 90 / 150 days is unconfirmed (the values Decree 112/2020
    # applies are taken).
    *_before_decree_112(LAW_52_2019_IN_FORCE, DECREE_112_IN_FORCE - date.resolution, LAW_52_2019,
                        light_limitation_months=24, limitation_months=60),
    # 5 years (khiển trách) / 10 years from 20 Sep 2020: unconfirmed for the first years. Public summaries of Decree
    # 112/2020 as issued give Law 52/2019's 2 / 5 years; which act raised them to 5 / 10 and from when was not
    # found, so the later values are kept for the whole set.
    DisciplineRuleSet(OLD_CB_CC, DECREE_112_IN_FORCE, date(2025, 6, 30), {
        Category.CAN_BO: CAN_BO_FORMS, Category.CONG_CHUC: CONG_CHUC_FORMS}),
    DisciplineRuleSet(NEW_CB_CC, date(2025, 7, 1), None, {
        Category.CAN_BO: (F.KHIEN_TRACH, F.CANH_CAO, F.CACH_CHUC, F.BAI_NHIEM),
        Category.CONG_CHUC: (F.KHIEN_TRACH, F.CANH_CAO, F.CACH_CHUC, F.BUOC_THOI_VIEC)}),
    DisciplineRuleSet(VIEN_CHUC, DECREE_112_IN_FORCE, None, {Category.VIEN_CHUC: VIEN_CHUC_FORMS}),
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
                            rule="DISCIPLINE_FORM", legal_basis=rule_set.leadership_basis,
                            fields={"form": ["the official holds a leadership post"]})


def check_limitation(rule_set, discipline):
    """Statute of limitations (rule 6): the set's period for khiển trách or for the other forms (24 months for
    all before 1 Jul 2020; 5 / 10 years lately); none for the four no-limitation classes."""
    if discipline.no_limitation_class is not None:
        return
    months = rule_set.light_limitation_months if discipline.form == F.KHIEN_TRACH else rule_set.limitation_months
    barred_after = add_months(discipline.violation_date, months)
    if discipline.violation_date.day > barred_after.day:   # 29 February + whole years: barred after 1 March
        barred_after += date.resolution
    if discipline.handling_started_on > barred_after:
        raise RuleViolation("the violation is time-barred: handling began more than {} after it".format(
            _period(months)), rule="DISCIPLINE_LIMITATION", legal_basis=rule_set.legal_basis,
            fields={"violation_date": ["time-barred since {}".format(barred_after)]})


def _period(months):
    return "{} years".format(months // 12) if months % 12 == 0 and months > 24 else "{} months".format(months)


def check_handling_time(rule_set, discipline):
    """Handling time <= 90 days, 150 when extended (2 / 4 months before 1 Jul 2020); deferral periods do not
    count (rule 6)."""
    start, end = discipline.handling_started_on, discipline.decided_on
    deferred = sum(d.days_within(start, end) for d in discipline.deferrals)
    limit = rule_set.handling_limit(start, discipline.extended)
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
    return discipline, [DisciplineImposed(
        subject=discipline.id, discipline_id=discipline.id, official_id=discipline.official_id,
        unit_id=discipline.unit_id, form=discipline.form, severity=discipline.severity,
        decided_on=discipline.decided_on, violation_date=discipline.violation_date,
        counts_in_year=discipline.counts_in_year, review_id=discipline.review_id,
        legal_basis=discipline.legal_basis)]
