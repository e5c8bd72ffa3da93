"""Feedback through the gateway (issue 6): a citizen's item from submission to rating, staff handling,
an overdue item's event, a substantiated answer opening a review, a dialogue in the statistics."""
import json
import uuid

from tests.helpers import bind_spy_queue, drain, wait_until

RATING = {"access": 5, "procedure": 4, "civil_servant": 5, "result": 5, "feedback_handling": 4}


def setup_unit_and_official(api):
    unit = api.created("/api/v1/units", {"code": "STP", "name": "Sở Tư pháp tỉnh Cà Mau", "unit_type": "SO",
                                         "level": "PROVINCE", "valid_from": "2017-01-01"})
    position = api.created("/api/v1/positions", {
        "unit_id": unit["id"], "title": "Chuyên viên hộ tịch", "group": "PROFESSIONAL", "rank": "01.003",
        "requirements": []})
    official = api.created("/api/v1/officials", {
        "full_name": "Lê Thị Thu", "national_id": "096190001234", "birth_date": "1990-02-14",
        "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003",
        "service_start_date": "2014-08-01"})
    return unit, official


def submission(unit_id, **overrides):
    return dict({"submitter_type": "CA_NHAN", "name": "Phạm Văn Dân", "address": "Phường 5, TP Cà Mau",
                 "phone": "0912345678", "kind": "PROCEDURE", "title": "Hồ sơ khai sinh trễ hẹn",
                 "content": "Tôi Phạm Văn Dân (0912345678) nộp hồ sơ khai sinh đã quá hẹn 10 ngày.",
                 "target_unit_id": unit_id, "procedure_code": "1.001193"}, **overrides)


def submit_when_known(client, body):
    """Feedback learns units and officials from personnel's events: until then the unit is unknown (400)."""
    def attempt():
        response = client.post("/api/v1/feedback", body)
        assert response.status_code in (201, 400), response.text
        return response.json() if response.status_code == 201 else None
    return wait_until(attempt, message="feedback never learned about the unit")


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def test_a_citizen_submits_tracks_gets_an_answer_on_time_and_rates_it(api, anonymous):
    unit, official = setup_unit_and_official(api)
    receipt = submit_when_known(anonymous, submission(unit["id"], content="<script>alert(1)</script> quá hạn"))
    code = receipt["tracking_code"]
    tracked = ok(anonymous.get("/api/v1/feedback/track/" + code.lower()))
    assert tracked["status"] == "RECEIVED" and tracked["submitter"]["name"] == "P*** V** D**"
    assert ok(api.get("/api/v1/feedback/" + receipt["id"]))["content"] == "<script>alert(1)</script> quá hạn"

    fid = receipt["id"]
    ok(api.post("/api/v1/feedback/{}/classification".format(fid), {"kind": "PROCEDURE",
                                                                  "procedure_domain": "CIVIL_STATUS"}))
    assigned = wait_until(lambda: _ok_or_none(api.post("/api/v1/feedback/{}/assignment".format(fid), {
        "unit_id": unit["id"], "officer_id": official["id"]})), message="feedback never learned the official")
    assert assigned["status"] == "FORWARDED" and assigned["assignment"]["officer_id"] == official["id"]
    ok(api.post("/api/v1/feedback/{}/status".format(fid), {"status": "IN_PROGRESS", "note": "Đang xác minh."}))
    rate_early = anonymous.post("/api/v1/feedback/track/{}/rating".format(code), RATING)
    assert rate_early.status_code == 409, rate_early.text

    answered = ok(api.post("/api/v1/feedback/{}/answer".format(fid), {"answer": "Đã trả kết quả khai sinh."}))
    assert answered["answer"]["on_time"] is True
    tracked = ok(anonymous.get("/api/v1/feedback/track/" + code))
    assert [h["status"] for h in tracked["history"]] == ["RECEIVED", "CLASSIFIED", "FORWARDED", "IN_PROGRESS",
                                                         "ANSWERED"]
    assert tracked["answer"]["text"] == "Đã trả kết quả khai sinh." and tracked["can_rate"] is True
    rated = ok(anonymous.post("/api/v1/feedback/track/{}/rating".format(code), RATING))
    assert rated["rating"]["access"] == 5 and rated["can_rate"] is False
    assert anonymous.post("/api/v1/feedback/track/{}/rating".format(code), RATING).status_code == 409

    published = ok(api.post("/api/v1/feedback/{}/publication".format(fid), {}))
    assert published["publication"]["on_time"] is True
    page = ok(anonymous.get("/api/v1/feedback/published", unit_id=unit["id"], procedure_code="1.001193"))
    assert page["total"] == 1 and page["items"][0]["answer"] == "Đã trả kết quả khai sinh."
    assert not any(v in json.dumps(page, ensure_ascii=False) for v in ("Phạm Văn Dân", "0912345678", code))
    figures = ok(api.get("/api/v1/feedback/statistics", unit_id=unit["id"]))
    assert figures["answered_on_time"] == 1 and figures["satisfaction"]["ratings"] == 1


