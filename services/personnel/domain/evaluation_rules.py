"""Which evaluation rules apply to an evaluated year and category (DOMAIN rules 1-4).

Evaluation years and their rule sets:
- 2015-2019: Decree 56/2015/ND-CP (in force 1 Aug 2015 until Decree 90/2020 replaced it in Aug 2020),
  amended by Decree 88/2017/ND-CP (in force 15 Sep 2017, so from the 2017 evaluation, held in December).
  Cán bộ, công chức and viên chức; its levels (Law 22/2008 art. 58 before Law 52/2019):
    hoàn thành xuất sắc nhiệm vụ -> EXCELLENT, hoàn thành tốt nhiệm vụ -> GOOD,
    hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực -> COMPLETED, không hoàn thành nhiệm vụ -> NOT_COMPLETED.
- 2020-2025 công chức and cán bộ, 2020- viên chức: Decree 90/2020 (am. 48/2023).
- 2026- công chức and cán bộ: Decree 335/2025 (scored on work products: >= 90 EXCELLENT, 70-<90 GOOD,
  50-<70 COMPLETED, < 50 NOT_COMPLETED); viên chức keep Decree 90/2020 (inferred in DOMAIN.md).
Contract staff (HOP_DONG) have rule sets only from 2020.
"""
from dataclasses import dataclass

from services.common.errors import RuleViolation
from services.personnel.domain.enums import Category, Rating

OLD_RULES = "Decree 90/2020 (am. 48/2023)"
NEW_RULES = "Decree 335/2025"
RULES_2015 = "Decree 56/2015"
RULES_2017 = "Decree 56/2015 (am. 88/2017)"
SCORE_BANDS = ((90, Rating.EXCELLENT), (70, Rating.GOOD), (50, Rating.COMPLETED), (0, Rating.NOT_COMPLETED))
# Rule 1 counts EXCELLENT against "those rated GOOD"; whether the excellent ones are part of that base is
# not settled in DOMAIN.md, so it is a setting (True: the base is GOOD or better).
CAP_BASE_INCLUDES_EXCELLENT = True
# Unconfirmed: no primary text found putting a ratio in Decree 56/2015 or 88/2017. The 20 %-of-GOOD ratio
# is the one of the Party's rating of its members, which provincial instructions applied to the 2017-2019
# evaluations; a setting, so a province can lift it.
CAP_BEFORE_2020 = 0.20


@dataclass(frozen=True)
class RatingRuleSet:
    legal_basis: str
    first_year: int
    last_year: int | None
    categories: tuple
    score_bands: tuple | None = None      # rule 4, from 2026 for công chức
    excellent_cap: float = 0.20           # rule 1
    cap_rule_basis: str = ""
    discipline_basis: str = ""            # rule 2: a discipline counted in the year forces NOT_COMPLETED
    time_rules_basis: str = OLD_RULES     # rule 3: months worked and absent

    def covers(self, category, year):
        return category in self.categories and self.first_year <= year and (
            self.last_year is None or year <= self.last_year)


def decree_56(basis, first_year, last_year):
    """Decree 56/2015 lists a discipline among the criteria of NOT_COMPLETED: cán bộ art. 14 ("... bị xử
    lý kỷ luật"), viên chức art. 28(1)(h) ("vi phạm ... đến mức phải xử lý kỷ luật"); công chức art. 21
    (wording unconfirmed). The time rules (< 6 months worked: not rated unless on maternity leave; absent 3 to
    < 6 months: not GOOD or better; maternity: rated on the time worked) are unconfirmed for 56/2015 (article
    and whether 88/2017 added them): the values of Decree 90/2020, which kept them, are applied."""
    cap_basis = "{} (20% of GOOD: unconfirmed, a setting)".format(basis)
    time_basis = "{} (time rules unconfirmed)".format(basis)
    return tuple(RatingRuleSet(basis, first_year, last_year, (category,), excellent_cap=CAP_BEFORE_2020,
                               cap_rule_basis=cap_basis, time_rules_basis=time_basis,
                               discipline_basis="{} art. {}".format(basis, article))
                 for category, article in ((Category.CAN_BO, "14"), (Category.CONG_CHUC, "21 (wording unconfirmed)"),
                                           (Category.VIEN_CHUC, "28(1)(h)")))


RULE_SETS = (
    *decree_56(RULES_2015, 2015, 2016),
    *decree_56(RULES_2017, 2017, 2019),
    RatingRuleSet(OLD_RULES, 2020, 2025, (Category.CAN_BO, Category.CONG_CHUC),
                  cap_rule_basis=OLD_RULES + " (cap tied to the Party-member ratio)", discipline_basis=OLD_RULES),
    RatingRuleSet(NEW_RULES, 2026, None, (Category.CAN_BO, Category.CONG_CHUC), score_bands=SCORE_BANDS,
                  cap_rule_basis=NEW_RULES + " art. 20(5)", discipline_basis=NEW_RULES + " art. 20(4)"),
    RatingRuleSet(OLD_RULES, 2020, None, (Category.VIEN_CHUC, Category.HOP_DONG),
                  cap_rule_basis=OLD_RULES, discipline_basis=OLD_RULES),
)


def rule_set_for(category, year):
    for rule_set in RULE_SETS:
        if rule_set.covers(category, year):
            return rule_set
    raise RuleViolation("no evaluation rules for {} in {}".format(category.value, year), rule="EVALUATION_YEAR",
                        legal_basis=RULES_2015 if year < 2020 else OLD_RULES,
                        fields={"year": ["no rule set for that year"]})
