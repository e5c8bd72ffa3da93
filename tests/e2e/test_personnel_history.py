"""Issue 15 through the gateway: the service history (quá trình công tác) and organisation changes on a date.

The 2025 merger in one call; a transfer dated in the past and its correction; a 2024 report unchanged by 2025
moves; the other services following official_transferred."""
from tests.helpers import wait_until

DECISION = {"number": "1/QĐ-UBND", "signer": "Chủ tịch UBND tỉnh", "signed_on": "2025-06-20",
            "legal_basis": "Resolution 202/2025/QH15; Law 72/2025/QH15"}


def make_unit(api, code, valid_from="2004-01-01", parent=None, level="PROVINCE"):
    return api.created("/api/v1/units", {"code": code, "name": "Đơn vị " + code, "unit_type": "UBND", "level": level,
                                         "valid_from": valid_from, "parent_id": parent["id"] if parent else None})


def make_position(api, unit, quota=2):
    return api.created("/api/v1/positions", {"unit_id": unit["id"], "title": "Chuyên viên " + unit["code"],
                                             "group": "PROFESSIONAL", "rank": "01.003", "headcount_quota": quota})


def register(api, unit, position, number, start="2015-01-01"):
    return api.created("/api/v1/officials", {
        "full_name": "Cán bộ {}".format(number), "national_id": "0961900{:05d}".format(number),
        "birth_date": "1985-01-01", "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"],
        "rank": "01.003", "service_start_date": start, "qualifications": [
            {"kind": "EDUCATION", "level": "DAI_HOC", "obtained_on": "2010-06-30"},
            {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN", "obtained_on": "2014-06-30"},
            {"kind": "IT_SKILL", "level": "BASIC", "obtained_on": "2014-06-30"},
            {"kind": "FOREIGN_LANGUAGE", "level": "BAC_2", "obtained_on": "2014-06-30"}]})


def staffing(api, unit, day):
    response = api.get("/api/v1/units/{}/staffing".format(unit["id"]), as_of=day)
    assert response.status_code == 200, response.text
    return response.json()


def tree(api, day):
    return sorted((u["code"], u["parent_id"]) for u in api.get("/api/v1/units", as_of=day).json()["items"])


def history(api, official):
    return api.get("/api/v1/officials/{}/history".format(official["id"])).json()


def test_the_2025_merger_and_district_abolition_in_one_call(api):
    ca_mau, bac_lieu = make_unit(api, "CM-R"), make_unit(api, "BL-R")
    district = make_unit(api, "PT-R", parent=ca_mau, level="DISTRICT")
    department = make_unit(api, "SNV-R", parent=ca_mau)
    province = make_unit(api, "CMN-R", valid_from="2025-07-01")
    commune = make_unit(api, "XA-R", valid_from="2025-07-01", parent=province, level="COMMUNE")
    in_district, in_department, in_bac_lieu = (make_position(api, u) for u in (district, department, bac_lieu))
    a = register(api, district, in_district, 1)
    b = register(api, department, in_department, 2)
    c = register(api, bac_lieu, in_bac_lieu, 3)

    # Refused without successors while officials and positions are still in force under it.
    refused = api.post("/api/v1/units/{}/closure".format(district["id"]), {"valid_to": "2025-06-30",
                                                                          "decision_ref": "NQ"})
    assert refused.status_code == 422 and refused.json()["rule"] == "UNIT_NOT_EMPTY", refused.text

    before = {"tree": tree(api, "2025-06-30"), "staffing": [staffing(api, u, "2025-06-30") for u in (ca_mau, bac_lieu)],
              "compliance": api.get("/api/v1/compliance", as_of="2025-06-30").json()}
    done = api.post("/api/v1/units/reorganisations", {"effective_from": "2025-07-01", "decision": DECISION,
                                                      "closures": [
        {"unit_id": ca_mau["id"], "successor_id": province["id"]},
        {"unit_id": bac_lieu["id"], "successor_id": province["id"]},
        {"unit_id": district["id"], "successor_id": commune["id"]}]})
    assert done.status_code == 201, done.text
    assert sorted(done.json()["official_ids"]) == sorted([a["id"], c["id"]])     # b stays in the department
    reparented = {(r["unit_id"], r["successor_id"]) for r in done.json()["reparented"]}
    assert reparented == {(department["id"], province["id"])}
    again = api.post("/api/v1/units/reorganisations", {"effective_from": "2025-07-01", "decision": DECISION,
                                                       "closures": [{"unit_id": ca_mau["id"],
                                                                     "successor_id": province["id"]}]})
    assert again.status_code == 409

    # As of 2025-06-30 nothing changed: staffing, the tree, compliance.
    assert {"tree": tree(api, "2025-06-30"), "staffing": [staffing(api, u, "2025-06-30") for u in (ca_mau, bac_lieu)],
            "compliance": api.get("/api/v1/compliance", as_of="2025-06-30").json()} == before
    assert staffing(api, ca_mau, "2025-06-30")["filled"] == 2

    # As of 2025-07-02 the officials and positions are in the successors.
    new_province = staffing(api, province, "2025-07-02")
    assert (new_province["filled"], new_province["quota"]) == (3, 6)
    assert {row["position_id"]: row["unit_id"] for row in new_province["positions"]} == {
        in_district["id"]: commune["id"], in_department["id"]: department["id"], in_bac_lieu["id"]: province["id"]}
    assert staffing(api, commune, "2025-07-02")["filled"] == 1
    assert ("SNV-R", province["id"]) in tree(api, "2025-07-02") and ("SNV-R", ca_mau["id"]) in tree(api, "2025-06-30")
    assert api.get("/api/v1/units/{}/staffing".format(ca_mau["id"]), as_of="2025-07-02").status_code == 422

    # Their history shows both placements; the official's unit today is the successor.
    placements = [(r["unit_id"], r["effective_from"], r["decision"] and r["decision"]["number"])
                  for r in history(api, a)["records"] if r["kind"] == "PLACEMENT"]
    assert placements == [(district["id"], "2015-01-01", None), (commune["id"], "2025-07-01", "1/QĐ-UBND")]
    assert api.get("/api/v1/officials/{}".format(c["id"])).json()["unit_id"] == province["id"]

    assert api.get("/api/v1/officials", unit_id=province["id"], include_sub_units="true").json()["total"] == 3


