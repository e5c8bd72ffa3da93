"""docs/architecture.md flows 1-3 through the gateway, as the issue's "Done when" describes them."""
from tests.helpers import wait_until


# What rank 01.003 requires under Circular 02/2021/TT-BNV, so the position's political theory is the gap.
SPECIALIST = [{"kind": "EDUCATION", "level": "DAI_HOC", "obtained_on": "2009-06-30"},
              {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN", "obtained_on": "2013-05-20"}]


def setup_unit_and_official(api):
    unit = api.created("/api/v1/units", {"code": "SNV", "name": "Sở Nội vụ tỉnh Cà Mau", "unit_type": "SO",
                                         "level": "PROVINCE", "valid_from": "2017-01-01"})
    position = api.created("/api/v1/positions", {
        "unit_id": unit["id"], "title": "Chuyên viên tổ chức cán bộ", "group": "PROFESSIONAL", "rank": "01.003",
        "requirements": [{"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP"}]})
    official = api.created("/api/v1/officials", {
        "full_name": "Nguyễn Thị Hồng", "national_id": "096187004321", "birth_date": "1987-10-20",
        "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003",
        "service_start_date": "2011-03-01", "qualifications": SPECIALIST})
    return unit, position, official


def test_a_passing_training_result_gives_the_qualification_and_meets_the_standards(api):
    unit, _, official = setup_unit_and_official(api)
    standards = api.get("/api/v1/officials/{}/standards".format(official["id"])).json()
    assert standards["met"] is False
    assert standards["missing"] == [{"kind": "POLITICAL_THEORY", "required_level": "TRUNG_CAP", "held_level": None,
                                     "source": "position"}]

    course = api.created("/api/v1/training/courses", {
        "title": "Trung cấp lý luận chính trị - hành chính", "kind": "DEGREE", "content_area": "POLITICAL_THEORY",
        "location": "DOMESTIC", "organiser": "Trường Chính trị tỉnh Cà Mau", "start_date": "2024-01-08",
        "end_date": "2024-06-28", "hours": 480, "capacity": 40, "assessments": 2,
        "credential": {"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP"}})
    enrollment = wait_until(lambda: _enroll(api, course["id"], official["id"]),
                            message="training never learned about the official")
    result = api.post("/api/v1/training/enrollments/{}/result".format(enrollment["id"]), {
        "attended_sessions": 20, "total_sessions": 20, "scores": [7.5, 8], "recorded_on": "2024-06-28"})
    assert result.status_code == 200, result.text
    assert result.json()["status"] == "COMPLETED"

    held = wait_until(lambda: [q for q in api.get("/api/v1/officials/{}".format(official["id"])).json()[
                          "qualifications"] if q["kind"] == "POLITICAL_THEORY"],
                      timeout=5, message="the qualification did not reach personnel")
    assert held[0]["level"] == "TRUNG_CAP" and held[0]["source"].startswith("training:")
    assert api.get("/api/v1/officials/{}/standards".format(official["id"])).json()["met"] is True
    profile = api.get("/api/v1/officials/{}/profile".format(official["id"])).json()
    assert profile["partial"] is False
    assert [e["course_id"] for e in profile["training"]["items"]] == [course["id"]]


def test_a_failed_inspection_and_substantiated_feedback_each_open_a_review(api, anonymous):
    unit, _, official = setup_unit_and_official(api)
    # Inspection learns units from personnel's events: until it has, the unit is "unknown" (400).
    inspection = wait_until(lambda: _created_or_none(api, "/api/v1/inspections", {
        "title": "Kiểm tra công tác cán bộ 2024", "kind": "KIEM_TRA", "form": "PLANNED", "topic": "PERSONNEL_WORK",
        "unit_id": unit["id"], "decision_date": "2024-03-01", "team": ["Thanh tra tỉnh"]}),
        message="inspection never learned about the unit")
    finding = wait_until(lambda: _record_finding(api, inspection["id"], official["id"]),
                         message="inspection never learned about the official")
    assert finding["responsible_official_ids"] == [official["id"]]
    for stage, day in (("FIELDWORK", "2024-03-04"), ("RESULT_REPORT", "2024-04-01"),
                       ("DRAFT_CONCLUSION", "2024-04-05")):
        moved = api.post("/api/v1/inspections/{}/stage".format(inspection["id"]), {"stage": stage, "entered_on": day})
        assert moved.status_code == 200, moved.text
    concluded = api.post("/api/v1/inspections/{}/conclusion".format(inspection["id"]), {
        "result": "FAILED", "concluded_on": "2024-04-15", "summary": "Vi phạm quy trình bổ nhiệm"})
    assert concluded.status_code == 200, concluded.text

    reviews = wait_until(lambda: api.get("/api/v1/reviews", official_id=official["id"]).json()["items"],
                         timeout=5, message="no review opened by the failed inspection")
    assert [(r["origin"], r["origin_ref"]) for r in reviews] == [("INSPECTION", inspection["id"])]

    receipt = wait_until(lambda: _submit_feedback(anonymous, unit["id"], official["id"]),
                         message="feedback never learned about the unit and official")
    feedback_id = receipt["id"]
    answered = api.post("/api/v1/feedback/{}/answer".format(feedback_id), {
        "answer": "Đã xác minh, phản ánh đúng.", "substantiated": True})
    assert answered.status_code == 200, answered.text

    both = wait_until(lambda: _reviews_if(api, official["id"], 2), timeout=5,
                      message="no review opened by the substantiated feedback")
    assert {r["origin"] for r in both} == {"INSPECTION", "FEEDBACK"}
    profile = api.get("/api/v1/officials/{}/profile".format(official["id"])).json()
    assert {r["origin"] for r in profile["reviews"]["items"]} == {"INSPECTION", "FEEDBACK"}
    assert profile["inspection_findings"]["items"][0]["inspection_id"] == inspection["id"]
    assert profile["feedback"]["total"] == 1
    tracked = anonymous.get("/api/v1/feedback/track/{}".format(receipt["tracking_code"])).json()
    assert tracked["status"] == "ANSWERED"


def _enroll(api, course_id, official_id):
    response = api.post("/api/v1/training/enrollments", {"course_id": course_id, "official_id": official_id})
    return response.json() if response.status_code == 201 else None


def _created_or_none(api, path, body):
    response = api.post(path, body)
    assert response.status_code in (201, 400), response.text
    return response.json() if response.status_code == 201 else None


def _record_finding(api, inspection_id, official_id):
    response = api.post("/api/v1/inspections/{}/findings".format(inspection_id), {
        "violation_type": "APPOINTMENT_PROCEDURE", "description": "Bổ nhiệm không đúng quy trình",
        "severity": "SERIOUS", "responsible_official_ids": [official_id]})
    return response.json() if response.status_code == 201 else None


def _submit_feedback(anonymous, unit_id, official_id):
    response = anonymous.post("/api/v1/feedback", {
        "submitter_type": "CA_NHAN", "name": "Phạm Văn Dân", "address": "Phường 5, TP Cà Mau",
        "phone": "0912345678", "channel": "DIEN_TU", "kind": "CONDUCT", "title": "Cán bộ gây khó khăn",
        "content": "Cán bộ tiếp nhận hồ sơ yêu cầu bổ sung giấy tờ không đúng quy định.",
        "target_unit_id": unit_id, "official_id": official_id})
    return response.json() if response.status_code == 201 else None


def _reviews_if(api, official_id, count):
    items = api.get("/api/v1/reviews", official_id=official_id).json()["items"]
    return items if len(items) >= count else None


def test_the_request_id_follows_the_request_into_the_events_it_causes(api, system_config):
    from tests.helpers import bind_spy_queue, drain
    spy = bind_spy_queue(system_config["AMQP_URI"], "personnel.events", "unit_created", "spy-trace")
    response = api.session.post(api.base_url + "/api/v1/units", json={
        "code": "STP", "name": "Sở Tư pháp", "unit_type": "SO", "level": "PROVINCE", "valid_from": "2017-01-01"},
        headers={"X-Request-ID": "trace-0001-abcd"}, timeout=10)
    assert response.status_code == 201 and response.headers["X-Request-ID"] == "trace-0001-abcd"
    (event, _), = wait_until(lambda: drain(system_config["AMQP_URI"], spy))
    assert event["correlationid"] == "trace-0001-abcd"
