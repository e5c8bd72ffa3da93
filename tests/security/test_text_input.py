"""Hostile text through the gateway: a lone surrogate or a control character is a 400 naming the
field, never a 500, and nothing is written (issue #12, finding 6)."""
import pytest

SURROGATE, NUL = "Sở \ud800 Nội vụ", "Sở\x00Nội vụ"
UNIT = {"code": "SNV", "name": "Sở Nội vụ", "unit_type": "SO", "level": "PROVINCE", "valid_from": "2017-01-01"}


def _refused(response, field):
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == "VALIDATION_ERROR" and list(body["fields"]) == [field], body
    return body


def _setup(api):
    unit = api.created("/api/v1/units", UNIT)
    position = api.created("/api/v1/positions", {"unit_id": unit["id"], "title": "Chuyên viên",
                                                  "group": "PROFESSIONAL", "rank": "01.003"})
    official = api.created("/api/v1/officials", {
        "full_name": "Lê Thị Thu", "national_id": "096190001234", "birth_date": "1990-02-14",
        "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003",
        "service_start_date": "2014-08-01"})
    return unit, position, official


@pytest.mark.parametrize("bad", [SURROGATE, NUL], ids=["lone surrogate", "NUL"])
def test_hostile_text_is_refused_on_every_write_that_once_answered_500_and_nothing_is_written(api, bad):
    unit, position, official = _setup(api)
    writes = [
        ("POST", "/api/v1/units", dict(UNIT, code="X1", name=bad), "name"),
        ("POST", "/api/v1/positions", {"unit_id": unit["id"], "title": bad, "group": "PROFESSIONAL",
                                       "rank": "01.003"}, "title"),
        ("POST", "/api/v1/officials", {
            "full_name": bad, "national_id": "096190009999", "birth_date": "1990-02-14", "category": "CONG_CHUC",
            "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003",
            "service_start_date": "2014-08-01"}, "full_name"),
        ("PATCH", "/api/v1/officials/{}".format(official["id"]), {"full_name": bad}, "full_name"),
        ("POST", "/api/v1/training/courses", {
            "title": bad, "kind": "FOSTERING", "content_area": "JOB_SPECIFIC", "organiser": "Sở Nội vụ",
            "start_date": "2024-03-04", "end_date": "2024-03-08", "hours": 40, "capacity": 10,
            "assessments": 1}, "title"),
        ("POST", "/api/v1/inspections", {
            "title": bad, "kind": "KIEM_TRA", "form": "AD_HOC", "topic": "PUBLIC_DUTY", "unit_id": unit["id"],
            "decision_date": "2024-03-01", "team": ["Thanh tra tỉnh"]}, "title"),
        ("POST", "/api/v1/users", {"username": "thu.hr", "full_name": bad, "password": "Vững-chắc-2026!x",
                                   "roles": ["viewer"]}, "full_name"),
        ("POST", "/api/v1/inspections", {
            "title": "Kiểm tra", "kind": "KIEM_TRA", "form": "AD_HOC", "topic": "PUBLIC_DUTY", "unit_id": unit["id"],
            "decision_date": "2024-03-01", "team": ["Thanh tra", bad]}, "team[1]"),
    ]
    for method, path, body, field in writes:
        _refused(api.session.request(method, api.base_url + path, json=body, timeout=15), field)

    assert api.get("/api/v1/units").json()["total"] == 1
    assert api.get("/api/v1/positions").json()["total"] == 1
    assert [o["full_name"] for o in api.get("/api/v1/officials").json()["items"]] == ["Lê Thị Thu"]
    assert api.get("/api/v1/training/courses").json()["total"] == 0
    assert api.get("/api/v1/inspections").json()["total"] == 0
    assert [u["username"] for u in api.get("/api/v1/users").json()["items"]] == ["admin"]


def test_hostile_text_in_a_query_string_is_refused_naming_the_parameter(api):
    _refused(api.get("/api/v1/officials", q="Thu\x00"), "q")


def test_hostile_text_in_a_csv_import_is_reported_for_its_row_and_nothing_is_written(api):
    unit, position, _ = _setup(api)
    csv = ("full_name,national_id,birth_date,category,unit_id,position_id,rank,service_start_date\n"
           "Trần \ud800 Văn,096190007777,1990-02-14,CONG_CHUC,{u},{p},01.003,2014-08-01\n").format(
        u=unit["id"], p=position["id"])
    response = api.session.post(api.base_url + "/api/v1/officials/import", timeout=15,
                                data=csv.encode("utf-8", "surrogatepass"), headers={"Content-Type": "text/csv"})
    assert response.status_code == 400 and "body" in response.json()["fields"]   # not UTF-8: refused whole
    escaped = csv.replace("\ud800", "\x01")
    response = api.session.post(api.base_url + "/api/v1/officials/import", timeout=15,
                                data=escaped.encode(), headers={"Content-Type": "text/csv"})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["created"] == 0 and "full_name" in report["rows"][0]["errors"], report
    assert api.get("/api/v1/officials").json()["total"] == 1
