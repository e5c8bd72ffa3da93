"""Which discipline form each violation severity allows, and the heavier form a repeat offence takes.

Decree 112/2020 (am. 71/2023) arts. 8-14 (cán bộ, công chức) and 15-18 (viên chức) from 20 Sep 2020, Decree
172/2025 from 1 Jul 2025 for cán bộ and công chức. Before 20 Sep 2020: Law 22/2008 art. 78 (cán bộ), Decree
34/2011 (công chức) and Decree 27/2012 arts. 10-13 (viên chức); they describe each form by the conduct it
punishes rather than by the four grades, so the grades of Decree 112/2020 are applied to them, marked
"grades unconfirmed" in the article they cite. Each article names a form for a first violation of a severity, and
the same form for a violation one grade lighter when it falls in the aggravating cases the article lists
(abuse of position, a leader failing their duty, ...): the caller says so with `aggravated`.
Decree 172/2025 grades only three severities (ít nghiêm trọng, nghiêm trọng, rất nghiêm trọng); Decree
112/2020 art. 6(2) (am. 71/2023) also has đặc biệt nghiêm trọng (EXTREMELY_SERIOUS).
Article numbers marked "unconfirmed" were not read in a primary source; the form-per-severity content
comes from public summaries of the decrees.
"""
import calendar
from dataclasses import dataclass, replace
from datetime import date

from services.common.errors import RuleViolation
from services.personnel.domain.enums import Category, DisciplineForm as F, PositionGroup, Severity as S

LEADERS, OTHERS = "LEADERS", "OTHERS"   # a row for holders of a leadership post only, or for everyone else
HEAVINESS = (F.KHIEN_TRACH, F.CANH_CAO, F.HA_BAC_LUONG, F.GIANG_CHUC, F.CACH_CHUC, F.BAI_NHIEM, F.BUOC_THOI_VIEC)
OLD_RULES_END = date(2025, 6, 30)
DECREE_112_IN_FORCE = date(2020, 9, 20)


@dataclass(frozen=True)
class SeverityRow:
    categories: tuple
    form: F
    first: frozenset           # severities a first violation takes this form for
    aggravated: frozenset      # severities it takes this form for only in the article's aggravating cases
    article: str
    holders: str | None = None  # LEADERS / OTHERS / None (anyone)

    def applies(self, category, leader):
        return category in self.categories and self.holders in (None, LEADERS if leader else OTHERS)

    def allows(self, severity, aggravated):
        return severity in self.first or (aggravated and severity in self.aggravated)


CB, CC, VC = (Category.CAN_BO,), (Category.CONG_CHUC,), (Category.VIEN_CHUC,)
CB_CC = CB + CC
D112 = "Decree 112/2020 (am. 71/2023)"
D172 = "Decree 172/2025"
L22 = "Law 22/2008/QH12"
D34 = "Decree 34/2011/NĐ-CP"
D27 = "Decree 27/2012/NĐ-CP"


def _row(categories, form, first, aggravated, article, holders=None):
    return SeverityRow(categories, form, frozenset(first), frozenset(aggravated), article, holders)


