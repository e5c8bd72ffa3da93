"""Training plans: targets by unit and content area, approval, progress done / planned as of a date."""
import pytest

from services.common.errors import Conflict, Invalid, NotFound
from tests.stored import pending_events
from tests.unit.training.builders import course_payload, official_registered, result_payload, unit_created

PLAN = {"title": "Kế hoạch đào tạo, bồi dưỡng năm 2025", "from_year": 2025, "targets": [
    {"unit_id": "unit-1", "content_area": "STATE_MANAGEMENT", "turns": 4},
    {"unit_id": "unit-2", "content_area": "STATE_MANAGEMENT", "turns": 1},
    {"unit_id": "unit-1", "content_area": "DIGITAL_SKILLS", "turns": 5}]}


@pytest.fixture(autouse=True)
def units(service):
    """The units the plans target, as personnel announced them."""
    service.handle_unit_created(unit_created("unit-1", "SNV"))
    service.handle_unit_created(unit_created("unit-2", "STC"))


def complete(service, course_id, official_id, on, scores=(7, 8)):
    enrollment = service.enroll({"course_id": course_id, "official_id": official_id})
    return service.record_result(enrollment["id"], result_payload(recorded_on=on, scores=list(scores)))


def test_an_annual_plan_is_created_as_a_draft_and_approved_with_a_date(service, db):
    plan = service.create_plan(PLAN)
    assert (plan["status"], plan["from_year"], plan["to_year"], plan["approved_on"]) == ("DRAFT", 2025, 2025, None)
    assert [t["year"] for t in plan["targets"]] == [2025, 2025, 2025]
    approved = service.approve_plan(plan["id"], {"approved_on": "2025-01-10", "decision_ref": "123/QĐ-UBND"})
    assert (approved["status"], approved["approved_on"]) == ("APPROVED", "2025-01-10")
    [entry] = pending_events(db, "plans", plan["id"])
    assert entry["routing_key"] == "training_plan_approved" and entry["envelope"]["data"]["planned_turns"] == 10
    with pytest.raises(Conflict, match="already approved"):
        service.approve_plan(plan["id"], {"approved_on": "2025-01-11"})
    assert service.get_plan(plan["id"]) == approved
    assert service.list_plans({"year": 2025})["total"] == 1 and service.list_plans({"year": 2024})["total"] == 0


def test_progress_counts_completed_turns_by_unit_and_content_as_of_a_date(service):
    service.handle_official_registered(official_registered("off-1"))
    service.handle_official_registered(official_registered("off-2"))
    service.handle_official_registered(official_registered("off-3", unit_id="unit-2"))
    plan = service.create_plan(PLAN)
    course = service.create_course(course_payload(capacity=10))
    complete(service, course["id"], "off-1", "2025-11-05")
    complete(service, course["id"], "off-2", "2025-12-20")
    complete(service, course["id"], "off-3", "2025-11-06", scores=(4, 9))   # failed: not a turn done
    progress = service.plan_progress(plan["id"], {"as_of": "2025-11-30"})
    assert (progress["planned"], progress["done"], progress["percent"]) == (10, 1, 10.0)
    full = service.plan_progress(plan["id"], {"as_of": "2025-12-31"})
    assert (full["planned"], full["done"], full["percent"]) == (10, 2, 20.0)
    assert full["by_unit"] == [{"unit_id": "unit-1", "planned": 9, "done": 2, "percent": 22.2},
                               {"unit_id": "unit-2", "planned": 1, "done": 0, "percent": 0.0}]
    assert full["by_content_area"] == [
        {"content_area": "DIGITAL_SKILLS", "planned": 5, "done": 0, "percent": 0.0},
        {"content_area": "STATE_MANAGEMENT", "planned": 5, "done": 2, "percent": 40.0}]
    assert full["by_target"][0] == {"year": 2025, "unit_id": "unit-1", "content_area": "STATE_MANAGEMENT",
                                    "planned": 4, "done": 2, "percent": 50.0}
    assert full["by_year"] == [{"year": 2025, "planned": 10, "done": 2, "percent": 20.0}]


def test_turns_outside_the_targets_or_the_years_do_not_count(service, officials):
    plan = service.create_plan(PLAN)
    other_content = service.create_course(course_payload(content_area="PUBLIC_ETHICS", credential=None))
    next_year = service.create_course(course_payload(start_date="2026-01-05", end_date="2026-01-30"))
    complete(service, other_content["id"], "off-1", "2025-11-05")
    complete(service, next_year["id"], "off-2", "2026-01-30")
    progress = service.plan_progress(plan["id"], {"as_of": "2026-06-30"})
    assert (progress["done"], progress["unplanned_done"]) == (0, 1)


