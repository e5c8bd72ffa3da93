"""Lists and reports of a user scoped to a unit hold exactly the items of that unit and its sub-units,
with full pages and exact totals: the services filter in their queries (a per-page filter in the gateway
would give short first pages here, since items of another unit are interleaved with theirs)."""
from tests.e2e.test_gateway_scope import _created_when_projected, _scoped_user, make_official, make_unit
from tests.helpers import wait_until


def every_page(client, path, limit=2, **params):
    """All items of a list read page by page, after checking each page is full but the last and that
    every page gives the same total."""
    items, totals, offset = [], set(), 0
    while True:
        response = client.get(path, limit=limit, offset=offset, **params)
        assert response.status_code == 200, response.text
        page = response.json()
        totals.add(page["total"])
        items += page["items"]
        if len(page["items"]) < limit:
            break
        offset += limit
    assert totals == {len(items)}, "pages disagree on the total or it is not exact: {} vs {}".format(totals, len(items))
    return items


def a_tree(api):
    """province -> department -> sub-unit, and another department."""
    province = make_unit(api, "TINH")
    department = make_unit(api, "SNV", parent_id=province["id"])
    sub_unit = make_unit(api, "SNV-CCVT", parent_id=department["id"])
    other = make_unit(api, "STC", parent_id=province["id"])
    return province, department, sub_unit, other


