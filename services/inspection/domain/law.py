"""Which inspection law governs an inspection, by the date of its decision (DOMAIN rule 10).

- Law 11/2022/QH15 on Inspection (Luật Thanh tra 2022), in force from 1 Jul 2023 to 30 Jun 2025;
- Law 84/2025/QH15 on Inspection, in force from 1 Jul 2025.
Under Law 84/2025: the draft conclusion is due within 5 working days of the results report, the
conclusion within 15 days of the draft, the implementation directive within 15 days; conclusions
are published; a finding against an individual opens a review that may lead to discipline
(personnel opens it on `inspection_concluded`, DESIGN flow 2). The stage deadlines are applied by
the stage machine (a later issue); here the law is recorded on each inspection so that rule set can
be chosen by date. Decisions before 1 Jul 2023 fall under an earlier law that is not modelled.
"""
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class LegalBasis:
    citation: str
    valid_from: date
    valid_to: date | None = None

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


LAW_11_2022 = LegalBasis("Law 11/2022/QH15", date(2023, 7, 1), date(2025, 6, 30))
LAW_84_2025 = LegalBasis("Law 84/2025/QH15", date(2025, 7, 1))
INSPECTION_LAWS = (LAW_11_2022, LAW_84_2025)


def governing_law(decision_date):
    """Citation of the inspection law in force on `decision_date`, or None before 1 Jul 2023."""
    for law in INSPECTION_LAWS:
        if law.is_valid_on(decision_date):
            return law.citation
    return None
