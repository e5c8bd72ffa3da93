"""Which recruitment rules apply to a campaign (docs/domain.md rule 12): an effective-dated table per category,
chosen by the campaign's announcement date (the day of its notice, thông báo tuyển dụng); and the probation
(tập sự) rules, chosen by the day the probation starts.

Confirmed from the project's domain reference (../shared/DOMAIN.md, its sources: public legal summaries): which
decree governs which period for công chức (Decree 24/2010 am. 161/2018, then Decree 138/2020 from 27 Nov 2020,
then Decree 170/2025 from 1 Jul 2025) and viên chức (Decree 29/2012 am. 161/2018, then Decree 115/2020 am.
85/2023); recruitment by exam (thi tuyển) or selection (xét tuyển); probation of 6 to 12 months by rank.
Everything else below (article numbers, the first days of 24/2010, 29/2012 and 115/2020, the day 85/2023 took
effect, pass marks, priority points, tie-break, probation months per level) is marked "unconfirmed": no primary
text was available to check it; the values are the ones commonly quoted for these decrees.

What differs between the sets and the code uses:
- the rounds of each method, which of them is scored, its pass mark and whether it counts in the ranking total:
  under Decrees 24/2010 and 29/2012 (before their 2018 amendment, see below) both exams count; from 138/2020
  and 115/2020 round 1 (computer-based general knowledge) only qualifies and round 2 (professional) ranks;
  selection (xét tuyển) from 138/2020 / 115/2020 has no scored round 1 (conditions checked on application);
- the priority points (điểm ưu tiên) a candidate may carry: 30 / 20 / 10 before 2020, 7.5 / 5 / 2.5 after;
- the tie-break at the last place: the higher score of the last round, then the head of the recruiting
  body decides (HEAD_DECIDES: the command names the candidate chosen);
- who may apply: Vietnamese nationality, at least 18 on the application day, the education level that the
  rank's and the position's standards require on the announcement day.
Not modelled (unconfirmed which articles changed what): Decree 161/2018's amendments of 24/2010 and 29/2012 (it
moved both to the two-round exam from its entry into force, unconfirmed: early 2019); they are applied with the
original decrees' rounds until 138/2020 / 115/2020. Decree 85/2023's amendments of 115/2020 are applied as the
same rules (the set is split so that campaigns name the amended text).
"""
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from services.common.errors import RuleViolation
from services.personnel.domain.enums import Category


class RecruitmentMethod(StrEnum):
    EXAM = "EXAM"              # Thi tuyển
    SELECTION = "SELECTION"    # Xét tuyển


class TieBreak(StrEnum):
    HIGHER_LAST_ROUND = "HIGHER_LAST_ROUND"    # Người có điểm vòng cuối (chuyên môn) cao hơn
    HEAD_DECIDES = "HEAD_DECIDES"              # Người đứng đầu cơ quan có thẩm quyền tuyển dụng quyết định


class ProbationStatus(StrEnum):
    IN_PROGRESS = "IN_PROGRESS"    # Đang tập sự
    PASSED = "PASSED"              # Đạt yêu cầu: bổ nhiệm vào ngạch / chức danh nghề nghiệp
    FAILED = "FAILED"              # Không đạt yêu cầu: huỷ quyết định tuyển dụng


UNCONFIRMED = "unconfirmed"
PASS_MARK = 50.0       # every scored round: at least 50 of 100 (unconfirmed for each decree's article)
MIN_AGE = 18
NATIONALITY = "VN"


@dataclass(frozen=True)
class Round:
    number: int
    label: str                 # Vietnamese name of the round
    pass_mark: float
    counts_in_total: bool      # its score enters the ranking total (else it only qualifies)


@dataclass(frozen=True)
class RecruitmentRuleSet:
    legal_basis: str
    category: Category
    valid_from: date
    valid_to: date | None
    rounds: dict               # RecruitmentMethod -> tuple of Round, in order
    priority_points: tuple     # the values a candidate's priority may add (0 always allowed)
    tie_break: tuple = (TieBreak.HIGHER_LAST_ROUND, TieBreak.HEAD_DECIDES)
    min_age: int = MIN_AGE
    nationality: str = NATIONALITY
    articles: dict = field(default_factory=dict)    # topic -> article, "(unconfirmed)" when not checked
    dates_status: str = UNCONFIRMED

    def applies_to(self, category, day):
        return category == self.category and self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def rounds_of(self, method):
        return self.rounds[method]

    def round(self, method, number):
        return next((r for r in self.rounds[method] if r.number == number), None)

    def source(self, topic):
        return "{} {}".format(self.legal_basis, self.articles.get(topic, "(article unconfirmed)"))


