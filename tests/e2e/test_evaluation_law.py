"""Issue 17 through the gateway: each year's rating and each discipline judged by the law of its date, and the
2026 rating of a công chức computed from their scored work products (docs/domain.md rules 1, 2, 4 and 6).

The province's day is set to 20 Jan 2027 in personnel (the 2026 evaluation is held after the year's twelve
months were scored), so these tests do not depend on the day they run."""
from datetime import date

import pytest

from tests.e2e.test_personnel_reviews import unit_position_official
from tests.helpers import wait_until

TODAY = date(2027, 1, 20)
D34_2011 = "Decree 34/2011/NĐ-CP (Law 22/2008/QH12 arts. 79-80)"
D112_2020 = "Law 22/2008 (am. 52/2019); Decree 112/2020 (am. 71/2023)"
D172_2025 = "Law 80/2025/QH15; Decree 172/2025"


@pytest.fixture(autouse=True)
def province_day(monkeypatch):
    monkeypatch.setattr("services.personnel.service_records.today", lambda: TODAY)


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def discipline(violation, started, decided, ref):
    return {"form": "KHIEN_TRACH", "severity": "LESS_SERIOUS", "violation_date": violation,
            "violation_summary": "Không thực hiện đúng quy trình", "handling_started_on": started,
            "decided_on": decided, "decision_ref": ref}


def rating_of(api, base, year, rating):
    found = [e for e in ok(api.get(base + "/evaluations"))["items"] if e["year"] == year and e["rating"] == rating]
    return found[0] if found else None


def test_one_official_rated_and_disciplined_in_2017_2021_2025_and_2026_under_each_year_s_law(api):
    """Rules 2 and 6, issue 17's Done when: the legal basis of every answer is the one of the fact's date."""
    _, _, official = unit_position_official(api, code="SNV-L", national_id="096187004501")
    base = "/api/v1/officials/{}".format(official["id"])
    disciplines = [  # (violation, handling started, decided, the rule set of the violation date)
        ("2017-03-10", "2017-03-20", "2017-04-10", D34_2011),
        ("2021-03-10", "2021-03-20", "2021-04-10", D112_2020),
        ("2025-01-05", "2025-01-15", "2025-01-20", D112_2020),       # before 1 Jul 2025
        ("2025-07-25", "2025-08-01", "2025-08-10", D172_2025),       # after 1 Jul 2025 (the first one ran out)
        ("2026-03-01", "2026-03-10", "2026-03-20", D172_2025),
    ]
    for number, (violation, started, decided, basis) in enumerate(disciplines, start=1):
        imposed = api.created(base + "/disciplines", discipline(violation, started, decided, "QĐ {}".format(number)))
        assert (imposed["legal_basis"], imposed["counts_in_year"]) == (basis, int(decided[:4])), imposed

    ratings = [  # (year, body, the year's rule set, its rule 2 basis)
        (2017, {"rating": "GOOD", "recorded_on": "2017-12-20"}, "Decree 56/2015 (am. 88/2017)",
         "Decree 56/2015 (am. 88/2017) art. 21 (wording unconfirmed)"),
        (2021, {"rating": "GOOD", "recorded_on": "2021-12-20"}, "Decree 90/2020 (am. 48/2023)",
         "Decree 90/2020 (am. 48/2023)"),
        (2025, {"rating": "EXCELLENT", "recorded_on": "2025-12-20"}, "Decree 90/2020 (am. 48/2023)",
         "Decree 90/2020 (am. 48/2023)"),
        (2026, {"score": 75}, "Decree 335/2025", "Decree 335/2025 art. 20(4)"),
    ]
    for year, body, basis, discipline_basis in ratings:
        rated = api.created(base + "/evaluations", dict(body, year=year))
        assert (rated["rating"], rated["legal_basis"]) == ("NOT_COMPLETED", basis), rated
        assert rated["rules_applied"][-1] == {"rule": "EVALUATION_DISCIPLINE", "legal_basis": discipline_basis,
                                              "effect": rated["forced_by"][-1]}
    listed = ok(api.get(base + "/disciplines"))["items"]
    assert sorted(d["legal_basis"] for d in listed) == sorted(basis for *_, basis in disciplines)