def test_public_bad_input_is_refused_with_the_reason(api, anonymous):
    unit, _ = setup_unit_and_official(api)
    missing = anonymous.post("/api/v1/feedback", {k: v for k, v in submission(unit["id"]).items() if k != "phone"})
    assert missing.status_code == 400 and "phone" in missing.json()["fields"]
    empty = anonymous.post("/api/v1/feedback", submission(unit["id"], content=" ", title="x" * 201))
    assert empty.status_code == 400 and {"content", "title"} <= set(empty.json()["fields"])
    unknown_unit = anonymous.post("/api/v1/feedback", submission("unit-nowhere"))
    assert unknown_unit.status_code == 400 and "target_unit_id" in unknown_unit.json()["fields"]
    assert anonymous.get("/api/v1/feedback/track/PA-AAAAAAAAAAAAAAAA").status_code == 404
    assert anonymous.get("/api/v1/feedback/statistics").status_code == 401
    assert anonymous.post("/api/v1/dialogues", {}).status_code == 401


def test_an_overdue_item_raises_its_event_once(api, system_config):
    unit, _ = setup_unit_and_official(api)
    spy = bind_spy_queue(system_config["AMQP_URI"], "feedback.events", "feedback_overdue",
                         "spy-overdue-" + uuid.uuid4().hex[:8])
    # A letter received long ago and recorded late: its answer and update deadlines are already past.
    letter = wait_until(lambda: _ok_or_none(api.post("/api/v1/feedback/desk/records", submission(
        unit["id"], channel="BUU_CHINH", received_on="2025-01-02")), 201), message="unit never known")
    assert letter["answer_due"] == "2025-01-22" and letter["recorded_by"] == "admin"
    first = ok(api.post("/api/v1/feedback/deadlines/check"))
    assert first["flagged"] >= 2
    assert ok(api.post("/api/v1/feedback/deadlines/check"))["flagged"] == 0

    taken = []
    wait_until(lambda: taken.extend(drain(system_config["AMQP_URI"], spy)) or len(taken) >= 2,
               message="no feedback_overdue published")
    mine = [body["data"] for body, _ in taken if body["data"]["feedback_id"] == letter["id"]]
    assert sorted((d["deadline"], d["due_on"]) for d in mine) == [("ANSWER", "2025-01-22"),
                                                                   ("STATUS_UPDATE", "2025-01-09")]
    assert ok(api.get("/api/v1/feedback", overdue="true", unit_id=unit["id"]))["total"] == 1
    late = ok(api.post("/api/v1/feedback/{}/answer".format(letter["id"]), {"answer": "Trả lời muộn."}))
    assert late["answer"]["on_time"] is False
    assert ok(api.get("/api/v1/feedback/statistics", unit_id=unit["id"], **{"from": "2025-01-01"}))["overdue"] == 1


def test_a_substantiated_answer_about_an_official_opens_a_review(api, anonymous):
    unit, official = setup_unit_and_official(api)
    receipt = wait_until(lambda: _ok_or_none(anonymous.post("/api/v1/feedback", submission(
        unit["id"], kind="CONDUCT", official_id=official["id"], title="Cán bộ gây khó khăn")), 201),
        message="feedback never learned about the official")
    ok(api.post("/api/v1/feedback/{}/answer".format(receipt["id"]), {
        "answer": "Đã xác minh, phản ánh đúng; đã chấn chỉnh.", "substantiated": True}))
    reviews = wait_until(lambda: ok(api.get("/api/v1/reviews", official_id=official["id"]))["items"],
                         message="no review opened by the substantiated feedback")
    assert [(r["origin"], r["origin_ref"]) for r in reviews] == [("FEEDBACK", receipt["id"])]


def test_a_dialogue_with_5_items_shows_in_the_statistics(api):
    unit, _ = setup_unit_and_official(api)
    first = wait_until(lambda: _ok_or_none(api.post("/api/v1/feedback/desk/records", submission(
        unit["id"], channel="DOI_THOAI", received_on="2025-06-10")), 201), message="unit never known")
    ids = [first["id"]] + [ok(api.post("/api/v1/feedback/desk/records", submission(
        unit["id"], channel="DOI_THOAI", received_on="2025-06-10", title="Kiến nghị số {}".format(n))), 201)["id"]
        for n in range(2, 6)]
    held = ok(api.post("/api/v1/dialogues", {
        "unit_id": unit["id"], "held_on": "2025-06-10", "chair": "Giám đốc Sở Tư pháp", "participant_count": 85,
        "title": "Đối thoại với người dân về thủ tục hộ tịch", "feedback_ids": ids}), 201)
    assert ok(api.get("/api/v1/dialogues/" + held["id"]))["feedback_ids"] == ids
    assert ok(api.get("/api/v1/dialogues", unit_id=unit["id"]))["total"] == 1
    figures = ok(api.get("/api/v1/feedback/statistics", unit_id=unit["id"], **{"from": "2025-06-01",
                                                                              "to": "2025-06-30"}))
    assert figures["dialogues"] == {"held": 1, "participants": 85, "items_raised": 5}
    assert {g["key"]: g["received"] for g in figures["by_channel"]} == {"DOI_THOAI": 5}
    unknown = api.post("/api/v1/dialogues", {"unit_id": unit["id"], "held_on": "2025-06-10", "chair": "X",
                                             "participant_count": 3, "title": "T", "feedback_ids": ["fb-nope"]})
    assert unknown.status_code == 400 and "feedback_ids" in unknown.json()["fields"]