def _round(number, label, counts=True):
    return Round(number, label, PASS_MARK, counts)


# Before the 2018 amendments: both exams (or the file and the interview) are scored and count.
ONE_STAGE = {
    RecruitmentMethod.EXAM: (_round(1, "Thi kiến thức chung"), _round(2, "Thi chuyên môn, nghiệp vụ")),
    RecruitmentMethod.SELECTION: (_round(1, "Xét kết quả học tập"), _round(2, "Phỏng vấn")),
}
# Two rounds: round 1 (computer-based general knowledge, foreign language, IT) qualifies; round 2 ranks.
# Selection: round 1 checks the conditions on application (no score); round 2 is the interview or practice.
TWO_ROUNDS = {
    RecruitmentMethod.EXAM: (_round(1, "Vòng 1: thi trắc nghiệm (kiến thức chung)", counts=False),
                             _round(2, "Vòng 2: thi chuyên môn, nghiệp vụ")),
    RecruitmentMethod.SELECTION: (_round(2, "Vòng 2: phỏng vấn hoặc thực hành"),),
}
OLD_PRIORITY = (30.0, 20.0, 10.0)
NEW_PRIORITY = (7.5, 5.0, 2.5)

DECREE_24_2010 = "Decree 24/2010/NĐ-CP (am. 161/2018/NĐ-CP)"
DECREE_138_2020 = "Decree 138/2020/NĐ-CP"
DECREE_170_2025 = "Decree 170/2025/NĐ-CP"
DECREE_29_2012 = "Decree 29/2012/NĐ-CP (am. 161/2018/NĐ-CP)"
DECREE_115_2020 = "Decree 115/2020/NĐ-CP"
DECREE_115_85 = "Decree 115/2020/NĐ-CP (am. 85/2023/NĐ-CP)"

OLD_ARTICLES = {"conditions": "art. 4 (unconfirmed)", "priority": "art. 5 (unconfirmed)",
                "rounds": "arts. 8-9 and 11-12 (unconfirmed)", "tie_break": "art. 10 (unconfirmed)"}
NEW_ARTICLES = {"conditions": "(conditions of the Law; article unconfirmed)", "priority": "art. 5 (unconfirmed)",
                "rounds": "arts. 8-11 (unconfirmed)", "tie_break": "art. 10(3) (unconfirmed)"}

RULE_SETS = (
    RecruitmentRuleSet(DECREE_24_2010, Category.CONG_CHUC, date(2010, 6, 1), date(2020, 11, 26), ONE_STAGE,
                       OLD_PRIORITY, articles=OLD_ARTICLES,
                       dates_status="end confirmed (138/2020 from 27 Nov 2020); start unconfirmed"),
    RecruitmentRuleSet(DECREE_138_2020, Category.CONG_CHUC, date(2020, 11, 27), date(2025, 6, 30), TWO_ROUNDS,
                       NEW_PRIORITY, articles=NEW_ARTICLES, dates_status="confirmed (../shared/DOMAIN.md)"),
    RecruitmentRuleSet(DECREE_170_2025, Category.CONG_CHUC, date(2025, 7, 1), None, TWO_ROUNDS, NEW_PRIORITY,
                       articles={topic: "(article unconfirmed)" for topic in NEW_ARTICLES},
                       dates_status="confirmed (../shared/DOMAIN.md)"),
    RecruitmentRuleSet(DECREE_29_2012, Category.VIEN_CHUC, date(2012, 6, 1), date(2020, 9, 24), ONE_STAGE,
                       OLD_PRIORITY, articles=OLD_ARTICLES, dates_status=UNCONFIRMED),
    RecruitmentRuleSet(DECREE_115_2020, Category.VIEN_CHUC, date(2020, 9, 25), date(2023, 12, 6), TWO_ROUNDS,
                       NEW_PRIORITY, articles=NEW_ARTICLES, dates_status=UNCONFIRMED),
    RecruitmentRuleSet(DECREE_115_85, Category.VIEN_CHUC, date(2023, 12, 7), None, TWO_ROUNDS, NEW_PRIORITY,
                       articles=NEW_ARTICLES, dates_status=UNCONFIRMED),
)
RECRUITED_CATEGORIES = (Category.CONG_CHUC, Category.VIEN_CHUC)


