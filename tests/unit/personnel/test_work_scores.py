"""Rule 4 from 2026 (Decree 335/2025/NĐ-CP, from the 2026 evaluation): a công chức's work products scored monthly
or quarterly by the direct manager, the yearly score computed from them (mean: unconfirmed) and its band, kept
beside the evaluator's proposal and the evidence, with rules 1-3 still applied on top."""
from datetime import date

import pytest

from services.common.envelope import new_event
from services.common.errors import Invalid, RuleViolation
from tests.unit.personnel.conftest import official_payload

TODAY = date(2027, 1, 20)     # the 2026 evaluation, held after the year's twelve months were scored


@pytest.fixture(autouse=True)
def province_day(monkeypatch):
    monkeypatch.setattr("services.personnel.service_records.today", lambda: TODAY)


@pytest.fixture
def official(service, unit, position):
    return service.register_official(official_payload(unit, position))


@pytest.fixture
def manager(service, unit, position):
    return service.register_official(official_payload(unit, position, full_name="Trần Văn Trưởng",
                                                      national_id="096080004321"))


def monthly(manager, month, score, year=2026, **extra):
    return dict({"year": year, "period_kind": "MONTH", "period": month, "score": score,
                 "manager_official_id": manager["id"], "scored_on": "{}-{:02d}-28".format(year, month),
                 "work_items": [{"kind": "PRODUCT", "title": "Báo cáo tháng {}".format(month)}],
                 "comment": "Đúng hạn"}, **extra)


def score_year(service, official, manager, scores):
    for month, score in enumerate(scores, start=1):
        answer = service.record_work_score(official["id"], monthly(manager, month, score), "hr.snv")
    return answer


def test_twelve_monthly_scores_give_the_mean_and_its_band_rule_4_decree_335_2025(service, official, manager):
    answer = score_year(service, official, manager, [92, 95, 90, 88, 91, 94, 93, 90, 92, 96, 89, 94])
    assert [s["period"] for s in answer["scores"]] == list(range(1, 13))
    assert answer["scores"][0]["scored_by"] == manager["id"] and answer["scores"][0]["recorded_by"] == "hr.snv"
    yearly = answer["yearly"]
    assert (yearly["score"], yearly["band"], yearly["periods_scored"], yearly["complete"]) == (92.0, "EXCELLENT",
                                                                                               12, True)
    assert yearly["formula_status"] == "unconfirmed" and "Decree 335/2025" in yearly["legal_basis"]
    assert service.get_work_scores(official["id"], {"year": 2026}) == answer


@pytest.mark.parametrize("scores, band", [([90] * 4, "EXCELLENT"), ([89.96, 90, 90, 90], "GOOD"),
                                          ([70, 70, 69, 71], "GOOD"), ([50] * 4, "COMPLETED"),
                                          ([49, 50, 50, 50], "NOT_COMPLETED")])
def test_quarterly_scores_are_banded_at_90_70_50_rule_4_decree_335_2025(service, official, manager, scores, band):
    for quarter, score in enumerate(scores, start=1):
        answer = service.record_work_score(official["id"], monthly(
            manager, quarter * 3, score, period_kind="QUARTER", period=quarter), "hr.snv")
    assert (answer["yearly"]["band"], answer["yearly"]["periods_expected"]) == (band, 4)


def test_a_period_scored_again_is_corrected_and_the_earlier_score_kept(service, official, manager):
    service.record_work_score(official["id"], monthly(manager, 1, 60), "hr.snv")
    answer = service.record_work_score(official["id"], monthly(manager, 1, 80, comment="Chấm lại"), "hr.snv")
    assert [s["score"] for s in answer["scores"]] == [80] and [s["score"] for s in answer["corrections"]] == [60]
    assert answer["yearly"]["complete"] is False and answer["yearly"]["score"] == 80


def test_bad_work_scores_are_refused_per_field_rule_4(service, official, manager):
    bad = [(monthly(manager, 13, 80), "period"), (monthly(manager, 5, 101), "score"),
           (monthly(manager, 2, 80, period_kind="QUARTER", period=5), "period"),
           (monthly(manager, 2, 80, manager_official_id=official["id"]), "manager_official_id"),
           (monthly(manager, 2, 80, manager_official_id="off-nobody"), "manager_official_id"),
           (monthly(manager, 2, 80, scored_on="2026-01-31"), "scored_on"),      # before February began
           (monthly(manager, 2, 80, work_items=[]), "work_items")]
    for payload, field in bad:
        with pytest.raises(Invalid) as error:
            service.record_work_score(official["id"], payload, "hr.snv")
        assert field in error.value.fields, (payload, error.value.fields)
    service.record_work_score(official["id"], monthly(manager, 1, 80), "hr.snv")
    with pytest.raises(Invalid) as error:
        service.record_work_score(official["id"], monthly(manager, 6, 80, period_kind="QUARTER", period=2), "hr")
    assert error.value.fields == {"period_kind": ["2026 is scored by MONTH"]}


