"""Configurable inspection rules (config.yml / environment), given to each worker as `self.settings`.

- INSPECTION_DRAFT_CONCLUSION_WORKING_DAYS (5), INSPECTION_CONCLUSION_DAYS (15),
  INSPECTION_DIRECTIVE_DAYS (15), INSPECTION_CONCLUSION_IN_WORKING_DAYS / INSPECTION_DIRECTIVE_IN_WORKING_DAYS
  (false): the statutory stage deadlines of Law 84/2025/QH15 (docs/domain.md rule 10; calendar vs working days is
  unconfirmed). They apply to inspections decided from 1 Jul 2025 only: the deadlines of Law 11/2022 and Law
  56/2010 are fixed in services/inspection/domain/deadlines.py, so a setting changed today does not move
  the deadlines of an inspection decided years ago;
- INSPECTION_RISK_MIN_SUBSTANTIATED (3), INSPECTION_RISK_MIN_OVERDUE (5): when a unit becomes a risk candidate.
Working days skip weekends and Vietnamese public holidays (the `holidays` package).
"""
from dataclasses import dataclass
from functools import lru_cache

import holidays
from nameko.extensions import DependencyProvider

from services.common.config import flag
from services.inspection.domain.calendar import WorkingCalendar
from services.inspection.domain.deadlines import statutory_rules
from services.inspection.domain.risk import Thresholds

HOLIDAY_YEARS = range(2015, 2041)


@lru_cache(maxsize=1)
def vietnam_calendar():
    return WorkingCalendar(frozenset(holidays.Vietnam(years=HOLIDAY_YEARS)))


@dataclass(frozen=True)
class InspectionSettings:
    deadline_rules: tuple       # Law 84/2025's; `deadlines.rules_for` picks the older laws' by decision date
    calendar: WorkingCalendar
    thresholds: Thresholds


def settings_from(config):
    config = config or {}
    rules = statutory_rules(
        draft_working_days=int(config.get("INSPECTION_DRAFT_CONCLUSION_WORKING_DAYS", 5)),
        conclusion_days=int(config.get("INSPECTION_CONCLUSION_DAYS", 15)),
        directive_days=int(config.get("INSPECTION_DIRECTIVE_DAYS", 15)),
        conclusion_in_working_days=flag(config.get("INSPECTION_CONCLUSION_IN_WORKING_DAYS", False)),
        directive_in_working_days=flag(config.get("INSPECTION_DIRECTIVE_IN_WORKING_DAYS", False)))
    thresholds = Thresholds(min_substantiated=int(config.get("INSPECTION_RISK_MIN_SUBSTANTIATED", 3)),
                            min_overdue=int(config.get("INSPECTION_RISK_MIN_OVERDUE", 5)))
    return InspectionSettings(rules, vietnam_calendar(), thresholds)


class Settings(DependencyProvider):
    def setup(self):
        self.settings = settings_from(self.container.config)

    def get_dependency(self, worker_ctx):
        return self.settings
