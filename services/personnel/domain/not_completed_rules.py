"""What a NOT_COMPLETED rating entails (docs/domain.md rule 5), by the law in force on the day the rating became
NOT_COMPLETED: the decision case it opens is dated that day, cites that law and takes its time limit.

- from 1 Jul 2025: Law 80/2025/QH15 art. 27 and Decree 170/2025 art. 57(3): one NOT_COMPLETED year -> a
  lower job position or termination, decided within 30 days. Law 80/2025 governs cán bộ and công chức;
  that the 30 days also bind viên chức is unconfirmed (kept, as before this table).
- 1 Jul 2020 - 30 Jun 2025: Law 22/2008 as amended by Law 52/2019 (cán bộ, công chức), Law 58/2010 as
  amended by Law 52/2019 (viên chức). A single year: no decision required, the unit reviews the placement;
  two consecutive years: cán bộ relieved (miễn nhiệm, cho thôi làm nhiệm vụ), công chức dismissed (thôi
  việc), viên chức: the unit may end the contract.
- before 1 Jul 2020: Law 22/2008 art. 29(3) (cán bộ: two years -> other work, bố trí công tác khác),
  art. 58(3)-(4) (công chức: other work when limited capacity + NOT_COMPLETED; two NOT_COMPLETED years ->
  thôi việc); Law 58/2010 art. 29(1) (viên chức: two years -> the unit may end the contract).
Article numbers marked "unconfirmed" were not checked against the primary text. No time limit for the
decision was found before Law 80/2025 (unconfirmed): those cases have no deadline, never an invented one.
"""
from dataclasses import dataclass
from datetime import date

from services.personnel.domain.enums import Category


@dataclass(frozen=True)
class NotCompletedRules:
    basis: str
    valid_from: date
    decision_days: int | None       # decided within N days of the rating; None: no limit known
    one_year: str                   # what a single NOT_COMPLETED year entails
    two_years: dict                 # category -> what two consecutive NOT_COMPLETED years entail


LAW_80 = "Law 80/2025 art. 27; Decree 170/2025 art. 57(3)"
VIEN_CHUC_CONTRACT = "the unit may end the contract (Law 58/2010 art. 29(1), point unconfirmed{})"
RULES = (
    NotCompletedRules(LAW_80, date(2025, 7, 1), 30,
                      "move to a lower job position or terminate, decided within 30 days ({})".format(LAW_80), {
                          Category.VIEN_CHUC: VIEN_CHUC_CONTRACT.format(", am. 52/2019")}),
    NotCompletedRules("Law 22/2008 and Law 58/2010, am. 52/2019", date(2020, 7, 1), None,
                      "the unit reviews the official's placement; two consecutive years have consequences "
                      "(Law 22/2008 am. 52/2019; no time limit: unconfirmed)", {
                          Category.CAN_BO: "relieved of the post (Law 22/2008 art. 29 am. 52/2019, unconfirmed)",
                          Category.CONG_CHUC: "dismissal, thôi việc (Law 22/2008 art. 58 am. 52/2019, "
                                              "paragraph unconfirmed)",
                          Category.VIEN_CHUC: VIEN_CHUC_CONTRACT.format(", am. 52/2019")}),
    NotCompletedRules("Law 22/2008 and Law 58/2010", date(2008, 1, 1), None,
                      "the unit reviews the official's placement; two consecutive years have consequences "
                      "(Law 22/2008 arts. 29(3), 58(3)-(4); no time limit: unconfirmed)", {
                          Category.CAN_BO: "other work, bố trí công tác khác (Law 22/2008 art. 29(3))",
                          Category.CONG_CHUC: "dismissal, thôi việc (Law 22/2008 art. 58(4))",
                          Category.VIEN_CHUC: VIEN_CHUC_CONTRACT.format("")}),
)


def not_completed_rules_on(day):
    return next(rules for rules in RULES if rules.valid_from <= day)


def consequence(rules, category, consecutive):
    """What the case decides on: two consecutive years' consequence where the law has one for the category."""
    return rules.two_years.get(category, rules.one_year) if consecutive else rules.one_year
