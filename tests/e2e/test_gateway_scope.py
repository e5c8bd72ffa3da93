"""Object-level authorization: an hr_officer of a unit sees and changes only that unit and its sub-units."""
from tests.e2e.test_headline_flows import setup_unit_and_official


def make_unit(api, code, parent_id=None):
    return api.created("/api/v1/units", {"code": code, "name": "Đơn vị " + code, "unit_type": "PHONG",
                                         "level": "PROVINCE", "valid_from": "2017-01-01", "parent_id": parent_id})


def make_official(api, unit, national_id):
    position = api.created("/api/v1/positions", {"unit_id": unit["id"], "title": "Chuyên viên",
                                                 "group": "PROFESSIONAL", "rank": "01.003"})
    return api.created("/api/v1/officials", {
        "full_name": "Cán bộ " + unit["code"], "national_id": national_id, "birth_date": "1988-01-01",
        "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003",
        "service_start_date": "2012-01-01"})


def test_an_hr_officer_of_a_unit_is_confined_to_it_and_its_sub_units(api, anonymous):
    own = make_unit(api, "SYT")
    child = make_unit(api, "SYT-BV", parent_id=own["id"])
    other = make_unit(api, "SGD")
    in_child = make_official(api, child, "096100000001")
    elsewhere = make_official(api, other, "096100000002")
    api.created("/api/v1/users", {"username": "hr.syt", "full_name": "Phòng TCCB Sở Y tế",
                                  "password": "hr-officer-password", "roles": ["hr_officer"], "unit_id": own["id"]})
    officer = anonymous.login("hr.syt", "hr-officer-password")

    assert officer.get("/api/v1/officials/{}".format(in_child["id"])).status_code == 200
    hidden = officer.get("/api/v1/officials/{}".format(elsewhere["id"]))
    assert hidden.status_code == 404 and hidden.json()["error"] == "NOT_FOUND"   # no existence leak
    assert officer.get("/api/v1/officials/{}/profile".format(elsewhere["id"])).status_code == 404
    assert officer.get("/api/v1/units/{}".format(other["id"])).status_code == 404

    listed = officer.get("/api/v1/officials").json()["items"]
    assert [o["id"] for o in listed] == [in_child["id"]]
    assert {u["id"] for u in officer.get("/api/v1/units").json()["items"]} == {own["id"], child["id"]}

    refused = officer.post("/api/v1/positions", {"unit_id": other["id"], "title": "X", "group": "SUPPORT",
                                                 "rank": "01.005"})
    assert refused.status_code == 403 and refused.json()["error"] == "OUTSIDE_SCOPE"
    assert officer.post("/api/v1/positions", {"unit_id": child["id"], "title": "Y", "group": "SUPPORT",
                                              "rank": "01.005"}).status_code == 201


def test_the_profile_shows_evaluations_and_disciplines_only_to_the_roles_that_need_them(api, anonymous):
    unit, _, official = setup_unit_and_official(api)
    full = api.get("/api/v1/officials/{}/profile".format(official["id"])).json()
    assert {"evaluations", "disciplines", "training_needs", "rewards"} <= set(full)
    api.created("/api/v1/users", {"username": "an.viewer", "full_name": "Lê An", "password": "viewer-password-1",
                                  "roles": ["viewer"]})
    viewer = anonymous.login("an.viewer", "viewer-password-1")
    seen = viewer.get("/api/v1/officials/{}/profile".format(official["id"])).json()
    assert "evaluations" not in seen and "disciplines" not in seen
    assert seen["official"]["national_id"] != official["national_id"]   # masked for a viewer


def _scoped_user(api, anonymous, username, role, unit_id):
    """A user scoped to `unit_id` with `role` (or a tuple of roles)."""
    roles = list(role) if isinstance(role, tuple) else [role]
    api.created("/api/v1/users", {"username": username, "full_name": username, "password": "scoped-password-1",
                                  "roles": roles, "unit_id": unit_id})
    return anonymous.login(username, "scoped-password-1")


def _created_when_projected(api, path, body):
    from tests.helpers import wait_until
    return wait_until(lambda: (lambda r: r.json() if r.status_code == 201 else None)(api.post(path, body)))


def test_each_route_family_hides_objects_of_other_units_from_a_scoped_user(api, anonymous):
    own, other = make_unit(api, "SCT"), make_unit(api, "SXD")
    officials = {unit["code"]: make_official(api, unit, "09610000000{}".format(n))
                 for n, unit in enumerate((own, other), start=3)}
    items = {}
    for unit in (own, other):
        items[unit["code"]] = {
            "inspection": _created_when_projected(api, "/api/v1/inspections", {
                "title": "Kiểm tra", "kind": "KIEM_TRA", "form": "AD_HOC", "topic": "PUBLIC_DUTY",
                "unit_id": unit["id"], "decision_date": "2024-03-01", "team": ["Sở Nội vụ"]}),
            "feedback": _created_when_projected(api, "/api/v1/feedback", {
                "submitter_type": "CA_NHAN", "name": "Người dân", "address": "Cà Mau", "phone": "0912345678",
                "kind": "PROCEDURE", "title": "Hồ sơ", "content": "Đề nghị hướng dẫn thủ tục.",
                "target_unit_id": unit["id"]})}
    course = api.created("/api/v1/training/courses", {
        "title": "Bồi dưỡng", "kind": "FOSTERING", "content_area": "JOB_SPECIFIC", "organiser": "Sở Nội vụ",
        "start_date": "2024-03-04", "end_date": "2024-03-08", "hours": 40, "capacity": 10, "assessments": 1})
    enrollment = _created_when_projected(api, "/api/v1/training/enrollments", {
        "course_id": course["id"], "official_id": officials["SXD"]["id"], "enrolled_on": "2024-03-04"})

    inspector = _scoped_user(api, anonymous.__class__(anonymous.base_url), "ins.sct", "inspector", own["id"])
    assert inspector.get("/api/v1/inspections/{}".format(items["SCT"]["inspection"]["id"])).status_code == 200
    assert inspector.get("/api/v1/inspections/{}".format(items["SXD"]["inspection"]["id"])).status_code == 404
    assert {i["unit_id"] for i in inspector.get("/api/v1/inspections").json()["items"]} == {own["id"]}

    desk = _scoped_user(api, anonymous.__class__(anonymous.base_url), "fb.sct", "feedback_officer", own["id"])
    assert desk.get("/api/v1/feedback/{}".format(items["SCT"]["feedback"]["id"])).status_code == 200
    assert desk.get("/api/v1/feedback/{}".format(items["SXD"]["feedback"]["id"])).status_code == 404
    assert desk.post("/api/v1/feedback/{}/answer".format(items["SXD"]["feedback"]["id"]),
                     {"answer": "Trả lời"}).status_code == 404

    trainer = _scoped_user(api, anonymous.__class__(anonymous.base_url), "tr.sct", "trainer", own["id"])
    assert trainer.get("/api/v1/training/enrollments/{}".format(enrollment["id"])).status_code == 404
    refused = trainer.post("/api/v1/training/enrollments", {"course_id": course["id"],
                                                           "official_id": officials["SXD"]["id"]})
    assert refused.status_code == 403
