"""Working days: Monday to Friday except public holidays (given by the caller: domain stays pure)."""
from dataclasses import dataclass, field
from datetime import timedelta

SATURDAY = 5


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset = field(default_factory=frozenset)   # dates off besides weekends

    def is_working_day(self, day):
        return day.weekday() < SATURDAY and day not in self.holidays

    def add_working_days(self, start, days):
        """The `days`-th working day after `start` (start itself does not count)."""
        day, counted = start, 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    @staticmethod
    def add_days(start, days):
        return start + timedelta(days=days)