def test_a_transfer_dated_in_the_past_and_its_correction(api):
    first, second = make_unit(api, "U1-T"), make_unit(api, "U2-T")
    p1, p2 = make_position(api, first), make_position(api, second)
    official = register(api, first, p1, 11)
    path = "/api/v1/officials/{}".format(official["id"])

    refused = api.session.patch(api.base_url + path, json={"unit_id": second["id"], "position_id": p2["id"]})
    assert refused.status_code == 400
    assert refused.json()["fields"]["unit_id"] == ["changed by a dated decision: use "
                                                   "POST /api/v1/officials/{id}/transfers"]
    assert api.session.patch(api.base_url + path, json={"full_name": "Cán bộ Mười Một"}).status_code == 200

    decision = dict(DECISION, number="7/QĐ-SNV", signed_on="2024-02-20")
    moved = api.post(path + "/transfers", {"position_id": p2["id"], "effective_from": "2024-03-01",
                                           "decision": decision})
    assert moved.status_code == 201, moved.text
    assert (moved.json()["unit_id"], moved.json()["position_id"]) == (second["id"], p2["id"])
    assert [staffing(api, first, d)["filled"] for d in ("2024-02-29", "2024-03-01")] == [1, 0]
    assert [staffing(api, second, d)["filled"] for d in ("2024-02-29", "2024-03-01")] == [0, 1]
    future = api.post(path + "/transfers", {"position_id": p1["id"], "effective_from": "2099-01-01",
                                            "decision": decision})
    assert future.status_code == 400 and "effective_from" in future.json()["fields"]
    no_decision = api.post(path + "/transfers", {"position_id": p1["id"], "effective_from": "2024-05-01"})
    assert no_decision.status_code == 400 and "decision" in no_decision.json()["fields"]

    # The transfer took effect on 1 June, not 1 March: a correction supersedes the record, which is kept.
    [wrong] = [r for r in history(api, official)["records"] if r["kind"] == "PLACEMENT" and r["decision"]]
    fixed = api.post(path + "/history/{}/correction".format(wrong["id"]), {
        "effective_from": "2024-06-01", "reason": "Ngày hiệu lực ghi sai",
        "decision": dict(decision, number="8/QĐ-SNV", signed_on="2024-06-10")})
    assert fixed.status_code == 201, fixed.text
    records = {r["id"]: r for r in fixed.json()["records"]}
    kept = records[wrong["id"]]
    assert (kept["superseded"], kept["effective_from"], kept["correction_reason"]) == (
        True, "2024-03-01", "Ngày hiệu lực ghi sai")
    assert records[kept["superseded_by"]]["supersedes"] == wrong["id"]
    assert records[kept["superseded_by"]]["effective_from"] == "2024-06-01"
    assert [staffing(api, first, d)["filled"] for d in ("2024-04-01", "2024-06-01")] == [1, 0]
    assert api.post(path + "/history/{}/correction".format(wrong["id"]), {
        "effective_from": "2024-07-01", "reason": "x", "decision": decision}).status_code == 409
    assert api.post(path + "/history/nope/correction", {"reason": "x", "decision": decision}).status_code == 404

    # Rank, salary and a post are dated decisions too.
    assert api.post(path + "/rank-changes", {"rank": "01.002", "effective_from": "2025-01-01",
                                             "decision": decision}).status_code == 201
    assert api.post(path + "/salary-changes", {"salary_step": 3, "coefficient": 3.0, "effective_from": "2025-01-01",
                                               "decision": decision}).status_code == 201
    appointed = api.post(path + "/posts", {"post_title": "Phó Trưởng phòng", "effective_from": "2025-02-01",
                                           "term_end": "2030-01-31", "decision": decision})
    assert appointed.status_code == 201, appointed.text
    now = api.get(path).json()
    assert (now["rank"], now["salary_step"]) == ("01.002", 3)
    assert {r["kind"] for r in history(api, official)["records"]} == {"PLACEMENT", "RANK", "SALARY", "POST"}
    assert api.get(path + "/standards", as_of="2024-12-31").json()["met"] is True      # 01.003 then

    # Inspection follows the dated placement: the official answers for unit 1 only until 31 May 2024.
    inspection = api.created("/api/v1/inspections", {
        "title": "Thanh tra công tác cán bộ", "kind": "THANH_TRA", "form": "PLANNED", "topic": "PERSONNEL_WORK",
        "unit_id": first["id"], "decision_date": "2025-08-01", "team": ["Trần Thị B"]})

    def blame(day):
        return api.post("/api/v1/inspections/{}/findings".format(inspection["id"]), {
            "violation_type": "TTHC_OVERDUE", "description": "Hồ sơ trễ hạn", "severity": "SERIOUS",
            "tthc_domain": "LAND", "responsible_official_ids": [official["id"]], "violation_date": day})
    wait_until(lambda: blame("2024-07-01").status_code == 400, message="inspection follows the correction")
    assert blame("2024-05-31").status_code == 201


