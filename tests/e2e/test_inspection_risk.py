"""Issue 5 risk signals through the gateway: units with many substantiated complaints (from the feedback
service's events) are proposed for an ad-hoc inspection, with the evidence."""
from tests.e2e.test_inspection_workflow import new_official, new_unit, ok
from tests.helpers import wait_until


def submit_when_known(anonymous, unit_id, official_id, title):
    def attempt():
        response = anonymous.post("/api/v1/feedback", {
            "submitter_type": "CA_NHAN", "name": "Phạm Văn Dân", "address": "Phường 5, TP Cà Mau",
            "phone": "0912345678", "kind": "CONDUCT", "title": title,
            "content": "Cán bộ tiếp nhận hồ sơ yêu cầu bổ sung giấy tờ không đúng quy định.",
            "target_unit_id": unit_id, "official_id": official_id})
        assert response.status_code in (201, 400), response.text
        return response.json() if response.status_code == 201 else None
    return wait_until(attempt, message="feedback never learned about the unit and official")


def substantiate(api, feedback_id):
    ok(api.post("/api/v1/feedback/{}/answer".format(feedback_id), {
        "answer": "Đã xác minh, phản ánh đúng; đã chấn chỉnh.", "substantiated": True}))


def test_units_with_many_substantiated_complaints_appear_as_risk_candidates(api, anonymous):
    risky, calm = new_unit(api, "XR-1", "UBND xã Nhiều Phản Ánh"), new_unit(api, "XR-2", "UBND xã Yên Ổn")
    risky_official = new_official(api, risky, "096189002001", "Đỗ Văn Rủi")
    calm_official = new_official(api, calm, "096189002002", "Mai Thị Lành")
    complaints = [submit_when_known(anonymous, risky["id"], risky_official["id"], "Phản ánh số {}".format(n))["id"]
                  for n in range(3)]
    for feedback_id in complaints:
        substantiate(api, feedback_id)
    substantiate(api, submit_when_known(anonymous, calm["id"], calm_official["id"], "Phản ánh khác")["id"])

    def candidates():
        items = ok(api.get("/api/v1/inspection/risk-candidates"))["items"]
        return items if any(c["unit_id"] == risky["id"] and c["substantiated"] == 3 for c in items) else None
    items = wait_until(candidates, timeout=8, message="the risky unit never became a risk candidate")
    [candidate] = [c for c in items if c["unit_id"] == risky["id"]]
    assert candidate["unit_name"] == "UBND xã Nhiều Phản Ánh" and candidate["received"] == 3
    assert sorted(e["feedback_id"] for e in candidate["evidence"]) == sorted(complaints)
    assert {e["fact"] for e in candidate["evidence"]} == {"SUBSTANTIATED"}
    assert calm["id"] not in [c["unit_id"] for c in items]       # one substantiated complaint: below the threshold

    inspection = api.created("/api/v1/inspections", {
        "title": "Kiểm tra đột xuất công vụ", "kind": "KIEM_TRA", "form": "AD_HOC", "topic": "PUBLIC_DUTY",
        "unit_id": risky["id"], "decision_date": candidate["evidence"][-1]["on"], "team": ["Thanh tra tỉnh"]})
    [again] = [c for c in ok(api.get("/api/v1/inspection/risk-candidates"))["items"] if c["unit_id"] == risky["id"]]
    assert again["last_inspection_id"] == inspection["id"]
    forbidden = anonymous.get("/api/v1/inspection/risk-candidates")
    assert forbidden.status_code == 401, forbidden.text
