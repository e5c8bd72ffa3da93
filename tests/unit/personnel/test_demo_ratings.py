"""The demo's 2017 ratings (tools/demo_ratings.py) pass the rules of Decree 56/2015 (am. 88/2017) in the order
the demo posts them, with a realistic spread, and its disciplines force NOT_COMPLETED for their officials."""
from collections import Counter, defaultdict
from datetime import date

import pytest

from services.personnel.domain.enums import Category, Rating
from services.personnel.domain.evaluation import rate
from services.personnel.domain.evaluation_rules import RULES_2017
from services.personnel.domain.records import Discipline, Evaluation
from tools import demo_ratings


def officials(count, groups):
    return [{"id": "off-{:04d}".format(i), "unit_id": "unit-{}".format(i % groups), "position_id": "pos-{}".format(
        i % (2 * groups)), "category": "VIEN_CHUC" if i % 3 == 0 else "CONG_CHUC"} for i in range(count)]


def discipline_of(official, body):
    return Discipline(id="dc-" + official["id"], official_id=official["id"], unit_id=official["unit_id"],
                      category=Category(official["category"]), form=body["form"], severity=body["severity"],
                      violation_date=date.fromisoformat(body["violation_date"]), violation_summary="x",
                      handling_started_on=date.fromisoformat(body["handling_started_on"]),
                      decided_on=date.fromisoformat(body["decided_on"]), decision_ref=body["decision_ref"],
                      counts_in_year=date.fromisoformat(body["decided_on"]).year)


def rate_as_the_demo_does(roster):
    """Settled evaluations, rated like load_ratings: every proposal but EXCELLENT first, then EXCELLENT."""
    by_id = {o["id"]: o for o in roster}
    disciplines, ratings = demo_ratings.plan(roster)
    punished = {official_id: [discipline_of(by_id[official_id], body)] for official_id, body in disciplines}
    peers = defaultdict(list)       # the service counts the cap per unit and task group (here: position)
    settled = {}
    for official_id, proposal in sorted(ratings, key=lambda pair: pair[1] == "EXCELLENT"):
        official = by_id[official_id]
        body = demo_ratings.evaluation_body(proposal)
        group = (official["unit_id"], official["position_id"])
        candidate = Evaluation(id="ev-" + official_id, official_id=official_id, unit_id=official["unit_id"],
                               category=Category(official["category"]), task_group=group[1], year=body["year"],
                               rating=Rating(proposal), proposed_rating=None,
                               recorded_on=date.fromisoformat(body["recorded_on"]), months_worked=12)
        settled[official_id], _ = rate(candidate, punished.get(official_id, []), lambda: peers[group])
        peers[group].append(settled[official_id])
    return disciplines, settled


@pytest.mark.parametrize("count, groups", [(2500, 19), (300, 19), (40, 2)])
def test_every_official_is_rated_once_and_no_excellent_exceeds_the_cap_of_decree_56_2015(count, groups):
    roster = officials(count, groups)
    _, settled = rate_as_the_demo_does(roster)      # rate() raises EXCELLENT_CAP on a breach
    assert set(settled) == {o["id"] for o in roster}
    assert {e.legal_basis for e in settled.values()} == {RULES_2017}


def test_the_spread_is_realistic_about_12_60_25_and_under_2_percent_not_completed():
    _, settled = rate_as_the_demo_does(officials(2500, 19))
    shares = {rating: count / 2500 for rating, count in Counter(e.rating for e in settled.values()).items()}
    assert 0.10 <= shares[Rating.EXCELLENT] <= 0.13 and 0.58 <= shares[Rating.GOOD] <= 0.65
    assert 0.22 <= shares[Rating.COMPLETED] <= 0.27 and 0.01 <= shares[Rating.NOT_COMPLETED] <= 0.02


def test_the_disciplined_officials_are_proposed_good_and_forced_not_completed_for_2017():
    disciplines, settled = rate_as_the_demo_does(officials(2500, 19))
    assert len({official_id for official_id, _ in disciplines}) == len(demo_ratings.DISCIPLINES) == 8
    assert Counter(body["form"] for _, body in disciplines) == {"KHIEN_TRACH": 5, "CANH_CAO": 3}
    for official_id, body in disciplines:
        decided = date.fromisoformat(body["decided_on"])
        assert decided.year == 2017 and (decided - date.fromisoformat(body["handling_started_on"])).days <= 90
        evaluation = settled[official_id]
        assert (evaluation.proposed_rating, evaluation.rating) == (Rating.GOOD, Rating.NOT_COMPLETED)
        assert "Decree 56/2015 (am. 88/2017) art." in evaluation.forced_by[0]
