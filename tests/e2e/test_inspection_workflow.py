"""Issue 5 through the gateway: an annual plan carried to 100%, the stage machine's refusals, a failed
inspection opening exactly one review per named official (even when its event is redelivered), and an
overdue recommendation announced once and followed through to closing."""
from datetime import date

from services.common.envelope import new_event
from tests.helpers import bind_spy_queue, drain, publish_raw, wait_until

DRAFTED = (("FIELDWORK", "2025-08-04"), ("RESULT_REPORT", "2025-08-20"), ("DRAFT_CONCLUSION", "2025-08-25"))


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def new_unit(api, code, name):
    return api.created("/api/v1/units", {"code": code, "name": name, "unit_type": "UBND_XA", "level": "COMMUNE",
                                         "valid_from": "2025-07-01"})


def new_official(api, unit, national_id, full_name):
    position = api.created("/api/v1/positions", {"unit_id": unit["id"], "title": "Công chức tư pháp - hộ tịch",
                                                 "group": "PROFESSIONAL", "rank": "01.003"})
    return api.created("/api/v1/officials", {
        "full_name": full_name, "national_id": national_id, "birth_date": "1988-06-01", "category": "CONG_CHUC",
        "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003", "service_start_date": "2012-01-01"})


def created_when_known(api, path, body):
    """Inspection learns units and officials from personnel's events: until then they are unknown (400)."""
    def attempt():
        response = api.post(path, body)
        assert response.status_code in (201, 400), response.text
        return response.json() if response.status_code == 201 else None
    return wait_until(attempt, message="inspection never learned about the units or officials")


def opening(unit_id, **overrides):
    return dict({"title": "Thanh tra công tác cán bộ năm 2025", "kind": "THANH_TRA", "form": "PLANNED",
                 "topic": "PERSONNEL_WORK", "unit_id": unit_id, "decision_date": "2025-08-01",
                 "team": ["Thanh tra Sở Nội vụ"]}, **overrides)


def to_draft(api, inspection_id):
    for stage, day in DRAFTED:
        ok(api.post("/api/v1/inspections/{}/stage".format(inspection_id), {"stage": stage, "entered_on": day}))


def conclude(api, inspection_id, result="PASSED", recommendations=()):
    return ok(api.post("/api/v1/inspections/{}/conclusion".format(inspection_id), {
        "result": result, "concluded_on": "2025-09-15", "summary": "Kết luận thanh tra",
        "recommendations": list(recommendations)}))


def test_a_plan_of_six_units_is_carried_to_100_percent(api):
    units = [new_unit(api, "XP-{}".format(n), "UBND xã Kế Hoạch {}".format(n)) for n in range(1, 7)]
    plan = created_when_known(api, "/api/v1/inspection/plans", {
        "year": 2025, "title": "Kế hoạch thanh tra công tác cán bộ năm 2025", "approved_on": "2025-07-10",
        "items": [{"unit_id": u["id"], "topic": "PERSONNEL_WORK", "kind": "THANH_TRA"} for u in units]})
    assert (plan["planned"], plan["done"], plan["percent_done"]) == (6, 0, 0.0)

    for index, item in enumerate(plan["items"]):
        inspection = api.created("/api/v1/inspections", opening(item["unit_id"], plan_id=plan["id"],
                                                                 plan_item_id=item["id"]))
        to_draft(api, inspection["id"])
        conclude(api, inspection["id"], result="PASSED" if index % 2 else "PASSED_WITH_REMARKS")
        if index == 2:
            assert ok(api.get("/api/v1/inspection/plans/{}".format(plan["id"])))["percent_done"] == 50.0
    api.created("/api/v1/inspections", opening(units[0]["id"], form="AD_HOC", topic="PUBLIC_DUTY"))

    done = ok(api.get("/api/v1/inspection/plans/{}".format(plan["id"])))
    assert (done["planned"], done["done"], done["percent_done"], done["ad_hoc"]) == (6, 6, 100.0, 1)
    assert all(item["done"] and item["stage"] == "CONCLUSION" for item in done["items"])
    listed = ok(api.get("/api/v1/inspection/plans", year=2025))
    assert [p["id"] for p in listed["items"]] == [plan["id"]] and listed["items"][0]["percent_done"] == 100.0
    again = api.post("/api/v1/inspections", opening(units[0]["id"], plan_id=plan["id"],
                                                    plan_item_id=plan["items"][0]["id"]))
    assert again.status_code == 409, again.text