OLD_CB_CC_ROWS = (  # violations up to 30 Jun 2025
    _row(CB_CC, F.KHIEN_TRACH, {S.LESS_SERIOUS}, set(), D112 + " art. 8"),
    _row(CB_CC, F.CANH_CAO, {S.SERIOUS}, {S.LESS_SERIOUS}, D112 + " art. 9"),
    _row(CC, F.HA_BAC_LUONG, {S.VERY_SERIOUS}, {S.SERIOUS}, D112 + " art. 10", OTHERS),
    _row(CC, F.GIANG_CHUC, {S.VERY_SERIOUS}, {S.SERIOUS}, D112 + " art. 11 (unconfirmed)", LEADERS),
    _row(CC, F.CACH_CHUC, {S.EXTREMELY_SERIOUS}, {S.VERY_SERIOUS}, D112 + " art. 12 (unconfirmed)", LEADERS),
    # a cán bộ has no rung between cảnh cáo and cách chức (art. 7(1)); grades unconfirmed
    _row(CB, F.CACH_CHUC, {S.VERY_SERIOUS}, {S.SERIOUS}, D112 + " art. 12 (unconfirmed)", LEADERS),
    _row(CB, F.BAI_NHIEM, {S.EXTREMELY_SERIOUS}, {S.VERY_SERIOUS}, D112 + " art. 13 (unconfirmed)"),
    _row(CC, F.BUOC_THOI_VIEC, {S.EXTREMELY_SERIOUS}, {S.VERY_SERIOUS}, D112 + " art. 14 (unconfirmed)"),
)
VIEN_CHUC_ROWS = (  # Decree 112/2020 still governs viên chức (inferred in docs/domain.md)
    _row(VC, F.KHIEN_TRACH, {S.LESS_SERIOUS}, set(), D112 + " art. 15 (unconfirmed)"),
    _row(VC, F.CANH_CAO, {S.SERIOUS}, {S.LESS_SERIOUS}, D112 + " art. 16 (unconfirmed)"),
    _row(VC, F.CACH_CHUC, {S.VERY_SERIOUS}, {S.SERIOUS}, D112 + " art. 17 (unconfirmed)", LEADERS),
    _row(VC, F.BUOC_THOI_VIEC, {S.EXTREMELY_SERIOUS}, {S.VERY_SERIOUS}, D112 + " art. 18 (unconfirmed)", LEADERS),
    # without a managerial post there is no cách chức: the next rung after cảnh cáo (unconfirmed)
    _row(VC, F.BUOC_THOI_VIEC, {S.VERY_SERIOUS, S.EXTREMELY_SERIOUS}, set(), D112 + " art. 18 (unconfirmed)",
         OTHERS),
)
NEW_CB_CC_ROWS = (  # violations from 1 Jul 2025: three grades, no hạ bậc lương / giáng chức
    _row(CB_CC, F.KHIEN_TRACH, {S.LESS_SERIOUS}, set(), D172 + " art. 8"),
    _row(CB_CC, F.CANH_CAO, {S.SERIOUS}, {S.LESS_SERIOUS}, D172 + " art. 9 (unconfirmed)"),
    _row(CB_CC, F.CACH_CHUC, {S.VERY_SERIOUS}, {S.SERIOUS}, D172 + " art. 10 (unconfirmed)", LEADERS),
    _row(CB, F.BAI_NHIEM, {S.VERY_SERIOUS}, set(), D172 + " art. 11 (unconfirmed)"),
    _row(CC, F.BUOC_THOI_VIEC, {S.VERY_SERIOUS}, set(), D172 + " art. 12 (unconfirmed)"),
)
def _before_decree_112(rows, act, articles):
    """The rows of Decree 112/2020 citing the older act's article for each form (grades unconfirmed)."""
    return tuple(replace(r, article="{} {} (grades unconfirmed)".format(act, articles[r.form])) for r in rows)


CAN_BO_2008_ROWS = _before_decree_112([r for r in OLD_CB_CC_ROWS if Category.CAN_BO in r.categories], L22,
                                      dict.fromkeys(HEAVINESS, "art. 78"))
# Decree 34/2011 art. 8 lists the forms; the article of each form is unconfirmed.
CONG_CHUC_2011_ROWS = _before_decree_112([r for r in OLD_CB_CC_ROWS if Category.CONG_CHUC in r.categories], D34,
                                         dict.fromkeys(HEAVINESS, "art. 8 (article of the form unconfirmed)"))
VIEN_CHUC_2012_ROWS = _before_decree_112(VIEN_CHUC_ROWS, D27, {
    F.KHIEN_TRACH: "art. 10", F.CANH_CAO: "art. 11", F.CACH_CHUC: "art. 12", F.BUOC_THOI_VIEC: "art. 13"})
REPEAT_BASIS = {D112: D112 + " art. 2(3)", D172: D172 + " art. 2 (repeat offence; unconfirmed paragraph)",
                # one form heavier for a violation while a discipline runs: the older acts' paragraph unconfirmed
                L22: L22 + " (repeat offence; unconfirmed article)", D34: D34 + " art. 2 (repeat offence; unconfirmed)",
                D27: D27 + " art. 3 (repeat offence; unconfirmed)"}
