"""Recruitment settings (config.yml / environment), given to each worker as `self.recruitment_settings`.

- RECRUITMENT_REJECTED_RETENTION_DAYS (180): days a rejected candidate's personal data is kept after the
  campaign's results are published (Law 91/2025/QH15: personal data is kept no longer than its purpose needs;
  no period is set by the law or found in a decree: unconfirmed, hence a setting);
- RECRUITMENT_RETENTION_CHECK_SECONDS (86400): how often the erasure runs (also the `purge_rejected_candidates` RPC);
- RECRUITMENT_CLOCK_DATE (empty): the day the erasure takes as today, e.g. `2027-01-01` to run it ahead in a
  test environment; empty: the province's calendar day. Tests may also inject any clock (`clock`).
"""
from dataclasses import dataclass
from datetime import date
from typing import Callable

from nameko.extensions import DependencyProvider

from services.common.ids import today


@dataclass(frozen=True)
class RecruitmentSettings:
    rejected_retention_days: int = 180
    clock: Callable[[], date] = today


def settings_from(config):
    config = config or {}
    fixed = str(config.get("RECRUITMENT_CLOCK_DATE") or "").strip()
    clock = (lambda: date.fromisoformat(fixed)) if fixed else today
    if fixed:
        date.fromisoformat(fixed)         # a bad setting fails at start, not at the first run
    return RecruitmentSettings(int(config.get("RECRUITMENT_REJECTED_RETENTION_DAYS", 180)), clock)


class RecruitmentConfig(DependencyProvider):
    def setup(self):
        self.settings = settings_from(self.container.config)

    def get_dependency(self, worker_ctx):
        return self.settings