def rule_set_for(category, day):
    """The rule set of a campaign of `category` announced on `day`; 422 RECRUITMENT_RULES when there is none."""
    for rule_set in RULE_SETS:
        if rule_set.applies_to(category, day):
            return rule_set
    field_name = "category" if category not in RECRUITED_CATEGORIES else "announced_on"
    raise RuleViolation("no recruitment rules for {} on {}".format(category.value, day), rule="RECRUITMENT_RULES",
                        legal_basis="Decree 24/2010/NĐ-CP, 138/2020/NĐ-CP, 170/2025/NĐ-CP (công chức); "
                                    "Decree 29/2012/NĐ-CP, 115/2020/NĐ-CP (viên chức)",
                        fields={field_name: ["recruitment campaigns are for công chức (from Jun 2010) and viên "
                                             "chức (from Jun 2012)"]})


# --- probation (tập sự) ----------------------------------------------------------------------------------
# Months by the training level the post requires (its rank's and position's EDUCATION standard). Công chức:
# 12 months for type A (university: chuyên viên and above; A0, cán sự, is taken as type A), 6 for type B
# (trung cấp), 3 for type C under Decree 24/2010 and 6 from Decree 138/2020. Viên chức: 12 months where the
# title requires university, 9 college, 6 trung cấp (Decree 29/2012, 115/2020). All unconfirmed (articles:
# 24/2010 art. 20, 138/2020 art. 20, 29/2012 art. 20, 115/2020 art. 21); whether Law 80/2025 and Decree
# 170/2025 keep probation for công chức is unconfirmed too: the 138/2020 months are carried over.
@dataclass(frozen=True)
class ProbationRule:
    legal_basis: str
    category: Category
    valid_from: date
    valid_to: date | None
    months_by_level: tuple     # ((education level or None, months), ...): the first level held wins
    status: str = UNCONFIRMED

    def applies_to(self, category, day):
        return category == self.category and self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def months_for(self, education_level):
        for level, months in self.months_by_level:
            if level is None or level == education_level:
                return months
        return self.months_by_level[-1][1]


UNIVERSITY = ("TIEN_SI", "THAC_SI", "DAI_HOC")
CC_OLD = tuple((level, 12) for level in UNIVERSITY) + (("CAO_DANG", 12), ("TRUNG_CAP", 6), (None, 3))
CC_NEW = tuple((level, 12) for level in UNIVERSITY) + (("CAO_DANG", 12), ("TRUNG_CAP", 6), (None, 6))
VC = tuple((level, 12) for level in UNIVERSITY) + (("CAO_DANG", 9), ("TRUNG_CAP", 6), (None, 6))

PROBATION_RULES = (
    ProbationRule(DECREE_24_2010 + " art. 20 (unconfirmed)", Category.CONG_CHUC, date(2010, 6, 1),
                  date(2020, 11, 26), CC_OLD),
    ProbationRule(DECREE_138_2020 + " art. 20 (unconfirmed)", Category.CONG_CHUC, date(2020, 11, 27),
                  date(2025, 6, 30), CC_NEW),
    ProbationRule(DECREE_170_2025 + " (unconfirmed: the 138/2020 months carried over)", Category.CONG_CHUC,
                  date(2025, 7, 1), None, CC_NEW),
    ProbationRule(DECREE_29_2012 + " art. 20 (unconfirmed)", Category.VIEN_CHUC, date(2012, 6, 1),
                  date(2020, 9, 24), VC),
    ProbationRule(DECREE_115_2020 + " art. 21 (unconfirmed)", Category.VIEN_CHUC, date(2020, 9, 25), None, VC),
)


def probation_rule_for(category, start):
    for rule in PROBATION_RULES:
        if rule.applies_to(category, start):
            return rule
    raise RuleViolation("no probation rules for {} from {}".format(category.value, start), rule="PROBATION_RULES",
                        legal_basis="Decree 24/2010/NĐ-CP, 29/2012/NĐ-CP and their successors",
                        fields={"service_start_date": ["no probation rule set on that date"]})


def probation_end(start, months):
    """The last day of a probation of `months` starting on `start` (12 months from 1 Sep 2025: 31 Aug 2026)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1])) - timedelta(days=1)
