"""Which rules apply to a promotion round (thi / xét nâng ngạch công chức, thăng hạng chức danh nghề nghiệp viên
chức) and to a leadership appointment (bổ nhiệm, bổ nhiệm lại): effective-dated tables, chosen by the date of the
fact (a round's announcement day, an appointment's effective day). docs/domain.md rules 13 and 14.

Confirmed from the project's domain reference (../shared/DOMAIN.md and its public legal summaries): which decree
governs which period, as for recruitment (công chức: Decree 24/2010 am. 161/2018, Decree 138/2020 from 27 Nov
2020, Decree 170/2025 from 1 Jul 2025; viên chức: Decree 29/2012 am. 161/2018, then Decree 115/2020 am.
85/2023); promotion by exam (thi) or by selection (xét); appointment for a term of 5 years. Everything else
(article numbers, years in the current rank, pass marks, the dates marked, the 90 days' notice before a term
ends, the rounds of a competitive selection of leaders) is marked "unconfirmed": no primary text was checked;
the values are the ones commonly quoted. Each lives in one named constant of this module.

Not modelled: the years "in an equivalent rank" some sets count (only the time in the current rank, read from the
service history's RANK records, counts), ratings of the previous years, discipline in progress, the unit's job
position needing the higher rank (Decree 85/2023), the sector-specific title standards of viên chức (the
administrative ranks' standards apply to viên chức holding them: the seed's "viên chức hành chính"), and the
extension of a term to retirement age.
"""
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from services.common.errors import RuleViolation
from services.personnel.domain.enums import Category, Rank
from services.personnel.domain.recruitment_rules import (DECREE_24_2010, DECREE_29_2012, DECREE_115_85,
                                                         DECREE_115_2020, DECREE_138_2020, DECREE_170_2025,
                                                         PASS_MARK, UNCONFIRMED, RecruitmentMethod, Round)

PromotionMethod = RecruitmentMethod      # EXAM: thi nâng ngạch / thăng hạng; SELECTION: xét nâng ngạch / thăng hạng

# The administrative ranks, lowest first: a promotion goes one rank up.
RANK_LADDER = (Rank.STAFF, Rank.OFFICER, Rank.SPECIALIST, Rank.PRINCIPAL_SPECIALIST, Rank.SENIOR_SPECIALIST)
# Years in the current rank to sit for the next one (unconfirmed: the values quoted for Circular 11/2014 and
# Circular 02/2021's "từ đủ 9 năm (chuyên viên chính), 6 năm (chuyên viên cao cấp), 3 năm (chuyên viên, cán sự)";
# the sets count equivalent ranks too, which the code does not).
YEARS_IN_RANK = {Rank.SENIOR_SPECIALIST: 6, Rank.PRINCIPAL_SPECIALIST: 9, Rank.SPECIALIST: 3, Rank.OFFICER: 3}
YEARS_IN_RANK_OTHER = 3     # a title outside the administrative ladder (viên chức hạng): unconfirmed


def _round(number, label, counts=True):
    return Round(number, label, PASS_MARK, counts)


def unpassed_earlier_round(rounds, score_of, number):
    """(round, score held) of the first round before `number` not passed (a round is sat only after passing the
    earlier ones), or None."""
    for earlier in rounds:
        if earlier.number >= number:
            return None
        held = score_of(earlier.number)
        if held is None or held < earlier.pass_mark:
            return earlier, held
    return None


OLD_PROMOTION_ROUNDS = {
    PromotionMethod.EXAM: (_round(1, "Thi kiến thức chung"), _round(2, "Thi chuyên môn, nghiệp vụ")),
    PromotionMethod.SELECTION: (_round(1, "Xét hồ sơ, đánh giá của Hội đồng"),),
}
NEW_PROMOTION_ROUNDS = {
    PromotionMethod.EXAM: (_round(1, "Môn kiến thức chung (trắc nghiệm)", counts=False),
                           _round(2, "Môn chuyên môn, nghiệp vụ")),
    PromotionMethod.SELECTION: (_round(1, "Xét hồ sơ, đánh giá của Hội đồng"),),
}