def monthly(manager_id, month, score):
    return {"year": 2026, "period_kind": "MONTH", "period": month, "score": score, "manager_official_id": manager_id,
            "scored_on": "2026-{:02d}-28".format(month),
            "work_items": [{"kind": "TASK", "title": "Thẩm định hồ sơ tháng {}".format(month)},
                           {"kind": "PRODUCT", "title": "Báo cáo tháng {}".format(month)}]}


def register(api, unit, position, name, national_id):
    return api.created("/api/v1/officials", {
        "full_name": name, "national_id": national_id, "birth_date": "1988-05-05", "category": "CONG_CHUC",
        "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003", "service_start_date": "2014-01-01"})


def test_a_2026_cong_chuc_with_twelve_monthly_scores_gets_the_computed_band_and_caps_and_discipline_apply(api):
    """Rule 4 (Decree 335/2025): the yearly band of the work products; rules 1 and 2 still apply on top."""
    unit, position, good = unit_position_official(api, code="SNV-W", national_id="096187004601")
    manager = register(api, unit, position, "Trần Văn Trưởng", "096187004602")
    best = register(api, unit, position, "Lý Thị Giỏi", "096187004603")
    for official, scores in ((good, [78, 82, 80, 79, 81, 80, 83, 77, 80, 80, 79, 81]),
                             (best, [92, 95, 90, 91, 93, 94, 90, 92, 96, 91, 93, 95])):
        for month, score in enumerate(scores, start=1):
            api.created("/api/v1/officials/{}/work-scores".format(official["id"]),
                        monthly(manager["id"], month, score))
    year = ok(api.get("/api/v1/officials/{}/work-scores".format(good["id"]), year=2026))
    assert len(year["scores"]) == 12 and year["scores"][0]["scored_by"] == manager["id"]
    assert (year["yearly"]["score"], year["yearly"]["band"], year["yearly"]["complete"]) == (80.0, "GOOD", True)
    assert year["yearly"]["formula_status"] == "unconfirmed"

    rated = api.created("/api/v1/officials/{}/evaluations".format(good["id"]), {"year": 2026})
    assert (rated["rating"], rated["proposed_rating"], rated["score"]) == ("GOOD", "GOOD", 80.0)
    assert rated["work_score"]["band"] == "GOOD" and rated["suggestion"]["suggested_rating"] == "GOOD"
    assert rated["rules_applied"] == [{"rule": "EVALUATION_SCORE_BANDS", "legal_basis": "Decree 335/2025",
                                       "effect": "the work products' yearly score 80.0 gives GOOD"}]

    # The second one's work gives EXCELLENT; one GOOD colleague leaves no room under the cap (rule 1).
    best_base = "/api/v1/officials/{}".format(best["id"])
    assert ok(api.get(best_base + "/work-scores", year=2026))["yearly"]["band"] == "EXCELLENT"
    capped = api.post(best_base + "/evaluations", {"year": 2026})
    assert capped.status_code == 422, capped.text
    assert (capped.json()["rule"], capped.json()["legal_basis"]) == ("EXCELLENT_CAP", "Decree 335/2025 art. 20(5)")

    # A discipline in the year forces NOT_COMPLETED over the computed band (rule 2), and the answer says why.
    api.created(best_base + "/disciplines", discipline("2026-04-01", "2026-04-10", "2026-05-04", "QĐ 26"))
    forced = api.created(best_base + "/evaluations", {"year": 2026})
    assert (forced["rating"], forced["proposed_rating"], forced["work_score"]["band"]) == (
        "NOT_COMPLETED", "EXCELLENT", "EXCELLENT")
    assert [(r["rule"], r["legal_basis"]) for r in forced["rules_applied"]] == [
        ("EVALUATION_SCORE_BANDS", "Decree 335/2025"), ("EVALUATION_DISCIPLINE", "Decree 335/2025 art. 20(4)")]
    assert wait_until(lambda: rating_of(api, best_base, 2026, "NOT_COMPLETED"), message="rating not stored")