def _ok_or_none(response, status=200):
    assert response.status_code in (status, 400), response.text
    return response.json() if response.status_code == status else None


def test_public_feedback_attached_to_an_official_by_staff_and_substantiated_opens_a_review(api, anonymous):
    """Issue 17 item 4: a citizen cannot name an official's id; the desk attaches them, within its scope."""
    from tests.e2e.conftest import Api
    unit, official = setup_unit_and_official(api)
    other = api.created("/api/v1/units", {"code": "SNN", "name": "Sở Nông nghiệp", "unit_type": "SO",
                                          "level": "PROVINCE", "valid_from": "2017-01-01"})
    position = api.created("/api/v1/positions", {"unit_id": other["id"], "title": "Chuyên viên",
                                                 "group": "PROFESSIONAL", "rank": "01.003"})
    outsider = api.created("/api/v1/officials", {
        "full_name": "Võ Văn Khác", "national_id": "096190009999", "birth_date": "1991-03-03",
        "category": "CONG_CHUC", "unit_id": other["id"], "position_id": position["id"], "rank": "01.003",
        "service_start_date": "2015-01-01"})
    receipt = submit_when_known(anonymous, submission(unit["id"], kind="CONDUCT", title="Cán bộ gây khó khăn"))
    fid = receipt["id"]
    assert ok(api.get("/api/v1/feedback/" + fid))["official_id"] is None

    api.created("/api/v1/users", {"username": "desk.stp", "full_name": "Bộ phận một cửa STP",
                                  "password": "desk-officer-password", "roles": ["feedback_officer"],
                                  "unit_id": unit["id"]})
    desk = Api(anonymous.base_url).login("desk.stp", "desk-officer-password")
    path = "/api/v1/feedback/{}/subject".format(fid)
    outside = desk.post(path, {"official_id": outsider["id"], "reason": "Nhầm người."})
    assert outside.status_code == 403 and outside.json()["error"] == "OUTSIDE_SCOPE"
    # An unknown id: a scoped caller learns nothing (403 like any id outside the scope); a province-wide
    # one is told which field is wrong.
    assert desk.post(path, {"official_id": "off-nobody", "reason": "Không rõ."}).status_code == 403
    unknown = api.post(path, {"official_id": "off-nobody", "reason": "Không rõ."})
    assert unknown.status_code == 400 and "not found" in unknown.json()["fields"]["official_id"][0], unknown.text
    assert desk.post(path, {"official_id": official["id"]}).json()["fields"] == {"reason": [
        "Missing data for required field."]}

    attached = wait_until(lambda: _ok_or_none(desk.post(path, {
        "official_id": official["id"], "reason": "Xác minh: cán bộ tiếp nhận hồ sơ."})),
        message="feedback never learned the official")
    assert attached["official_id"] == official["id"]
    [change] = attached["subject_changes"]
    assert (change["changed_by"], change["official_id_from"], change["official_id_to"], change["reason"]) == (
        "desk.stp", None, official["id"], "Xác minh: cán bộ tiếp nhận hồ sơ.")
    assert ok(api.get("/api/v1/feedback/" + fid))["subject_changes"] == attached["subject_changes"]
    assert "subject_changes" not in ok(anonymous.get("/api/v1/feedback/track/" + receipt["tracking_code"]))

    answered = ok(desk.post("/api/v1/feedback/{}/answer".format(fid), {
        "answer": "Đã xác minh, phản ánh đúng; đã chấn chỉnh.", "substantiated": True}))
    assert answered["answer"]["substantiated"] is True
    reviews = wait_until(lambda: ok(api.get("/api/v1/reviews", official_id=official["id"]))["items"],
                         message="no review opened for the attached official")
    assert [(r["origin"], r["origin_ref"]) for r in reviews] == [("FEEDBACK", fid)]
    late = desk.post(path, {"official_id": None, "reason": "Sau trả lời."})
    assert late.status_code == 409, late.text
