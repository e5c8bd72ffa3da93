"""One rule for every date that records a fact: never after today (services/common/dates.py)."""
from datetime import date

import pytest

from services.common.dates import future_date_problem, not_after_today
from services.common.errors import Invalid

TODAY = date(2026, 11, 27)


def test_today_and_earlier_days_are_accepted_and_no_day_means_today():
    assert not_after_today(TODAY, TODAY, "on") == TODAY
    assert not_after_today(date(2017, 12, 20), TODAY, "on") == date(2017, 12, 20)
    assert not_after_today(None, TODAY, "on") == TODAY


def test_a_day_after_today_is_refused_on_the_named_field_with_one_message():
    with pytest.raises(Invalid) as refused:
        not_after_today(date(2026, 11, 28), TODAY, "answered_on", "the answer")
    assert str(refused.value) == "the answer is in the future"
    assert refused.value.fields == {"answered_on": ["must not be after today (2026-11-27)"]}
    assert future_date_problem(date(2026, 11, 28), TODAY) == "must not be after today (2026-11-27)"


def test_without_a_today_nothing_is_checked():
    assert future_date_problem(date(2999, 1, 1), None) is None