@dataclass(frozen=True)
class PromotionRuleSet:
    legal_basis: str
    category: Category
    valid_from: date
    valid_to: date | None
    rounds: dict                       # PromotionMethod -> tuple of Round
    years_in_rank: dict = field(default_factory=lambda: dict(YEARS_IN_RANK))
    articles: str = "articles unconfirmed"
    dates_status: str = UNCONFIRMED

    def applies_to(self, category, day):
        return category == self.category and self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def rounds_of(self, method):
        return self.rounds[method]

    def years_for(self, target_rank):
        return self.years_in_rank.get(target_rank, YEARS_IN_RANK_OTHER)

    @property
    def source(self):
        return "{} ({})".format(self.legal_basis, self.articles)


PROMOTION_RULE_SETS = (
    PromotionRuleSet(DECREE_24_2010, Category.CONG_CHUC, date(2010, 6, 1), date(2020, 11, 26), OLD_PROMOTION_ROUNDS,
                     articles="nâng ngạch: Chapter V, arts. 29-35 (unconfirmed)",
                     dates_status="end confirmed (138/2020 from 27 Nov 2020); start unconfirmed"),
    PromotionRuleSet(DECREE_138_2020, Category.CONG_CHUC, date(2020, 11, 27), date(2025, 6, 30), NEW_PROMOTION_ROUNDS,
                     articles="nâng ngạch: arts. 29-40 (unconfirmed)", dates_status="confirmed"),
    PromotionRuleSet(DECREE_170_2025, Category.CONG_CHUC, date(2025, 7, 1), None, NEW_PROMOTION_ROUNDS,
                     articles="nâng ngạch (articles unconfirmed; the 138/2020 rounds carried over)",
                     dates_status="confirmed"),
    PromotionRuleSet(DECREE_29_2012, Category.VIEN_CHUC, date(2012, 6, 1), date(2020, 9, 24), OLD_PROMOTION_ROUNDS,
                     articles="thăng hạng: arts. 29-34 (unconfirmed)"),
    PromotionRuleSet(DECREE_115_2020, Category.VIEN_CHUC, date(2020, 9, 25), date(2023, 12, 6), NEW_PROMOTION_ROUNDS,
                     articles="thăng hạng: arts. 29-43 (unconfirmed)"),
    PromotionRuleSet(DECREE_115_85, Category.VIEN_CHUC, date(2023, 12, 7), None, NEW_PROMOTION_ROUNDS,
                     articles="thăng hạng: arts. 29-43 as amended (unconfirmed)"),
)
PROMOTED_CATEGORIES = (Category.CONG_CHUC, Category.VIEN_CHUC)


def promotion_rule_set_for(category, day):
    """The rule set of a promotion round of `category` announced on `day`; 422 PROMOTION_RULES when none."""
    for rule_set in PROMOTION_RULE_SETS:
        if rule_set.applies_to(category, day):
            return rule_set
    field_name = "category" if category not in PROMOTED_CATEGORIES else "announced_on"
    raise RuleViolation("no promotion rules for {} on {}".format(category.value, day), rule="PROMOTION_RULES",
                        legal_basis="Decree 24/2010/NĐ-CP, 138/2020/NĐ-CP, 170/2025/NĐ-CP (công chức); "
                                    "Decree 29/2012/NĐ-CP, 115/2020/NĐ-CP (viên chức)",
                        fields={field_name: ["promotion rounds are for công chức (from Jun 2010) and viên chức "
                                             "(from Jun 2012)"]})


# --- leadership: appointment terms and the notice before a term ends -------------------------------------
class SelectionMethod(StrEnum):
    COMPETITIVE = "COMPETITIVE"      # Thi tuyển chức danh lãnh đạo, quản lý
    NOMINATION = "NOMINATION"        # Quy trình bổ nhiệm (giới thiệu, lấy phiếu tín nhiệm): the body chooses