# How long a decision is "being executed" (đang trong thời gian thi hành kỷ luật), in months from the
# decision: unconfirmed; the restriction periods of Law 22/2008 art. 82 (am. 52/2019) are used.
IN_EFFECT_MONTHS = {F.KHIEN_TRACH: 6, F.CANH_CAO: 12, F.HA_BAC_LUONG: 12, F.GIANG_CHUC: 24, F.CACH_CHUC: 24}


def rows_for(category, violation_date):
    if violation_date < DECREE_112_IN_FORCE:
        return {Category.CAN_BO: CAN_BO_2008_ROWS, Category.CONG_CHUC: CONG_CHUC_2011_ROWS,
                Category.VIEN_CHUC: VIEN_CHUC_2012_ROWS}[category]
    if category == Category.VIEN_CHUC:
        return VIEN_CHUC_ROWS
    return OLD_CB_CC_ROWS if violation_date <= OLD_RULES_END else NEW_CB_CC_ROWS


def _add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def in_effect_on(earlier, day):
    """The heaviest earlier discipline still being executed on `day` (None when there is none)."""
    running = [d for d in earlier if d.form in IN_EFFECT_MONTHS
               and d.decided_on <= day < _add_months(d.decided_on, IN_EFFECT_MONTHS[d.form])]
    return max(running, key=lambda d: HEAVINESS.index(d.form), default=None)


def check_severity(discipline, category, position_group, earlier):
    """Rule: the form must be one the article allows for the severity; a repeat takes the next heavier."""
    leader = position_group == PositionGroup.LEADERSHIP
    rows = [r for r in rows_for(category, discipline.violation_date) if r.applies(category, leader)]
    warranted = [r for r in rows if r.allows(discipline.severity, discipline.aggravated)]
    running = in_effect_on([d for d in earlier if d.violation_ref is None or
                            d.violation_ref != discipline.violation_ref], discipline.violation_date)
    if running is not None:
        allowed = _heavier_forms(rows, running.form, warranted)
        if discipline.form not in allowed:
            basis = REPEAT_BASIS[next(act for act in REPEAT_BASIS if rows[0].article.startswith(act))]
            raise RuleViolation(
                "a violation committed while the {} of {} is still being executed takes a form one step "
                "heavier".format(running.form.value, running.decided_on), rule="DISCIPLINE_REPEAT_OFFENCE",
                legal_basis=basis, fields={"form": ["allowed: " + ", ".join(f.value for f in allowed)]})
        return
    if not any(r.form == discipline.form for r in warranted):
        articles = [r.article for r in rows if r.form == discipline.form] or [r.article for r in warranted]
        raise RuleViolation("{} is not the form for a {} violation{}".format(
            discipline.form.value, discipline.severity.value, "" if discipline.aggravated else
            " (without aggravating circumstances)"), rule="DISCIPLINE_FORM_SEVERITY",
            legal_basis="; ".join(articles) or rows[0].article.split(" art.")[0],
            fields={"form": ["allowed for {}: {}".format(discipline.severity.value, ", ".join(
                r.form.value for r in warranted) or "none: the rules valid on that date grade violations " +
                ", ".join(sorted({g.value for r in rows for g in r.first})))]})


def _heavier_forms(rows, running_form, warranted):
    """One step above the heavier of the running form and the form the new violation warrants
    (Decree 112/2020 art. 2(3)(a) and (b)); the heaviest form stays the heaviest."""
    ladder = sorted({r.form for r in rows}, key=HEAVINESS.index)
    bases = [f.form for f in warranted] or [running_form]
    allowed = []
    for base in bases:
        floor = max(HEAVINESS.index(base), HEAVINESS.index(running_form))
        step = next((f for f in ladder if HEAVINESS.index(f) > floor), ladder[-1])
        if step not in allowed:
            allowed.append(step)
    return allowed
