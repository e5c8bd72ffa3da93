"""The rule 9 deadline policy from configuration, on the Vietnamese public-holiday calendar.

Settings (config.yml / environment; defaults in brackets, see domain.deadlines for the legal basis
and why the day counts are configurable - calendar vs working days is UNCONFIRMED):
- FEEDBACK_ANSWER_DAYS [20], FEEDBACK_ANSWER_DAY_COUNT [CALENDAR]
- FEEDBACK_STATUS_UPDATE_DAYS [7], FEEDBACK_STATUS_UPDATE_DAY_COUNT [CALENDAR]
- FEEDBACK_PUBLICATION_DAYS [2], FEEDBACK_PUBLICATION_DAY_COUNT [WORKING]
- FEEDBACK_DAYS_OFF [[]]: extra days off decreed for the year (e.g. Tết bridges), ISO dates
- FEEDBACK_WORKING_DAYS [[]]: Saturdays or Sundays worked in exchange, ISO dates
Statutory holidays come from the pinned `holidays` package (holidays.Vietnam, expanded per year).
"""
from datetime import date

import holidays
from nameko.extensions import DependencyProvider

from services.feedback.domain.deadlines import DeadlinePolicy, Period, WorkCalendar
from services.feedback.domain.enums import DayCount

DEFAULTS = {"ANSWER": (20, DayCount.CALENDAR), "STATUS_UPDATE": (7, DayCount.CALENDAR),
            "PUBLICATION": (2, DayCount.WORKING)}


def _period(config, name):
    days, count = DEFAULTS[name]
    days = int(config.get("FEEDBACK_{}_DAYS".format(name), days))
    count = DayCount(str(config.get("FEEDBACK_{}_DAY_COUNT".format(name), count)).upper())
    if days < 1:
        raise ValueError("FEEDBACK_{}_DAYS must be at least 1".format(name))
    return Period(days, count)


def _dates(values):
    return frozenset(value if isinstance(value, date) else date.fromisoformat(str(value)) for value in values or ())


def policy_from_config(config):
    vietnam = holidays.Vietnam()  # expands to each year it is asked about
    calendar = WorkCalendar(is_holiday=lambda day: day in vietnam,
                            days_off=_dates(config.get("FEEDBACK_DAYS_OFF")),
                            working_days=_dates(config.get("FEEDBACK_WORKING_DAYS")))
    return DeadlinePolicy(answer=_period(config, "ANSWER"), status_update=_period(config, "STATUS_UPDATE"),
                          publication=_period(config, "PUBLICATION"), calendar=calendar)


class DeadlineRules(DependencyProvider):
    """The policy, built once when the service starts (a bad setting stops the start, loudly)."""

    def setup(self):
        self.policy = policy_from_config(self.container.config)

    def get_dependency(self, worker_ctx):
        return self.policy