def test_only_cong_chuc_are_scored_from_2026_rule_4(service, unit, position, official, manager):
    with pytest.raises(RuleViolation) as error:
        service.record_work_score(official["id"], monthly(manager, 2, 80, year=2025), "hr.snv")
    assert error.value.rule == "WORK_SCORES_SCOPE" and error.value.fields == {"year": [
        "not scored under Decree 90/2020 (am. 48/2023)"]}
    teacher = service.register_official(official_payload(unit, position, category="VIEN_CHUC",
                                                         national_id="096070001111"))
    with pytest.raises(RuleViolation) as error:
        service.record_work_score(teacher["id"], monthly(manager, 1, 80), "hr.snv")
    assert (error.value.rule, error.value.legal_basis.startswith("Decree 335/2025")) == ("WORK_SCORES_SCOPE", True)


def test_the_2026_evaluation_rates_on_the_yearly_score_beside_proposal_and_evidence_rule_4(
        service, official, manager):
    score_year(service, official, manager, [80] * 12)
    service.handle_feedback_substantiated(new_event("feedback", "feedback_substantiated", {
        "feedback_id": "fb-9", "official_id": official["id"], "unit_id": official["unit_id"],
        "answered_on": "2026-05-04", "summary": "Chậm trả hồ sơ"}, "fb-9"))
    rated = service.record_evaluation(official["id"], {"year": 2026})
    assert (rated["rating"], rated["proposed_rating"], rated["score"]) == ("GOOD", "GOOD", 80.0)
    assert rated["work_score"]["band"] == "GOOD" and rated["work_score"]["periods_scored"] == 12
    assert [(e["kind"], e["ref"]) for e in rated["suggestion"]["evidence"]] == [("FEEDBACK_SUBSTANTIATED", "fb-9")]
    assert rated["suggestion"]["suggested_rating"] == "GOOD" and rated["suggestion"]["score"] == 70.0
    assert rated["rules_applied"] == [{"rule": "EVALUATION_SCORE_BANDS", "legal_basis": "Decree 335/2025",
                                       "effect": "the work products' yearly score 80.0 gives GOOD"}]


def test_an_evaluator_score_departing_from_the_work_scores_needs_a_reason_rule_4(service, official, manager):
    score_year(service, official, manager, [80] * 12)
    with pytest.raises(Invalid) as error:
        service.record_evaluation(official["id"], {"year": 2026, "score": 65})
    assert "80.0" in error.value.fields["comment"][0]
    rated = service.record_evaluation(official["id"], {"year": 2026, "score": 65, "comment": "Chất lượng thấp"})
    assert (rated["rating"], rated["score"], rated["work_score"]["score"]) == ("COMPLETED", 65.0, 80.0)
    assert rated["rules_applied"] == [{"rule": "EVALUATION_SCORE_BANDS", "legal_basis": "Decree 335/2025",
                                       "effect": "the evaluator's score 65.0 gives COMPLETED"}]


def test_the_excellent_cap_still_refuses_a_computed_excellent_rule_1_decree_335_art_20_5(service, official, manager):
    score_year(service, official, manager, [95] * 12)
    with pytest.raises(RuleViolation) as error:
        service.record_evaluation(official["id"], {"year": 2026})
    assert (error.value.rule, error.value.legal_basis) == ("EXCELLENT_CAP", "Decree 335/2025 art. 20(5)")


def test_a_discipline_still_forces_not_completed_over_the_computed_band_rule_2_decree_335_art_20_4(
        service, official, manager):
    score_year(service, official, manager, [95] * 12)
    service.impose_discipline(official["id"], {
        "form": "KHIEN_TRACH", "severity": "LESS_SERIOUS", "violation_date": "2026-03-01",
        "violation_summary": "Vi phạm quy chế", "handling_started_on": "2026-04-01", "decided_on": "2026-05-02",
        "decision_ref": "QĐ 3/QĐ-SNV"})
    rated = service.record_evaluation(official["id"], {"year": 2026})
    assert (rated["rating"], rated["proposed_rating"], rated["work_score"]["band"]) == (
        "NOT_COMPLETED", "EXCELLENT", "EXCELLENT")
    assert [(r["rule"], r["legal_basis"]) for r in rated["rules_applied"]] == [
        ("EVALUATION_SCORE_BANDS", "Decree 335/2025"), ("EVALUATION_DISCIPLINE", "Decree 335/2025 art. 20(4)")]
    assert rated["suggestion"]["suggested_rating"] == "NOT_COMPLETED"


def test_earlier_years_and_viên_chức_keep_no_work_score_or_suggestion(service, official):
    rated = service.record_evaluation(official["id"], {"year": 2025, "rating": "GOOD", "recorded_on": "2026-01-10"})
    assert (rated["work_score"], rated["suggestion"], rated["rules_applied"]) == (None, None, [])