def interleaved(department, sub_unit, other, count=6):
    """department, other, sub-unit, other, department, other...: theirs never two in a row."""
    return [other if n % 2 else (department, sub_unit)[(n // 2) % 2] for n in range(count)]


def test_an_hr_officer_of_a_department_lists_exactly_its_own_and_its_sub_units_items(api, anonymous):
    province, department, sub_unit, other = a_tree(api)
    units = interleaved(department, sub_unit, other)
    officials = [make_official(api, unit, "0962000000{:02d}".format(n)) for n, unit in enumerate(units)]
    ours = {o["id"] for o, unit in zip(officials, units) if unit is not other}
    for n, official in enumerate(officials):     # by hand, opened on successive days: sorted interleaved
        api.created("/api/v1/reviews", {"official_id": official["id"], "origin_ref": "CV-{}".format(n),
                                        "reason": "Xem xét trách nhiệm", "opened_on": "2024-01-{:02d}".format(n + 1)})
        api.created("/api/v1/position-schemes", {"unit_id": units[n]["id"], "title": "Đề án {}".format(n),
                                                 "submitted_on": "2024-02-{:02d}".format(n + 1),
                                                 "position_count": 3, "headcount": 5})
    course = api.created("/api/v1/training/courses", {
        "title": "Bồi dưỡng", "kind": "FOSTERING", "content_area": "JOB_SPECIFIC", "organiser": "Sở Nội vụ",
        "start_date": "2024-03-04", "end_date": "2024-03-08", "hours": 40, "capacity": 10, "assessments": 1})
    for n, official in enumerate(officials):
        _created_when_projected(api, "/api/v1/training/enrollments", {
            "course_id": course["id"], "official_id": official["id"], "enrolled_on": "2024-03-{:02d}".format(n + 1)})

    officer = _scoped_user(api, anonymous, "hr.snv", "hr_officer", department["id"])
    assert {o["id"] for o in every_page(officer, "/api/v1/officials")} == ours
    assert {o["id"] for o in every_page(officer, "/api/v1/officials", unit_id=sub_unit["id"])} == {
        o["id"] for o, unit in zip(officials, units) if unit is sub_unit}
    assert {r["official_id"] for r in every_page(officer, "/api/v1/reviews")} == ours
    assert {s["unit_id"] for s in every_page(officer, "/api/v1/position-schemes")} == {department["id"], sub_unit["id"]}
    assert len(every_page(officer, "/api/v1/position-schemes")) == 3
    assert {e["official_id"] for e in every_page(officer, "/api/v1/training/enrollments")} == ours
    assert {u["id"] for u in officer.get("/api/v1/units").json()["items"]} == {department["id"], sub_unit["id"]}
    positions = officer.get("/api/v1/positions").json()
    assert positions["total"] == 3 and {p["unit_id"] for p in positions["items"]} == {department["id"], sub_unit["id"]}
    assert officer.get("/api/v1/compliance").json()["officials"] == 3     # their subtree, not the province
    outside = officer.get("/api/v1/officials", unit_id=other["id"])
    assert outside.status_code == 403 and outside.json()["error"] == "OUTSIDE_SCOPE"
    assert officer.get("/api/v1/officials", unit_ids=department["id"]).status_code == 400   # internal only

    assert len(every_page(api, "/api/v1/officials")) == 6                # the admin: the whole province
    assert len(every_page(api, "/api/v1/training/enrollments")) == 6

    # Their rank's standards are unmet (no qualifications recorded): training opened needs for all six.
    wait_until(lambda: {n["official_id"] for n in every_page(api, "/api/v1/training/needs")} == {
        o["id"] for o in officials}, timeout=10, message="training never opened the needs")
    needs = every_page(officer, "/api/v1/training/needs")
    assert {n["official_id"] for n in needs} == ours and {n["unit_id"] for n in needs} == {department["id"],
                                                                                        sub_unit["id"]}
    summary = officer.get("/api/v1/training/needs/summary").json()
    assert {line["unit_id"] for line in summary["items"]} == {department["id"], sub_unit["id"]}


def test_inspectors_and_feedback_desks_of_a_department_see_its_subtree_and_its_annual_report(api, anonymous):
    province, department, sub_unit, other = a_tree(api)
    units = interleaved(department, sub_unit, other)
    for n, unit in enumerate(units):          # newest first in the list: still interleaved
        inspection = _created_when_projected(api, "/api/v1/inspections", {
            "title": "Kiểm tra {}".format(n), "kind": "KIEM_TRA", "form": "AD_HOC", "topic": "PUBLIC_DUTY",
            "unit_id": unit["id"], "decision_date": "2017-03-{:02d}".format(n + 1), "team": ["Sở Nội vụ"]})
        api.created("/api/v1/inspections/{}/findings".format(inspection["id"]), {
            "violation_type": "TTHC_OVERDUE", "description": "Trễ hạn", "severity": "LESS_SERIOUS",
            "tthc_domain": "LABOUR_INVALIDS_SOCIAL", "violation_date": "2017-03-{:02d}".format(n + 1)})
        _created_when_projected(api, "/api/v1/feedback/desk/records", {
            "submitter_type": "CA_NHAN", "name": "Người dân {}".format(n), "address": "Cà Mau",
            "phone": "09{:08d}".format(n + 1), "channel": "BUU_CHINH", "kind": "PROCEDURE",
            "title": "Phản ánh {}".format(n), "content": "Đề nghị hướng dẫn thủ tục.",
            "target_unit_id": unit["id"], "received_on": "2017-05-{:02d}".format(n + 1)})
        api.created("/api/v1/dialogues", {"unit_id": unit["id"], "held_on": "2017-06-{:02d}".format(n + 1),
                                          "chair": "Giám đốc", "participant_count": 10, "title": "Đối thoại"})
    ours = {department["id"], sub_unit["id"]}

    inspector = _scoped_user(api, anonymous.__class__(anonymous.base_url), "ins.snv", "inspector", department["id"])
    assert [i["unit_id"] in ours for i in every_page(inspector, "/api/v1/inspections")] == [True] * 3
    assert [f["unit_id"] in ours for f in every_page(inspector, "/api/v1/inspection/findings")] == [True] * 3
    violations = inspector.get("/api/v1/inspection/violations", **{"from": "2017-01-01", "to": "2017-12-31"}).json()
    assert violations["total"] == 3 and {row["unit_id"] for row in violations["by_unit"]} == ours

    desk = _scoped_user(api, anonymous.__class__(anonymous.base_url), "fb.snv", "feedback_officer", department["id"])
    assert [f["target_unit_id"] in ours for f in every_page(desk, "/api/v1/feedback")] == [True] * 3
    assert [d["unit_id"] in ours for d in every_page(desk, "/api/v1/dialogues")] == [True] * 3
    statistics = desk.get("/api/v1/feedback/statistics", **{"from": "2017-01-01", "to": "2017-12-31"}).json()
    assert statistics["received"] == 3 and statistics["dialogues"]["held"] == 3

    theirs = desk.get("/api/v1/reports/annual", year=2017).json()
    assert theirs["scope"] == {"unit_id": department["id"], "units": 2}
    assert theirs["indicators"]["feedback_received"]["value"] == 3
    assert theirs["indicators"]["dialogues"]["value"] == 3
    assert theirs["breakdowns"]["tthc_violations"]["counts"] == {"LABOUR_INVALIDS_SOCIAL": 3}
    exported = desk.get("/api/v1/reports/annual", year=2017, format="csv", table="feedback_channels")
    assert exported.status_code == 200 and "BUU_CHINH,3" in exported.text.replace("\r", "")

    province_wide = api.get("/api/v1/reports/annual", year=2017).json()
    assert province_wide["scope"] is None and province_wide["indicators"]["feedback_received"]["value"] == 6
    assert province_wide["indicators"]["dialogues"]["value"] == 6
    scorecard = api.get("/api/v1/units/{}/scorecard".format(department["id"]), year=2017).json()
    assert scorecard["scope"] == {"unit_id": department["id"], "units": 2}
    assert scorecard["indicators"]["feedback_received"]["value"] == 3     # the department with its sub-unit
