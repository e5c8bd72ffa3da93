"""Annual inspection plans: target units and topics, planned vs ad hoc, completion done vs planned (%)."""
import pytest

from services.common.errors import Conflict, Invalid, NotFound
from tests.unit.inspection.builders import (bring_to_draft, conclusion, opening, unit_created, wired_service)

UNITS = ["unit-{}".format(n) for n in range(1, 7)]


@pytest.fixture
def wired():
    service, db = wired_service()
    for unit_id in UNITS:
        service.handle_unit_created(unit_created(unit_id))
    service.handle_unit_created(unit_created("unit-old", valid_to="2024-06-30"))
    return service, db


def plan_of(units, year=2025, **overrides):
    return dict({"year": year, "title": "Kế hoạch thanh tra công tác cán bộ năm {}".format(year),
                 "approved_on": "{}-01-10".format(year),
                 "items": [{"unit_id": u, "topic": "PERSONNEL_WORK", "kind": "THANH_TRA"} for u in units]},
                **overrides)


def carry_out(service, plan, item, decision_date="2025-08-01", conclude=True):
    inspection = service.open_inspection(opening(unit_id=item["unit_id"], plan_id=plan["id"],
                                                 plan_item_id=item["id"], decision_date=decision_date))
    if conclude:
        bring_to_draft(service, inspection["id"])
        service.conclude(inspection["id"], conclusion(result="PASSED"))
    return inspection


def test_a_plan_of_six_units_is_carried_to_100_percent(wired):
    service, _ = wired
    plan = service.create_plan(plan_of(UNITS))
    assert (plan["planned"], plan["done"], plan["percent_done"]) == (6, 0, 0.0)
    assert [i["unit_id"] for i in plan["items"]] == UNITS and len({i["id"] for i in plan["items"]}) == 6
    for item in plan["items"][:3]:
        carry_out(service, plan, item)
    carry_out(service, plan, plan["items"][3], conclude=False)
    half = service.get_plan(plan["id"])
    assert (half["planned"], half["started"], half["done"], half["percent_done"]) == (6, 4, 3, 50.0)
    assert half["items"][3]["stage"] == "DECISION" and half["items"][3]["done"] is False
    unfinished = half["items"][3]["inspection_id"]
    bring_to_draft(service, unfinished)
    service.conclude(unfinished, conclusion(result="PASSED_WITH_REMARKS"))
    for item in plan["items"][4:]:
        carry_out(service, plan, item)
    full = service.get_plan(plan["id"])
    assert (full["done"], full["percent_done"]) == (6, 100.0)
    assert all(item["done"] for item in full["items"])


def test_ad_hoc_inspections_are_counted_beside_the_plan(wired):
    service, _ = wired
    plan = service.create_plan(plan_of(UNITS[:2]))
    service.open_inspection(opening(unit_id=UNITS[0], form="AD_HOC", decision_date="2025-05-05"))
    service.open_inspection(opening(unit_id=UNITS[0], form="AD_HOC", decision_date="2024-05-05"))
    view = service.get_plan(plan["id"])
    assert (view["planned"], view["ad_hoc"], view["percent_done"]) == (2, 1, 0.0)


def test_plans_are_listed_by_year(wired):
    service, _ = wired
    old = service.create_plan(plan_of(UNITS[:1], year=2024))
    new = service.create_plan(plan_of(UNITS[:2]))
    assert [p["id"] for p in service.list_plans()["items"]] == [new["id"], old["id"]]
    assert service.list_plans({"year": 2024}) == {"items": [service.get_plan(old["id"])], "total": 1}
    with pytest.raises(NotFound):
        service.get_plan("plan-nope")


def test_each_plan_item_names_a_known_unit_in_force_that_year_once_per_topic(wired):
    service, db = wired
    items = plan_of(["unit-1", "unit-ghost", "unit-old", "unit-1"])["items"]
    with pytest.raises(Invalid) as error:
        service.create_plan(plan_of([], items=items))
    assert error.value.fields == {"items": {
        1: {"unit_id": ["unit unit-ghost is not known"]}, 2: {"unit_id": ["unit unit-old is not in force in 2025"]},
        3: {"topic": ["unit unit-1 is already planned for PERSONNEL_WORK"]}}}
    assert db.plans.count_documents({}) == 0


@pytest.mark.parametrize("override, field", [
    ({"items": []}, "items"), ({"year": 1999}, "year"), ({"title": " "}, "title"),
    ({"approved_on": "x"}, "approved_on"),
    ({"items": [{"unit_id": "unit-1", "topic": "X", "kind": "THANH_TRA"}]}, "items"), ({"extra": 1}, "extra"),
])
def test_bad_plan_fields_are_refused(wired, override, field):
    service, _ = wired
    with pytest.raises(Invalid) as error:
        service.create_plan(plan_of(UNITS[:1], **override))
    assert field in error.value.fields


def test_an_inspection_carrying_out_a_plan_item_must_match_it(wired):
    service, db = wired
    plan = service.create_plan(plan_of(UNITS[:2]))
    item = plan["items"][0]
    with pytest.raises(Invalid) as error:
        service.open_inspection(opening(unit_id="unit-2", topic="PUBLIC_DUTY", form="AD_HOC", plan_id=plan["id"],
                                        plan_item_id=item["id"], decision_date="2026-01-05"))
    assert error.value.fields == {"unit_id": ["the plan item targets unit unit-1"],
                                  "topic": ["the plan item's topic is PERSONNEL_WORK"],
                                  "form": ["an inspection carrying out a plan item is PLANNED"],
                                  "decision_date": ["plan {} is for 2025".format(plan["id"])]}
    with pytest.raises(Invalid) as error:
        service.open_inspection(opening(unit_id="unit-1", plan_id=plan["id"]))
    assert error.value.fields == {"plan_item_id": ["required with the other"]}
    with pytest.raises(Invalid) as error:
        service.open_inspection(opening(unit_id="unit-1", plan_id="plan-nope", plan_item_id=item["id"]))
    assert error.value.fields == {"plan_id": ["plan plan-nope is not known"]}
    carry_out(service, plan, item, conclude=False)
    with pytest.raises(Conflict):
        carry_out(service, plan, item, conclude=False)
    assert db.inspections.count_documents({}) == 1
