"""Standards of the administrative civil-servant ranks (tiêu chuẩn ngạch công chức chuyên ngành hành chính),
as effective-dated rule sets: the set valid on the as-of date applies to a cán bộ / công chức holding one of the
ranks 01.001-01.005. An official whose rank has no set on that date (viên chức, chuyên gia cao cấp, a date
before 25 Nov 2014) is judged on the job position's standards only.

Only the training levels (trình độ đào tạo, bồi dưỡng) are modelled; "with a field of study suited to the
work" is left to the position, which names the field. Equivalences a circular accepts (e.g. a degree in public
administration instead of the state-management certificate, cử nhân chính trị for cao cấp) are recorded by HR
as the qualification at that level.
"""
from dataclasses import dataclass
from datetime import date

from services.personnel.domain.enums import Category, QualificationKind as K, Rank
from services.personnel.domain.standards import Requirement

# Rank standards are standards of civil-servant ranks: viên chức and contract staff hold other titles.
RANKED_CATEGORIES = frozenset({Category.CAN_BO, Category.CONG_CHUC})


@dataclass(frozen=True)
class RankRuleSet:
    legal_basis: str
    valid_from: date
    valid_to: date | None
    requirements: dict            # rank code -> tuple of Requirement

    def applies_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class RankStandards:
    """What one rank requires on one date, and the label its gaps carry."""
    rank: str
    legal_basis: str
    requirements: tuple

    @property
    def source(self):
        return "rank {} under {}".format(self.rank, self.legal_basis)


def _needs(*pairs):
    return tuple(Requirement(kind, level) for kind, level in pairs)


# Circular 11/2014/TT-BNV arts. 4-8 (from 25 Nov 2014), as amended by Circular 05/2017/TT-BNV art. 1: the
# certificates of foreign language (Circular 01/2014/TT-BGDĐT levels) and basic IT (Circular 03/2014/TT-BTTTT).
# Confirmed (secondary sources quoting 05/2017 art. 1(2)-(3)): chuyên viên = QLNN chuyên viên, language bậc 2,
# basic IT; chuyên viên chính = QLNN chuyên viên chính, bậc 3, basic IT. Unconfirmed (no primary text found):
# chuyên viên cao cấp's cao cấp political theory and bậc 4; cán sự's trung cấp, bậc 1 and basic IT;
# nhân viên's trung cấp; the university degree of 01.001-01.003 (the same in 02/2021, stated there).
CIRCULAR_11_2014 = RankRuleSet("Circular 11/2014/TT-BNV", date(2014, 11, 25), date(2021, 7, 31), {
    Rank.SENIOR_SPECIALIST: _needs((K.EDUCATION, "DAI_HOC"), (K.POLITICAL_THEORY, "CAO_CAP"),
                                   (K.STATE_MANAGEMENT, "CHUYEN_VIEN_CAO_CAP"), (K.FOREIGN_LANGUAGE, "BAC_4"),
                                   (K.IT_SKILL, "BASIC")),
    Rank.PRINCIPAL_SPECIALIST: _needs((K.EDUCATION, "DAI_HOC"), (K.STATE_MANAGEMENT, "CHUYEN_VIEN_CHINH"),
                                      (K.FOREIGN_LANGUAGE, "BAC_3"), (K.IT_SKILL, "BASIC")),
    Rank.SPECIALIST: _needs((K.EDUCATION, "DAI_HOC"), (K.STATE_MANAGEMENT, "CHUYEN_VIEN"),
                            (K.FOREIGN_LANGUAGE, "BAC_2"), (K.IT_SKILL, "BASIC")),
    Rank.OFFICER: _needs((K.EDUCATION, "TRUNG_CAP"), (K.FOREIGN_LANGUAGE, "BAC_1"), (K.IT_SKILL, "BASIC")),
    Rank.STAFF: _needs((K.EDUCATION, "TRUNG_CAP")),
})

# Circular 02/2021/TT-BNV arts. 3-7, from 1 Aug 2021: no foreign-language or IT certificate any more (confirmed:
# the certificates were abolished on that date); IT and language are skills "as the job position requires", so
# a position asks for them, not the rank. Confirmed: university degree for chuyên viên cao cấp and chuyên viên
# chính. Unconfirmed (no primary text found; taken from the project's brief): the political theory of 01.001
# (cao cấp / cử nhân) and 01.002 (trung cấp), the QLNN programme of 01.001-01.003, cán sự's cao đẳng and nhân
# viên's trung cấp. Law 80/2025/QH15 (from 1 Jul 2025) did not replace it: the circular stays applied until a
# new one is issued (unconfirmed whether one has been), so the set is open-ended.
CIRCULAR_02_2021 = RankRuleSet("Circular 02/2021/TT-BNV", date(2021, 8, 1), None, {
    Rank.SENIOR_SPECIALIST: _needs((K.EDUCATION, "DAI_HOC"), (K.POLITICAL_THEORY, "CAO_CAP"),
                                   (K.STATE_MANAGEMENT, "CHUYEN_VIEN_CAO_CAP")),
    Rank.PRINCIPAL_SPECIALIST: _needs((K.EDUCATION, "DAI_HOC"), (K.POLITICAL_THEORY, "TRUNG_CAP"),
                                      (K.STATE_MANAGEMENT, "CHUYEN_VIEN_CHINH")),
    Rank.SPECIALIST: _needs((K.EDUCATION, "DAI_HOC"), (K.STATE_MANAGEMENT, "CHUYEN_VIEN")),
    Rank.OFFICER: _needs((K.EDUCATION, "CAO_DANG")),
    Rank.STAFF: _needs((K.EDUCATION, "TRUNG_CAP")),
})

RULE_SETS = (CIRCULAR_11_2014, CIRCULAR_02_2021)


def rule_set_on(day):
    return next((rule_set for rule_set in RULE_SETS if rule_set.applies_on(day)), None)


def rank_standards_on(rank, category, day):
    """The rank's standards valid on `day` for an official of `category`, or None (position only)."""
    rule_set = rule_set_on(day)
    if rule_set is None or category not in RANKED_CATEGORIES or rank not in rule_set.requirements:
        return None
    return RankStandards(rank, rule_set.legal_basis, rule_set.requirements[rank])
