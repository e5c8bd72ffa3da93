"""Issue 3 through the gateway: a unit tree, positions with quotas, officials imported from CSV, the
staffing report and standards compliance."""


def test_build_a_tree_import_officials_and_see_staffing_and_compliance(api):
    province = api.created("/api/v1/units", {"code": "CM-T", "name": "UBND tỉnh Cà Mau", "unit_type": "UBND",
                                             "level": "PROVINCE", "valid_from": "2025-07-01"})
    department = api.created("/api/v1/units", {"code": "SNV-T", "name": "Sở Nội vụ", "unit_type": "SO",
                                               "level": "PROVINCE", "parent_id": province["id"],
                                               "valid_from": "2025-07-01"})
    commune = api.created("/api/v1/units", {"code": "XA-TT", "name": "UBND xã Tân Thành", "unit_type": "UBND_XA",
                                            "level": "COMMUNE", "parent_id": province["id"],
                                            "valid_from": "2025-07-01"})
    specialist = api.created("/api/v1/positions", {
        "unit_id": department["id"], "title": "Chuyên viên tổ chức cán bộ", "group": "PROFESSIONAL", "rank": "01.003",
        "headcount_quota": 3, "requirements": [{"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP"}]})
    clerk = api.created("/api/v1/positions", {"unit_id": commune["id"], "title": "Công chức văn phòng - thống kê",
                                              "group": "PROFESSIONAL", "rank": "01.004", "headcount_quota": 2})

    # Qualification columns: what the ranks require under Circular 02/2021/TT-BNV (01.003: university and the
    # state-management programme; 01.004: college), so the specialists' only gap is the position's theory.
    csv_text = ("full_name,national_id,birth_date,category,unit_code,position_id,rank,service_start_date,"
                "education,education_field,state_management,qualifications_obtained_on\n"
                "Nguyễn Thị Hồng Nhung,096190100001,1990-02-03,CONG_CHUC,SNV-T,{s},01.003,2015-09-01,"
                "DAI_HOC,Luật,CHUYEN_VIEN,2017-06-30\n"
                "Trần Văn Đức,096190100002,1988-07-09,CONG_CHUC,SNV-T,{s},01.003,2012-01-01,DAI_HOC,,CHUYEN_VIEN,\n"
                "Lý Thị Mỹ,096190100003,1995-05-05,CONG_CHUC,XA-TT,{c},01.004,2020-03-01,CAO_DANG,,,\n"
                "Sai Ngày Sinh,096190100004,05/05/1995,CONG_CHUC,XA-TT,{c},01.004,2020-03-01,CU_NHAN,,,\n").format(
        s=specialist["id"], c=clerk["id"])
    url = api.base_url + "/api/v1/officials/import"
    headers = {"Content-Type": "text/csv; charset=utf-8"}
    dry = api.session.post(url, params={"dry_run": "true"}, data=csv_text.encode("utf-8"), headers=headers)
    assert dry.status_code == 200, dry.text
    assert [r["status"] for r in dry.json()["rows"]] == ["VALID", "VALID", "VALID", "ERROR"]
    assert api.get("/api/v1/officials", unit_id=province["id"], include_sub_units="true").json()["total"] == 0

    report = api.session.post(url, data=csv_text.encode("utf-8"), headers=headers).json()
    assert (report["created"], report["failed"]) == (3, 1)
    assert {"birth_date", "education"} <= set(report["rows"][3]["errors"])
    assert api.session.post(url, data="ừ".encode("utf-16"), headers=headers).status_code == 400

    tree = api.get("/api/v1/officials", unit_id=province["id"], include_sub_units="true").json()
    assert tree["total"] == 3
    assert [o["full_name"] for o in api.get("/api/v1/officials", q="nguyen thi").json()["items"]] == [
        "Nguyễn Thị Hồng Nhung"]

    staffing = api.get("/api/v1/units/{}/staffing".format(province["id"])).json()
    assert (staffing["quota"], staffing["filled"], staffing["vacant"]) == (5, 3, 2)
    assert {r["rank"]: r["count"] for r in staffing["rank_structure"]} == {"01.003": 2, "01.004": 1}
    too_early = api.get("/api/v1/units/{}/staffing".format(province["id"]), as_of="2024-01-01")
    assert too_early.status_code == 422 and too_early.json()["rule"] == "UNIT_NOT_IN_FORCE"

    compliance = api.get("/api/v1/units/{}/compliance".format(province["id"])).json()
    assert (compliance["officials"], compliance["met"]) == (3, 1)     # the two specialists lack political theory
    nhung = api.get("/api/v1/officials", q="Nhung").json()["items"][0]
    assert [(g["kind"], g["source"]) for g in nhung["standards"]["missing"]] == [("POLITICAL_THEORY", "position")]
    assert {u["unit_id"]: u["rate"] for u in compliance["units"]} == {department["id"]: 0.0, commune["id"]: 1.0}
    assert api.get("/api/v1/compliance").status_code == 200

    year = int(staffing["as_of"][:4])
    scorecard = api.get("/api/v1/units/{}/scorecard".format(province["id"]), year=year).json()
    assert "personnel" not in [part["service"] for part in scorecard["unavailable"]]
    assert (scorecard["indicators"]["standards_met"]["value"], scorecard["indicators"]["standards_met"]["of"]) == (1, 3)


def test_districts_abolished_in_2025_are_history_queried_as_of_a_date(api):
    province = api.created("/api/v1/units", {"code": "CM-H", "name": "Tỉnh Cà Mau", "unit_type": "UBND",
                                             "level": "PROVINCE", "valid_from": "2004-01-01"})
    district = api.created("/api/v1/units", {"code": "PT-H", "name": "Huyện Phú Tân", "unit_type": "UBND_HUYEN",
                                             "level": "DISTRICT", "parent_id": province["id"],
                                             "valid_from": "2004-01-01"})
    commune = api.created("/api/v1/units", {"code": "XA-PT-H", "name": "Xã Phú Tân", "unit_type": "UBND_XA",
                                            "level": "COMMUNE", "parent_id": province["id"],
                                            "valid_from": "2025-07-01"})
    closed = api.post("/api/v1/units/{}/closure".format(district["id"]), {
        "valid_to": "2025-06-30", "successor_ids": [commune["id"]], "decision_ref": "Kết thúc cấp huyện 1/7/2025"})
    assert closed.status_code == 200 and closed.json()["successor_ids"] == [commune["id"]], closed.text
    under = lambda day: {u["code"] for u in api.get("/api/v1/units", parent_id=province["id"],  # noqa: E731
                                                    as_of=day).json()["items"]}
    assert under("2025-06-30") == {"PT-H"} and under("2025-07-01") == {"XA-PT-H"}
    refused = api.post("/api/v1/positions", {"unit_id": district["id"], "title": "x", "group": "SUPPORT",
                                             "rank": "01.005"})
    assert refused.status_code == 422 and refused.json()["legal_basis"] == "Kết thúc cấp huyện 1/7/2025"
    renamed = api.session.patch(api.base_url + "/api/v1/units/{}".format(commune["id"]), json={"name": "Xã Tân Hải"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Xã Tân Hải"