class AppointmentKind(StrEnum):
    APPOINTMENT = "APPOINTMENT"        # Bổ nhiệm
    REAPPOINTMENT = "REAPPOINTMENT"    # Bổ nhiệm lại


class PlacementKind(StrEnum):
    TRANSFER = "TRANSFER"              # Điều động
    ROTATION = "ROTATION"              # Luân chuyển (cán bộ lãnh đạo, quản lý)
    MOVE = "MOVE"                      # Chuyển công tác
    REORGANISATION = "REORGANISATION"  # Sắp xếp tổ chức bộ máy


class RemovalReason(StrEnum):
    """Miễn nhiệm (cases commonly quoted: unconfirmed article numbers)."""
    HEALTH = "HEALTH"                        # Không đủ sức khoẻ
    LOW_CONFIDENCE = "LOW_CONFIDENCE"        # Tín nhiệm thấp
    NOT_COMPLETED = "NOT_COMPLETED"          # Không hoàn thành nhiệm vụ
    DISCIPLINE = "DISCIPLINE"                # Bị kỷ luật
    REQUESTED = "REQUESTED"                  # Xin thôi giữ chức vụ
    OTHER = "OTHER"                          # Lý do khác


TERM_YEARS = 5                   # confirmed: a 5-year term (thời hạn bổ nhiệm) for most posts
REAPPOINTMENT_NOTICE_DAYS = 90   # unconfirmed: "chậm nhất 90 ngày trước khi hết thời hạn"; a setting overrides it
COMPETITIVE_ROUNDS = (_round(1, "Xây dựng đề án / bài thi viết"), _round(2, "Trình bày đề án, trả lời câu hỏi"))


@dataclass(frozen=True)
class AppointmentRuleSet:
    legal_basis: str
    valid_from: date
    valid_to: date | None
    term_years: int = TERM_YEARS
    notice_days: int = REAPPOINTMENT_NOTICE_DAYS
    articles: str = "articles unconfirmed"
    dates_status: str = UNCONFIRMED

    def applies_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def source(self):
        return "{} ({})".format(self.legal_basis, self.articles)


APPOINTMENT_RULE_SETS = (
    AppointmentRuleSet("Decree 24/2010/NĐ-CP and Regulation 105-QĐ/TW (2017) (the brief cites Decree 24/2014: "
                       "unconfirmed)", date(2010, 6, 1), date(2020, 11, 26),
                       articles="term and re-appointment: articles unconfirmed"),
    AppointmentRuleSet("Decree 138/2020/NĐ-CP and Regulation 105-QĐ/TW", date(2020, 11, 27), date(2022, 8, 17),
                       articles="Chapter VI bổ nhiệm (articles unconfirmed)"),
    AppointmentRuleSet("Decree 138/2020/NĐ-CP and Regulation 80-QĐ/TW (2022)", date(2022, 8, 18), date(2025, 6, 30),
                       articles="Regulation 80-QĐ/TW: term 5 years (article unconfirmed; its date unconfirmed)"),
    AppointmentRuleSet("Decree 170/2025/NĐ-CP and Regulation 80-QĐ/TW", date(2025, 7, 1), None,
                       articles="articles unconfirmed", dates_status="start confirmed (1 Jul 2025)"),
)


def appointment_rule_set_on(day):
    rule_set = next((r for r in APPOINTMENT_RULE_SETS if r.applies_on(day)), None)
    if rule_set is None:
        raise RuleViolation("no appointment rules on {}".format(day), rule="APPOINTMENT_RULES",
                            legal_basis="Decree 24/2010/NĐ-CP, 138/2020/NĐ-CP, 170/2025/NĐ-CP",
                            fields={"effective_from": ["appointments are recorded from Jun 2010"]})
    return rule_set


def term_end(start, years):
    """The last day of a term of `years` from `start` (5 years from 1 Mar 2021: 28 Feb 2026)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:       # 29 February
        anniversary = date(start.year + years, 3, 1)
    return date.fromordinal(anniversary.toordinal() - 1)
