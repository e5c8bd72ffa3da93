"""Issue 3 through the gateway: review cases from a failed inspection to a training need (docs/architecture.md flow 4)."""
from services.common.envelope import new_event
from tests.helpers import publish_raw, wait_until


def unit_position_official(api, code="SNV-R", national_id="096187004400"):
    unit = api.created("/api/v1/units", {"code": code, "name": "Phòng Nội vụ", "unit_type": "PHONG",
                                         "level": "PROVINCE", "valid_from": "2017-01-01"})
    position = api.created("/api/v1/positions", {"unit_id": unit["id"], "title": "Chuyên viên", "group": "PROFESSIONAL",
                                                 "rank": "01.003"})
    official = api.created("/api/v1/officials", {
        "full_name": "Võ Thị Lan", "national_id": national_id, "birth_date": "1985-04-04", "category": "CONG_CHUC",
        "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003", "service_start_date": "2010-01-01"})
    return unit, position, official


def test_a_review_opened_by_a_failed_inspection_decided_as_retraining_becomes_a_training_need(api, system_config):
    unit, _, official = unit_position_official(api)
    # The inspection service announces a failed inspection naming the official (contract in wave2.md); it is
    # published here as that service does, so this test does not depend on the inspection workflow's stages.
    publish_raw(system_config["AMQP_URI"], "inspection.events", "inspection_concluded", new_event(
        "inspection", "inspection_concluded", {
            "inspection_id": "insp-e2e-1", "unit_id": unit["id"], "result": "FAILED", "concluded_on": "2025-09-15",
            "findings": [{"finding_id": "f-e2e-1", "description": "Trả hồ sơ trễ hạn",
                          "responsible_official_ids": [official["id"]]}]}, subject="insp-e2e-1"))
    [review] = wait_until(lambda: api.get("/api/v1/reviews", official_id=official["id"]).json()["items"],
                          message="no review opened by the failed inspection")
    assert (review["status"], review["origin"], review["origin_ref"]) == ("OPEN", "INSPECTION", "insp-e2e-1")
    assert review["deadline"] == "2025-12-14"        # 90 days (Decree 172/2025)

    started = api.post("/api/v1/reviews/{}/investigation".format(review["id"]), {"started_on": "2025-09-20"})
    assert started.status_code == 200 and started.json()["status"] == "INVESTIGATING", started.text
    decided = api.post("/api/v1/reviews/{}/decision".format(review["id"]), {
        "outcome": "RETRAINING", "decided_on": "2025-10-01", "reason": "Bồi dưỡng lại kỹ năng giải quyết TTHC",
        "retraining_need": {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}, "content_area": "STATE_MANAGEMENT"})
    assert decided.status_code == 200, decided.text
    assert decided.json()["outcome"] == "RETRAINING"

    needs = wait_until(lambda: api.get("/api/v1/training/needs", official_id=official["id"],
                                       origin="REVIEW").json().get("items"),
                       timeout=8, message="the retraining decision never became a training need")
    assert [(n["origin_ref"], n["kind"], n["level"]) for n in needs] == [
        (review["id"], "STATE_MANAGEMENT", "CHUYEN_VIEN")]


def test_a_review_by_hand_blocks_resignation_until_decided_and_bad_input_is_refused(api):
    _, _, official = unit_position_official(api, code="SNV-H", national_id="096187004401")
    case = api.created("/api/v1/reviews", {"official_id": official["id"], "origin_ref": "CV 88/SNV",
                                           "reason": "Đơn phản ánh của công dân", "opened_on": "2025-08-01"})
    again = api.post("/api/v1/reviews", {"official_id": official["id"], "origin_ref": "CV 88/SNV",
                                         "reason": "lần hai", "opened_on": "2025-08-02"})
    assert again.status_code == 409, again.text
    resign = {"reason": "RESIGNATION", "separated_on": "2025-09-01", "decision_ref": "QĐ 5"}
    refused = api.post("/api/v1/officials/{}/separations".format(official["id"]), resign)
    assert refused.status_code == 422, refused.text
    assert refused.json()["rule"] == "RESIGNATION_DURING_REVIEW"
    assert refused.json()["legal_basis"] == "Decree 170/2025 art. 57(2)"

    early = api.post("/api/v1/reviews/{}/decision".format(case["id"]),
                     {"outcome": "NO_ACTION", "decided_on": "2025-08-20", "reason": "x"})
    assert early.status_code == 409, early.text
    bad = api.post("/api/v1/reviews/{}/decision".format(case["id"]), {"outcome": "PARDON", "decided_on": "x",
                                                                      "$where": 1})
    assert bad.status_code == 400 and {"outcome", "decided_on", "$where"} <= set(bad.json()["fields"])
    assert api.post("/api/v1/reviews/{}/investigation".format(case["id"]), {"started_on": "2025-08-05"}).ok
    assert api.post("/api/v1/reviews/{}/decision".format(case["id"]), {
        "outcome": "REMINDER", "decided_on": "2025-08-20", "reason": "Nhắc nhở"}).status_code == 200

    separated = api.post("/api/v1/officials/{}/separations".format(official["id"]), resign)
    assert separated.status_code == 201, separated.text
    assert api.get("/api/v1/officials/{}".format(official["id"])).json()["status"] == "SEPARATED"
    assert api.get("/api/v1/officials/{}/separations".format(official["id"])).json()["items"][0]["reason"] == \
        "RESIGNATION"
