"""Postgraduate gate of rule 8 (docs/domain.md), with the rule set valid on the enrollment date.

Rule 8 (Decree 171/2025/ND-CP on the training of cadres and civil servants): postgraduate
training needs >= 3 years of service, a rating of GOOD or better in the 2 previous years, an age of
at most 45 when first sent to postgraduate training, and a commitment to serve 3x the training
time; leaving early or failing triggers repayment of tuition and course costs, not salary.
Before it, Decree 101/2017/ND-CP (amended by Decree 89/2021/ND-CP) governed.

Validity: Decree 171/2025 is applied from 1 Jul 2025, the day the 2025 civil-service law set took
effect (docs/domain.md: "the legal basis was largely replaced on 1 Jul 2025"); the exact effective
date of Decree 171 is not confirmed in docs/domain.md, so it is a constant here. The thresholds of the
2017 set are not given in docs/domain.md (unconfirmed): until they are, it carries the same values,
which keeps them in one place to correct.
"""
from dataclasses import dataclass
from datetime import date

from services.common.errors import RuleViolation
from services.training.domain.enums import GOOD_OR_BETTER, CourseKind

RULE = "RULE_8_POSTGRADUATE_ELIGIBILITY"            # docs/domain.md rule 8
COMMITMENT_RULE = "RULE_8_SERVICE_COMMITMENT"       # docs/domain.md rule 8: serve 3x the training time


@dataclass(frozen=True)
class TrainingRuleSet:
    legal_basis: str
    valid_from: date | None      # None: from the beginning of the records
    valid_to: date | None        # None: in force
    min_service_years: int = 3
    good_years: int = 2          # the previous years that must be rated GOOD or better
    max_age_first_course: int = 45
    commitment_multiplier: int = 3

    def valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


RULE_SETS = (
    TrainingRuleSet("Decree 101/2017/ND-CP (amended by Decree 89/2021/ND-CP)", None, date(2025, 6, 30)),
    TrainingRuleSet("Decree 171/2025/ND-CP", date(2025, 7, 1), None),
)


def rules_on(day):
    return next(rules for rules in RULE_SETS if rules.valid_on(day))


def full_years(start, day):
    """Whole years from `start` to `day` (birthdays and service anniversaries)."""
    return day.year - start.year - ((day.month, day.day) < (start.month, start.day))


def postgraduate_shortfalls(official, on, first_postgraduate_on, rules):
    """Why the official may not be sent to postgraduate training on `on` (empty: eligible)."""
    reasons = []
    service = full_years(official.service_start_date, on)
    if service < rules.min_service_years:
        reasons.append("{} full year(s) of service on {}; at least {} required".format(
            service, on, rules.min_service_years))
    for year in range(on.year - rules.good_years, on.year):
        rating = official.rating_of(year)
        if rating not in GOOD_OR_BETTER:
            reasons.append("rated {} in {}; GOOD or better is required in the {} previous years".format(
                rating or "nothing known", year, rules.good_years))
    first = min(first_postgraduate_on or on, on)
    age = full_years(official.birth_date, first)
    if age > rules.max_age_first_course:
        reasons.append("aged {} when first sent to postgraduate training ({}); at most {}".format(
            age, first, rules.max_age_first_course))
    return reasons


def check_enrollment(course, official, on, commits_to_serve, first_postgraduate_on=None):
    """Rule 8 gates of an enrollment; returns the rule set applied (for the commitment).

    Postgraduate: the eligibility conditions and an explicit commitment (`commits_to_serve`), as
    rule 8 lists it among the conditions. Degree training carries the same 3x commitment and
    repayment, recorded with the enrollment without a separate acceptance.
    """
    rules = rules_on(on)
    if course.kind != CourseKind.POSTGRADUATE:
        return rules
    reasons = postgraduate_shortfalls(official, on, first_postgraduate_on, rules)
    if reasons:
        raise RuleViolation("the official is not eligible for postgraduate training", RULE,
                            rules.legal_basis, fields={"official_id": reasons})
    if not commits_to_serve:
        raise RuleViolation("postgraduate training needs the official's service commitment",
                            COMMITMENT_RULE, rules.legal_basis, fields={"commits_to_serve": [
                                "must be true: the official commits to serve {}x the training time".format(
                                    rules.commitment_multiplier)]})
    return rules
