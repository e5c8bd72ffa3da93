"""The personnel part of the province's yearly report (DOMAIN: indicators people expect on a dashboard)."""
from tests.unit.personnel.conftest import official_payload


def test_the_annual_report_counts_schemes_standards_ratings_disciplines_and_reviews(service, unit, position):
    official = service.register_official(official_payload(unit, position))
    other_unit = service.create_unit({"code": "SYT", "name": "Sở Y tế", "unit_type": "SO", "level": "PROVINCE",
                                      "valid_from": "2017-01-01"})
    scheme = service.submit_scheme({"unit_id": unit["id"], "title": "Đề án VTVL Sở Nội vụ", "submitted_on": "2024-02-01",
                                    "position_count": 10, "headcount": 30})
    service.decide_scheme(scheme["id"], {"approved": True, "decided_on": "2024-03-01", "decision_ref": "QĐ 1",
                                         "approver": "UBND tỉnh"})
    service.record_evaluation(official["id"], {"year": 2024, "rating": "GOOD", "recorded_on": "2025-01-10"})
    service.impose_discipline(official["id"], {
        "form": "KHIEN_TRACH", "severity": "LESS_SERIOUS", "violation_date": "2024-03-01", "violation_summary": "x",
        "handling_started_on": "2024-04-01", "decided_on": "2024-05-02", "decision_ref": "QĐ 2"})
    case = service.open_review({"official_id": official["id"], "origin_ref": "CV 1", "reason": "x",
                                "opened_on": "2024-06-01"})
    service.start_investigation(case["id"], {"started_on": "2024-06-02"})
    service.decide_review(case["id"], {"outcome": "REMINDER", "decided_on": "2024-07-01", "reason": "x"})
    service.open_review({"official_id": official["id"], "origin_ref": "CV 2", "reason": "x", "opened_on": "2024-11-01"})

    report = service.annual_report(2024)
    assert (report["schemes_approved"], report["standards_assessed"], report["standards_met"]) == (1, 1, 0)
    assert report["disciplines_by_form"] == {"KHIEN_TRACH": 1}
    assert (report["reviews_open"], report["reviews_closed"], report["as_of"]) == (1, 1, "2024-12-31")
    assert report["ratings"] == {"GOOD": 1}          # forced later through personnel's own event
    empty = service.annual_report(2024, other_unit["id"])
    assert (empty["schemes_approved"], empty["standards_assessed"], empty["reviews_open"]) == (0, 0, 0)
