"""Which inspection law governs an inspection, by the date of its decision (docs/domain.md rule 10).

- Law 56/2010/QH12 on Inspection (Luật Thanh tra 2010), in force from 1 Jul 2011 to 30 Jun 2023;
- Law 11/2022/QH15 on Inspection (Luật Thanh tra 2022), in force from 1 Jul 2023 to 30 Jun 2025;
- Law 84/2025/QH15 on Inspection (Luật Thanh tra 2025), in force from 1 Jul 2025.
The law is recorded on each inspection when it is opened; its stage deadlines (`deadlines.py`) and the stage
machine's refusals (`stages.py`) cite it. Decisions before 1 Jul 2011 fell under Law 22/2004/QH11, which is
not modelled: such an inspection has no governing law recorded and no statutory deadlines.
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


LAW_56_2010 = LegalBasis("Law 56/2010/QH12", date(2011, 7, 1), date(2023, 6, 30))
LAW_11_2022 = LegalBasis("Law 11/2022/QH15", date(2023, 7, 1), date(2025, 6, 30))
LAW_84_2025 = LegalBasis("Law 84/2025/QH15", date(2025, 7, 1))
INSPECTION_LAWS = (LAW_56_2010, LAW_11_2022, LAW_84_2025)


def law_in_force(decision_date):
    """The inspection law in force on `decision_date`, or None before 1 Jul 2011."""
    return next((law for law in INSPECTION_LAWS if law.is_valid_on(decision_date)), None)


def governing_law(decision_date):
    """Citation of the inspection law in force on `decision_date`, or None before 1 Jul 2011."""
    law = law_in_force(decision_date)
    return law.citation if law else None
