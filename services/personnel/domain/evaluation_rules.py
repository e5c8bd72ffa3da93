"""Which evaluation rules apply to an evaluated year and category (docs/domain.md rules 1-4).

Evaluation years and their rule sets:
- 2015-2019: Decree 56/2015/ND-CP (in force 1 Aug 2015 until Decree 90/2020 replaced it in Aug 2020),
  amended by Decree 88/2017/ND-CP (in force 15 Sep 2017, so from the 2017 evaluation, held in December).
  Cán bộ, công chức and viên chức; its levels (Law 22/2008 art. 58 before Law 52/2019):
    hoàn thành xuất sắc nhiệm vụ -> EXCELLENT, hoàn thành tốt nhiệm vụ -> GOOD,
    hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực -> COMPLETED, không hoàn thành nhiệm vụ -> NOT_COMPLETED.
- 2020-2025 công chức and cán bộ, 2020- viên chức: Decree 90/2020 (am. 48/2023, in force 15 Sep 2023, so from
  the 2023 evaluation). Its EXCELLENT ratio: see CAP_PARTY_LIMIT.
- 2026- công chức and cán bộ: Decree 335/2025 (scored on work products: >= 90 EXCELLENT, 70-<90 GOOD,
  50-<70 COMPLETED, < 50 NOT_COMPLETED); viên chức keep Decree 90/2020 (inferred in docs/domain.md).
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
# not settled in docs/domain.md, so it is a setting (True: the base is GOOD or better).
CAP_BASE_INCLUDES_EXCELLENT = True
# Unconfirmed: no primary text found putting a ratio in Decree 56/2015 or 88/2017. The 20 %-of-GOOD ratio
# is the one of the Party's rating of its members, which provincial instructions applied to the 2017-2019
# evaluations; a setting, so a province can lift it.
CAP_BEFORE_2020 = 0.20
# Decree 48/2023 added to Decree 90/2020 art. 2 a principle: the share of officials rated EXCELLENT, in an
# agency and in each group of similar tasks, is not above the share of Party members rated EXCELLENT under
# the Party's rules. That share is the Party organisation's own result, which this system does not know; the
# limit the Party sets for it (EXCELLENT not above 20% of the members rated GOOD, Hướng dẫn 21-HD/BTCTW 2019) is
# applied instead, as a setting. No exception (e.g. for outstanding agencies) was found in a source: none is
# modelled. For 2020-2022, before Decree 48/2023, no ratio was found in Decree 90/2020: the same value is an
# assumption carried over.
CAP_PARTY_LIMIT = 0.20
CAP_2020_2022 = OLD_RULES + " (no ratio found before Decree 48/2023; assumed: 20% of GOOD, a setting)"
CAP_FROM_2023 = (OLD_RULES + " art. 2 as amended by Decree 48/2023: not above the Party members' EXCELLENT share, "
                 "taken as the Party's limit of 20% of GOOD (Hướng dẫn 21-HD/BTCTW 2019), a setting")


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


def decree_90(categories, last_year):
    """Decree 90/2020 before and after Decree 48/2023: the same rules but for the basis of the EXCELLENT cap."""
    return tuple(RatingRuleSet(OLD_RULES, first, last, categories, excellent_cap=CAP_PARTY_LIMIT, cap_rule_basis=basis,
                               discipline_basis=OLD_RULES)
                 for first, last, basis in ((2020, 2022, CAP_2020_2022), (2023, last_year, CAP_FROM_2023)))


RULE_SETS = (
    *decree_56(RULES_2015, 2015, 2016),
    *decree_56(RULES_2017, 2017, 2019),
    *decree_90((Category.CAN_BO, Category.CONG_CHUC), 2025),
    RatingRuleSet(NEW_RULES, 2026, None, (Category.CAN_BO, Category.CONG_CHUC), score_bands=SCORE_BANDS,
                  cap_rule_basis=NEW_RULES + " art. 20(5)", discipline_basis=NEW_RULES + " art. 20(4)"),
    *decree_90((Category.VIEN_CHUC, Category.HOP_DONG), None),
)


def rule_set_for(category, year):
    for rule_set in RULE_SETS:
        if rule_set.covers(category, year):
            return rule_set
    raise RuleViolation("no evaluation rules for {} in {}".format(category.value, year), rule="EVALUATION_YEAR",
                        legal_basis=RULES_2015 if year < 2020 else OLD_RULES,
                        fields={"year": ["no rule set for that year"]})
