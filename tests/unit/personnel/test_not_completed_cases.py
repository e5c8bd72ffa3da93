"""Rule 5's decision case, dated the day the rating became NOT_COMPLETED and citing the rule set each year
was evaluated under and the law of that day: Law 22/2008 / 58/2010 (am. 52/2019 from 1 Jul 2020), no time
limit known; Law 80/2025 art. 27 and Decree 170/2025 art. 57(3) from 1 Jul 2025, 30 days."""
from dataclasses import replace
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from services.personnel.domain.enums import Category as C, Rating as R
from services.personnel.domain.evaluation import not_completed_since, rate
from services.personnel.domain.reviews import not_completed_case
from tests.unit.personnel.test_evaluation_rules import disciplined, evaluation

D56, D56_88, D90 = "Decree 56/2015", "Decree 56/2015 (am. 88/2017)", "Decree 90/2020 (am. 48/2023)"
CASES = [  # (category, year, two years running, rated on, days to decide, the reason cites) - rule 5
    (C.CONG_CHUC, 2017, False, date(2017, 12, 20), None,
     ["in 2017 ({})".format(D56_88), "Law 22/2008 arts. 29(3), 58(3)-(4)"]),
    (C.CONG_CHUC, 2017, True, date(2017, 12, 20), None,
     ["in 2016 ({}) and 2017 ({})".format(D56, D56_88), "thôi việc (Law 22/2008 art. 58(4))"]),
    (C.CAN_BO, 2019, True, date(2019, 12, 20), None, ["bố trí công tác khác (Law 22/2008 art. 29(3))"]),
    (C.VIEN_CHUC, 2017, True, date(2017, 12, 20), None,
     ["may end the contract (Law 58/2010 art. 29(1), point unconfirmed)"]),
    (C.CONG_CHUC, 2020, True, date(2021, 1, 15), None,
     ["in 2019 ({}) and 2020 ({})".format(D56_88, D90), "thôi việc (Law 22/2008 art. 58 am. 52/2019"]),
    (C.CONG_CHUC, 2024, False, date(2025, 6, 30), None, ["in 2024 ({})".format(D90), "am. 52/2019"]),
    (C.CONG_CHUC, 2024, False, date(2025, 7, 1), 30, ["in 2024 ({})".format(D90), "Law 80/2025 art. 27"]),
    (C.CONG_CHUC, 2025, True, date(2025, 12, 20), 30, ["decided within 30 days", "Decree 170/2025 art. 57(3)"]),
    (C.VIEN_CHUC, 2025, True, date(2025, 12, 20), 30, ["Law 58/2010 art. 29(1)", "am. 52/2019"]),
]


@pytest.mark.parametrize("category, year, consecutive, rated_on, days, cited", CASES)
def test_the_not_completed_case_is_dated_from_the_rating_and_cites_the_rules_of_its_years_and_day(
        category, year, consecutive, rated_on, days, cited):
    rated, _ = rate(evaluation(year, R.NOT_COMPLETED, category), [], list)
    previous, _ = rate(evaluation(year - 1, R.NOT_COMPLETED, category), [], list)
    official = SimpleNamespace(id="off-1", unit_id="unit-1", category=category)
    case, [event] = not_completed_case(official, rated, previous, consecutive, rated_on)
    assert case.opened_on == rated_on and event.opened_on == rated_on
    assert case.deadline == (rated_on + timedelta(days=days) if days else None)
    assert all(text in case.reason for text in cited), case.reason


def test_a_rating_proposed_not_completed_takes_effect_on_the_day_it_was_recorded():
    rated, _ = rate(replace(evaluation(2017, R.NOT_COMPLETED), recorded_on=date(2017, 12, 20)), [], list)
    assert not_completed_since(rated, [disciplined(2017)]) == date(2017, 12, 20)


def test_a_rating_forced_by_a_later_discipline_takes_effect_on_that_discipline_s_decision():
    rated, _ = rate(replace(evaluation(2017, R.GOOD), recorded_on=date(2017, 12, 20)),
                    [replace(disciplined(2017), decided_on=date(2017, 12, 28))], list)
    assert rated.rating == R.NOT_COMPLETED
    assert not_completed_since(rated, [replace(disciplined(2017), decided_on=date(2017, 12, 28))]) == date(2017, 12, 28)
    assert not_completed_since(rated, [disciplined(2017)]) == date(2017, 12, 20)     # decided 1 May: before