def test_the_stage_machine_refuses_skipping_reversing_and_concluding_without_a_results_report(api):
    unit = new_unit(api, "XS-1", "UBND xã Giai Đoạn")
    inspection = created_when_known(api, "/api/v1/inspections", opening(unit["id"]))
    path = "/api/v1/inspections/{}".format(inspection["id"])
    skipped = api.post(path + "/stage", {"stage": "RESULT_REPORT", "entered_on": "2025-08-10"})
    assert skipped.status_code == 422, skipped.text
    assert skipped.json()["rule"] == "INSPECTION_STAGE_ORDER" and "Law 84/2025/QH15" in skipped.json()["legal_basis"]
    ok(api.post(path + "/stage", {"stage": "FIELDWORK", "entered_on": "2025-08-04"}))
    early = api.post(path + "/conclusion", {"result": "PASSED", "concluded_on": "2025-08-05", "summary": "KL"})
    assert early.status_code == 422 and early.json()["rule"] == "CONCLUSION_NEEDS_RESULT_REPORT", early.text
    back = api.post(path + "/stage", {"stage": "DECISION", "entered_on": "2025-08-05"})
    assert back.status_code == 422 and "only forward" in back.json()["message"], back.text

    view = ok(api.post(path + "/stage", {"stage": "RESULT_REPORT", "entered_on": "2025-08-28"}))
    draft = view["deadlines"][0]
    assert (draft["stage"], draft["due_on"], draft["overdue"]) == ("DRAFT_CONCLUSION", "2025-09-08", True)
    assert view["overdue"] is True
    ok(api.post(path + "/stage", {"stage": "DRAFT_CONCLUSION", "entered_on": "2025-09-05"}))
    no_owner = api.post(path + "/conclusion", {"result": "FAILED", "concluded_on": "2025-09-15", "summary": "KL",
                                               "recommendations": [{"content": "Chấn chỉnh", "due_on": "2025-10-01"}]})
    assert no_owner.status_code == 400, no_owner.text
    assert no_owner.json()["fields"]["recommendations"] == {"0": {"owner": ["Missing data for required field."]}}
    assert ok(api.get(path))["stage"] == "DRAFT_CONCLUSION"     # nothing half-written


def test_a_failed_inspection_naming_two_officials_opens_exactly_two_reviews_even_if_redelivered(api, system_config):
    amqp = system_config["AMQP_URI"]
    spy = bind_spy_queue(amqp, "inspection.events", "inspection_concluded", "spy-inspection-concluded")
    unit, other_unit = new_unit(api, "XF-1", "UBND xã Vi Phạm"), new_unit(api, "XF-2", "UBND xã Khác")
    first = new_official(api, unit, "096188001001", "Trần Văn Một")
    second = new_official(api, unit, "096188001002", "Lê Thị Hai")
    outsider = new_official(api, other_unit, "096188001003", "Ngô Văn Ba")
    inspection = created_when_known(api, "/api/v1/inspections", opening(unit["id"], topic="TTHC_COMPLIANCE"))
    findings = "/api/v1/inspections/{}/findings".format(inspection["id"])
    for official, domain in ((first, "JUSTICE_CIVIL_STATUS"), (second, "LAND")):
        created_when_known(api, findings, {
            "violation_type": "TTHC_OVERDUE", "description": "Giải quyết hồ sơ trễ hạn", "severity": "SERIOUS",
            "responsible_official_ids": [official["id"]], "tthc_domain": domain, "violation_date": "2025-07-15"})
    wrong = wait_until(lambda: _refusal_once_known(api.post(findings, {
        "violation_type": "TTHC_OVERDUE", "description": "x", "severity": "SERIOUS",
        "responsible_official_ids": [outsider["id"]]})))
    assert "not to the inspected unit" in wrong["fields"]["responsible_official_ids"][0]
    to_draft(api, inspection["id"])
    conclude(api, inspection["id"], result="FAILED")

    reviews = wait_until(lambda: _reviews_of(api, inspection["id"], 2), timeout=8,
                         message="the failed inspection did not open two reviews")
    assert sorted(r["official_id"] for r in reviews) == sorted([first["id"], second["id"]])

    (envelope, _), = wait_until(lambda: drain(amqp, spy), message="inspection_concluded was not published")
    assert envelope["data"]["result"] == "FAILED" and len(envelope["data"]["findings"]) == 2
    publish_raw(amqp, "inspection.events", "inspection_concluded", envelope)     # the same envelope again
    # then a marker event behind it on the same queue: once its review exists, the duplicate was handled too
    publish_raw(amqp, "inspection.events", "inspection_concluded", new_event("inspection", "inspection_concluded", dict(
        envelope["data"], inspection_id="insp-marker", findings=envelope["data"]["findings"][:1]), "insp-marker"))
    wait_until(lambda: _reviews_of(api, "insp-marker", 1), timeout=8, message="the marker event was not handled")
    assert len(_reviews_of(api, inspection["id"], 0)) == 2

    report = ok(api.get("/api/v1/inspection/violations", unit_id=unit["id"], **{"from": "2025-01-01",
                                                                                "to": date.today().isoformat()}))
    assert report["total"] == 2
    assert {(row["tthc_domain"], row["count"]) for row in report["by_unit"]} == {("JUSTICE_CIVIL_STATUS", 1),
                                                                                ("LAND", 1)}


