"""Leadership settings (config.yml / environment), given to each worker as `self.careers_settings`.

- LEADERSHIP_REAPPOINTMENT_NOTICE_DAYS (90): how many days before a term ends `reappointment_due` is announced
  (the 90 days quoted for Regulation 105-QĐ/TW and 80-QĐ/TW are unconfirmed, hence a setting);
- LEADERSHIP_REAPPOINTMENT_SCAN_SECONDS (86400): how often the scan runs (also the `scan_reappointments_due` RPC);
- LEADERSHIP_CLOCK_DATE (empty): the day the scan takes as today (e.g. to run it ahead in a test environment);
  empty: the province's calendar day.
"""
from dataclasses import dataclass
from datetime import date
from typing import Callable

from nameko.extensions import DependencyProvider

from services.common.ids import today
from services.personnel.domain.careers_rules import REAPPOINTMENT_NOTICE_DAYS


@dataclass(frozen=True)
class CareersSettings:
    notice_days: int = REAPPOINTMENT_NOTICE_DAYS
    clock: Callable[[], date] = today


def settings_from(config):
    config = config or {}
    fixed = str(config.get("LEADERSHIP_CLOCK_DATE") or "").strip()
    if fixed:
        date.fromisoformat(fixed)         # a bad setting fails at start, not at the first run
    clock = (lambda: date.fromisoformat(fixed)) if fixed else today
    return CareersSettings(int(config.get("LEADERSHIP_REAPPOINTMENT_NOTICE_DAYS", REAPPOINTMENT_NOTICE_DAYS)), clock)


class CareersConfig(DependencyProvider):
    def setup(self):
        self.settings = settings_from(self.container.config)

    def get_dependency(self, worker_ctx):
        return self.settings
