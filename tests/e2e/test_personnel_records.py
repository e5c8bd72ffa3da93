"""Issue 3 through the gateway: rate a year, discipline someone and see their rating forced."""
from tests.e2e.test_personnel_reviews import unit_position_official
from tests.helpers import wait_until


def test_a_discipline_forces_the_year_s_rating_and_opens_the_30_day_decision_case(api):
    _, _, official = unit_position_official(api, code="SNV-E", national_id="096187004402")
    base = "/api/v1/officials/{}".format(official["id"])
    rated = api.created(base + "/evaluations", {"year": 2024, "rating": "GOOD", "recorded_on": "2025-01-10"})
    assert (rated["rating"], rated["legal_basis"]) == ("GOOD", "Decree 90/2020 (am. 48/2023)")

    gone = api.post(base + "/disciplines", {
        "form": "HA_BAC_LUONG", "severity": "SERIOUS", "violation_date": "2025-07-05",
        "violation_summary": "Vi phạm quy trình", "handling_started_on": "2025-07-20", "decided_on": "2025-08-01",
        "decision_ref": "QĐ 77"})
    assert gone.status_code == 422, gone.text
    assert gone.json()["rule"] == "DISCIPLINE_FORM" and "Decree 172/2025" in gone.json()["legal_basis"]

    imposed = api.created(base + "/disciplines", {
        "form": "HA_BAC_LUONG", "severity": "VERY_SERIOUS", "violation_date": "2024-06-05",
        "violation_summary": "Vi phạm quy trình thẩm định hồ sơ", "handling_started_on": "2024-10-01",
        "decided_on": "2024-12-15", "decision_ref": "QĐ 76"})
    assert imposed["counts_in_year"] == 2024

    forced = wait_until(lambda: _rating_if(api, base, 2024, "NOT_COMPLETED"), timeout=8,
                        message="the discipline never forced the 2024 rating")
    assert forced["proposed_rating"] == "GOOD" and "Decree 90/2020" in forced["forced_by"][0]
    cases = wait_until(lambda: [r for r in api.get("/api/v1/reviews", official_id=official["id"]).json()["items"]
                                if r["origin"] == "EVALUATION"], timeout=8,
                       message="NOT_COMPLETED never opened its decision case")
    assert cases[0]["origin_ref"] == "evaluation:2024"


def test_2026_ratings_come_from_the_score_and_the_excellent_cap_is_a_422(api):
    _, _, official = unit_position_official(api, code="SNV-S", national_id="096187004403")
    base = "/api/v1/officials/{}".format(official["id"])
    rated = api.created(base + "/evaluations", {"year": 2026, "score": 75})
    assert (rated["rating"], rated["legal_basis"]) == ("GOOD", "Decree 335/2025")
    mismatch = api.post(base + "/evaluations", {"year": 2026, "score": 60, "rating": "GOOD"})
    assert mismatch.status_code == 422 and mismatch.json()["rule"] == "EVALUATION_SCORE_BANDS", mismatch.text
    capped = api.post(base + "/evaluations", {"year": 2025, "rating": "EXCELLENT", "recorded_on": "2026-01-05"})
    assert capped.status_code == 422 and capped.json()["rule"] == "EXCELLENT_CAP", capped.text
    suggestion = api.get(base + "/evaluations/suggestion", year=2025)
    assert suggestion.status_code == 200 and suggestion.json()["suggested_rating"] == "GOOD", suggestion.text


def _rating_if(api, base, year, rating):
    items = api.get(base + "/evaluations").json()["items"]
    return next((e for e in items if e["year"] == year and e["rating"] == rating), None)


def test_2017_is_rated_under_decree_56_2015_where_a_2017_discipline_forces_not_completed(api):
    _, _, official = unit_position_official(api, code="SNV-17", national_id="096187004404")
    base = "/api/v1/officials/{}".format(official["id"])
    before = api.post(base + "/evaluations", {"year": 2014, "rating": "GOOD", "recorded_on": "2014-12-20"})
    assert before.status_code == 422 and before.json()["rule"] == "EVALUATION_YEAR", before.text
    capped = api.post(base + "/evaluations", {"year": 2017, "rating": "EXCELLENT", "recorded_on": "2017-12-20"})
    assert capped.status_code == 422 and capped.json()["rule"] == "EXCELLENT_CAP", capped.text
    assert capped.json()["legal_basis"].startswith("Decree 56/2015 (am. 88/2017)")

    api.created(base + "/disciplines", {
        "form": "KHIEN_TRACH", "severity": "LESS_SERIOUS", "violation_date": "2017-03-10",
        "violation_summary": "Trả hồ sơ trễ hạn", "handling_started_on": "2017-04-01", "decided_on": "2017-04-25",
        "decision_ref": "QĐ 310"})
    rated = api.created(base + "/evaluations", {"year": 2017, "rating": "GOOD", "recorded_on": "2017-12-20"})
    assert (rated["rating"], rated["proposed_rating"]) == ("NOT_COMPLETED", "GOOD")
    assert rated["legal_basis"] == "Decree 56/2015 (am. 88/2017)" and "art. 21" in rated["forced_by"][0]
    breakdowns = api.get("/api/v1/reports/annual", year=2017).json()["breakdowns"]
    assert breakdowns["ratings"]["counts"] == {"NOT_COMPLETED": 1}
    assert breakdowns["disciplines"]["counts"] == {"KHIEN_TRACH": 1}


def test_the_form_must_fit_the_severity_and_a_repeat_offence_takes_the_next_heavier_form(api):
    """Decree 112/2020 (am. 71/2023) arts. 2(3) and 8-11, through the gateway; nothing written on refusal."""
    _, _, official = unit_position_official(api, code="SNV-S", national_id="096187004409")
    base = "/api/v1/officials/{}/disciplines".format(official["id"])
    first = {"form": "KHIEN_TRACH", "severity": "LESS_SERIOUS", "violation_date": "2024-01-05",
             "violation_summary": "Chậm trả lời phản ánh", "handling_started_on": "2024-01-08",
             "decided_on": "2024-01-10", "decision_ref": "QĐ 11"}

    too_heavy = api.post(base, dict(first, form="CANH_CAO"))
    assert too_heavy.status_code == 422 and too_heavy.json()["rule"] == "DISCIPLINE_FORM_SEVERITY"
    assert "Decree 112/2020" in too_heavy.json()["legal_basis"] and "form" in too_heavy.json()["fields"]
    api.created(base, first)

    repeat = dict(first, violation_date="2024-03-01", handling_started_on="2024-03-04", decided_on="2024-03-10",
                  decision_ref="QĐ 12", violation_summary="Tái phạm: chậm trả lời phản ánh")
    same_form = api.post(base, repeat)
    assert same_form.status_code == 422 and same_form.json()["rule"] == "DISCIPLINE_REPEAT_OFFENCE"
    assert "2(3)" in same_form.json()["legal_basis"]
    assert [d["decision_ref"] for d in api.get(base).json()["items"]] == ["QĐ 11"]   # the refusals wrote nothing

    heavier = api.created(base, dict(repeat, form="CANH_CAO"))
    assert heavier["form"] == "CANH_CAO"