def test_a_multi_year_overseas_scheme_reports_yearly_progress(service, officials):
    scheme = service.create_plan({"title": "Đề án đào tạo ở nước ngoài 2017-2025", "from_year": 2017,
                                  "to_year": 2025, "location": "OVERSEAS", "kind": "POSTGRADUATE",
                                  "targets": [{"year": year, "turns": 2} for year in range(2017, 2026)]})
    overseas = dict(course_payload(kind="POSTGRADUATE", location="OVERSEAS", content_area="JOB_SPECIFIC",
                                   credential={"kind": "EDUCATION", "level": "THAC_SI"}, capacity=5,
                                   start_date="2018-09-01", end_date="2019-08-31"))
    course = service.create_course(overseas)
    domestic = service.create_course(dict(overseas, location="DOMESTIC"))
    for official_id in ("off-1", "off-2"):
        service.handle_official_registered(official_registered(official_id, service_start_date="2010-01-01"))
    # the postgraduate gate needs ratings of the 2 previous years: enroll in the past with them known
    from tests.unit.training.builders import evaluation_recorded
    for official_id in ("off-1", "off-2"):
        for year in (2016, 2017):
            service.handle_evaluation_recorded(evaluation_recorded(official_id, year))
    for official_id in ("off-1", "off-2"):
        enrollment = service.enroll({"course_id": course["id"], "official_id": official_id,
                                     "enrolled_on": "2018-08-01", "commits_to_serve": True})
        service.record_result(enrollment["id"], result_payload(recorded_on="2019-08-31"))
    enrollment = service.enroll({"course_id": domestic["id"], "official_id": "off-1",
                                 "enrolled_on": "2018-08-01", "commits_to_serve": True})
    service.record_result(enrollment["id"], result_payload(recorded_on="2019-08-31"))   # domestic: not counted
    progress = service.plan_progress(scheme["id"], {"as_of": "2020-01-01"})
    assert (progress["planned"], progress["done"], progress["percent"]) == (18, 2, 11.1)
    by_year = {line["year"]: (line["planned"], line["done"]) for line in progress["by_year"]}
    assert by_year[2019] == (2, 2) and by_year[2018] == (2, 0) and len(by_year) == 9
    assert progress["by_unit"] == [{"unit_id": None, "planned": 18, "done": 2, "percent": 11.1}]


def test_progress_before_the_plan_starts_is_zero(service):
    plan = service.create_plan(PLAN)
    progress = service.plan_progress(plan["id"], {"as_of": "2024-12-31"})
    assert (progress["done"], progress["percent"], progress["as_of"]) == (0, 0.0, "2024-12-31")


@pytest.mark.parametrize("change, field", [
    ({"to_year": 2024}, "to_year"),
    ({"to_year": 2050}, "to_year"),
    ({"targets": []}, "targets"),
    ({"targets": [{"unit_id": "u", "turns": 0}]}, "targets"),
    ({"targets": [{"year": 2026, "turns": 1}]}, "targets"),
    ({"targets": [{"unit_id": "u", "turns": 1}, {"unit_id": "u", "turns": 2}]}, "targets"),
    ({"targets": [{"content_area": "COOKING", "turns": 1}]}, "targets"),
    ({"from_year": "2025"}, "from_year"),
    ({"owner": "x"}, "owner"),
])
def test_a_bad_plan_is_refused_per_field(service, db, change, field):
    with pytest.raises(Invalid) as error:
        service.create_plan(dict(PLAN, **change))
    assert list(error.value.fields) == [field]
    assert db.plans.count_documents({}) == 0


def test_unknown_plans_and_bad_dates(service):
    with pytest.raises(NotFound):
        service.plan_progress("pln-missing")
    plan = service.create_plan(PLAN)
    with pytest.raises(Invalid):
        service.plan_progress(plan["id"], {"as_of": "soon"})
    with pytest.raises(Invalid) as error:
        service.approve_plan(plan["id"], {"approved_on": "2999-01-01"})
    assert list(error.value.fields) == ["approved_on"]


def test_targets_name_units_personnel_announced_and_in_force_that_year(service, db):
    service.handle_unit_created(unit_created("unit-dist", "HTB", valid_to="2025-06-30"))
    plan = dict(PLAN, from_year=2025, to_year=2026, targets=[
        {"unit_id": "unit-ghost", "turns": 1}, {"unit_id": "unit-dist", "year": 2025, "turns": 1},
        {"unit_id": "unit-dist", "year": 2026, "turns": 1}])
    with pytest.raises(Invalid) as error:
        service.create_plan(plan)
    assert error.value.fields == {"targets": {
        0: {"unit_id": ["unknown unit unit-ghost: not announced by personnel"]},
        2: {"unit_id": ["unit HTB is not in force in 2026 (valid 2017-01-01 to 2025-06-30)"]}}}
    assert db.plans.count_documents({}) == 0


def test_the_units_projection_keeps_the_newest_announcement(service, db):
    newer = dict(unit_created("unit-3", "UBX", valid_to="2025-06-30", event_type="unit_updated"),
                 time="2025-07-01T00:00:00.000+00:00")
    older = dict(unit_created("unit-3", "UBX"), time="2025-01-01T00:00:00.000+00:00")
    service.handle_unit_updated(newer)
    service.handle_unit_created(older)
    service.handle_unit_created(older)
    assert db.units.find_one({"_id": "unit-3"})["valid_to"] == "2025-06-30"