def test_a_2024_report_is_identical_before_and_after_2025_moves(api):
    province, other = make_unit(api, "TINH-Y"), make_unit(api, "KHAC-Y")
    department = make_unit(api, "SO-Y", parent=province)
    office = make_unit(api, "PHONG-Y", parent=department)
    successor = make_unit(api, "MOI-Y", valid_from="2025-07-01")
    positions = [make_position(api, u) for u in (department, office, other)]
    people = [register(api, u, p, 20 + i) for i, (u, p) in enumerate(zip((department, office, other), positions))]

    def reports():
        return {"province": api.get("/api/v1/reports/annual", year=2024).json(),
                "scorecard": api.get("/api/v1/units/{}/scorecard".format(province["id"]), year=2024).json(),
                "tree": tree(api, "2024-12-31"),
                "staffing": staffing(api, department, "2024-12-31")}
    before = reports()
    assert before["scorecard"]["staffing"]["filled"] == 2

    decision = dict(DECISION, number="9/QĐ-UBND", signed_on="2025-02-01")
    moved = api.session.patch(api.base_url + "/api/v1/units/{}".format(office["id"]), json={
        "parent_id": other["id"], "effective_from": "2025-02-01", "decision_ref": "9/QĐ-UBND"})
    assert moved.status_code == 200, moved.text
    undated = api.session.patch(api.base_url + "/api/v1/units/{}".format(office["id"]), json={
        "parent_id": province["id"]})
    assert undated.status_code == 400 and "effective_from" in undated.json()["fields"]
    path = "/api/v1/officials/{}".format(people[0]["id"])
    assert api.post(path + "/transfers", {"position_id": positions[2]["id"], "effective_from": "2025-03-01",
                                          "decision": decision}).status_code == 201
    assert api.post(path + "/rank-changes", {"rank": "01.004", "effective_from": "2025-03-01",
                                             "decision": decision}).status_code == 201
    assert api.post("/api/v1/units/reorganisations", {
        "effective_from": "2025-07-01", "decision": dict(decision, number="10/QĐ-UBND"),
        "closures": [{"unit_id": department["id"], "successor_id": successor["id"]}]}).status_code == 201

    assert reports() == before
    assert ("PHONG-Y", other["id"]) in tree(api, "2025-02-01")
    assert staffing(api, department, "2024-12-31")["filled"] == 2