def test_an_overdue_recommendation_is_announced_once_and_closing_waits_for_every_recommendation(api, system_config):
    amqp = system_config["AMQP_URI"]
    spy = bind_spy_queue(amqp, "inspection.events", "recommendation_overdue", "spy-recommendation-overdue")
    unit = new_unit(api, "XO-1", "UBND xã Theo Dõi")
    inspection = created_when_known(api, "/api/v1/inspections", opening(unit["id"]))
    path = "/api/v1/inspections/{}".format(inspection["id"])
    to_draft(api, inspection["id"])
    view = conclude(api, inspection["id"], result="PASSED_WITH_REMARKS", recommendations=[
        {"content": "Chấn chỉnh hồ sơ bổ nhiệm", "owner": "Chủ tịch UBND xã", "due_on": "2025-10-15"},
        {"content": "Rà soát vị trí việc làm", "owner": "Công chức văn phòng", "due_on": "2099-12-31"}])
    late, later = [r["id"] for r in view["recommendations"]]

    scan = ok(api.post("/api/v1/inspection/overdue-scan", {}))
    assert [(f["inspection_id"], f["recommendation_id"]) for f in scan["flagged"]] == [(inspection["id"], late)]
    (event, _), = wait_until(lambda: drain(amqp, spy), message="recommendation_overdue was not published")
    assert event["type"] == "vn.camau.civilservice.inspection.recommendation_overdue.v1"
    assert event["data"] == {"inspection_id": inspection["id"], "recommendation_id": late, "unit_id": unit["id"],
                             "owner": "Chủ tịch UBND xã", "due_on": "2025-10-15"}
    assert ok(api.post("/api/v1/inspection/overdue-scan", {}))["flagged"] == []     # once per recommendation
    assert ok(api.get(path))["recommendations"][0]["overdue"] is True

    ok(api.post(path + "/stage", {"stage": "PUBLISHED", "entered_on": "2025-09-16"}))
    ok(api.post(path + "/stage", {"stage": "FOLLOW_UP", "entered_on": "2025-09-25"}))
    ok(api.post("{}/recommendations/{}/progress".format(path, late), {
        "reported_on": "2025-10-20", "note": "Đã chấn chỉnh xong", "status": "DONE"}))
    refused = api.post(path + "/stage", {"stage": "CLOSED", "entered_on": "2025-11-01"})
    assert refused.status_code == 422 and refused.json()["rule"] == "CLOSE_WHEN_RECOMMENDATIONS_SETTLED", refused.text
    no_reason = api.post("{}/recommendations/{}/progress".format(path, later), {
        "reported_on": "2025-10-20", "note": "Không còn cần thiết", "status": "WAIVED"})
    assert no_reason.status_code == 400, no_reason.text
    ok(api.post("{}/recommendations/{}/progress".format(path, later), {
        "reported_on": "2025-10-20", "note": "Không còn cần thiết", "status": "WAIVED",
        "waiver_reason": "Đơn vị đã sắp xếp lại theo Nghị quyết sáp nhập"}))
    closed = ok(api.post(path + "/stage", {"stage": "CLOSED", "entered_on": "2025-11-01"}))
    assert closed["stage"] == "CLOSED" and closed["overdue"] is False


def _refusal_once_known(response):
    """The refusal once the named official is known to inspection (an unknown official is also a 400)."""
    assert response.status_code == 400, response.text
    return None if "is not known" in response.text else response.json()


def _reviews_of(api, inspection_id, at_least):
    items = ok(api.get("/api/v1/reviews", limit=200))["items"]
    mine = [r for r in items if r["origin"] == "INSPECTION" and r["origin_ref"] == inspection_id]
    return mine if len(mine) >= at_least else None
