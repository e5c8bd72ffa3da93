"""Discipline, evaluation, rewards, separations and evidence over an embedded store (no broker)."""

import pytest

from services.common.envelope import new_event
from services.common.ids import today
from services.common.errors import Conflict, Invalid, RuleViolation
from tests.stored import pending_events
from tests.unit.personnel.conftest import official_payload


def outbox(db, collection, doc_id):
    return [(entry["routing_key"], entry["envelope"]) for entry in pending_events(db, collection, doc_id)]


def discipline(form="KHIEN_TRACH", violation="2024-03-01", decided="2024-05-02", **extra):
    return dict({"form": form, "severity": "LESS_SERIOUS", "violation_date": violation,
                 "violation_summary": "Không thực hiện đúng quy trình", "handling_started_on": "2024-04-01",
                 "decided_on": decided, "decision_ref": "QĐ 12/QĐ-SNV"}, **extra)



@pytest.fixture
def official(service, unit, position):
    return service.register_official(official_payload(unit, position))


def test_a_discipline_is_recorded_with_its_legal_basis_and_announced(service, db, official):
    imposed = service.impose_discipline(official["id"], discipline("HA_BAC_LUONG", severity="VERY_SERIOUS"))
    assert imposed["legal_basis"].startswith("Law 22/2008") and imposed["counts_in_year"] == 2024
    [(key, envelope)] = outbox(db, "disciplines", imposed["id"])
    assert key == "discipline_imposed" and envelope["data"]["form"] == "HA_BAC_LUONG"


def test_a_form_not_valid_on_the_violation_date_is_a_rule_violation_and_writes_nothing(service, db, official):
    with pytest.raises(RuleViolation) as error:
        service.impose_discipline(official["id"], discipline("HA_BAC_LUONG", violation="2025-07-02",
                                                             handling_started_on="2025-07-10", decided="2025-08-01"))
    assert error.value.rule == "DISCIPLINE_FORM" and "Decree 172/2025" in error.value.legal_basis
    assert db.disciplines.count_documents({}) == 0


def test_a_rating_recorded_after_a_discipline_of_that_year_is_not_completed_and_opens_a_case_dated_that_day(
        service, db, official):
    service.impose_discipline(official["id"], discipline())
    rated = service.record_evaluation(official["id"], {"year": 2024, "rating": "GOOD", "recorded_on": "2025-01-10"})
    assert (rated["rating"], rated["proposed_rating"]) == ("NOT_COMPLETED", "GOOD")
    [(key, envelope)] = outbox(db, "evaluations", rated["id"])
    assert key == "evaluation_recorded" and envelope["data"]["rating"] == "NOT_COMPLETED"

    service.handle_evaluation_recorded(envelope)
    service.handle_evaluation_recorded(envelope)
    [case] = service.list_reviews({"official_id": official["id"]})["items"]
    assert case["origin"] == "EVALUATION" and case["origin_ref"] == "evaluation:2024"
    # before Law 80/2025 (1 Jul 2025) no time limit is known: no deadline rather than an invented one
    assert (case["opened_on"], case["deadline"]) == ("2025-01-10", None)
    assert "2024 (Decree 90/2020 (am. 48/2023))" in case["reason"] and "Law 22/2008" in case["reason"]


def test_a_2025_rating_forced_by_a_later_discipline_opens_the_30_day_case_on_the_discipline_s_day(
        service, db, official):
    rated = service.record_evaluation(official["id"], {"year": 2025, "rating": "GOOD", "recorded_on": "2025-12-20"})
    imposed = service.impose_discipline(official["id"], discipline(
        violation="2025-09-01", handling_started_on="2025-10-01", decided="2025-12-29"))
    [(_, imposed_event)] = outbox(db, "disciplines", imposed["id"])
    service.handle_discipline_imposed(imposed_event)
    [_, (_, forced_event)] = outbox(db, "evaluations", rated["id"])
    service.handle_evaluation_recorded(forced_event)
    [case] = service.list_reviews({"official_id": official["id"]})["items"]
    assert (case["opened_on"], case["deadline"]) == ("2025-12-29", "2026-01-28")      # Law 80/2025 art. 27
    assert "Law 80/2025 art. 27" in case["reason"]


def test_a_discipline_after_the_rating_forces_it_through_personnel_s_own_event(service, db, official):
    rated = service.record_evaluation(official["id"], {"year": 2024, "rating": "GOOD", "recorded_on": "2025-01-10"})
    imposed = service.impose_discipline(official["id"], discipline(decided="2024-12-20",
                                                                   handling_started_on="2024-11-01"))
    [(_, envelope)] = outbox(db, "disciplines", imposed["id"])
    service.handle_discipline_imposed(envelope)
    service.handle_discipline_imposed(envelope)
    [forced] = service.list_evaluations(official["id"])
    assert forced["rating"] == "NOT_COMPLETED" and forced["id"] == rated["id"]
    assert [k for k, _ in outbox(db, "evaluations", rated["id"])] == ["evaluation_recorded"] * 2


def test_the_excellent_cap_is_a_422_naming_rule_1(service, unit, position, official):
    with pytest.raises(RuleViolation) as error:
        service.record_evaluation(official["id"], {"year": 2024, "rating": "EXCELLENT", "recorded_on": "2025-01-10"})
    assert error.value.rule == "EXCELLENT_CAP"


def test_a_2026_rating_comes_from_the_score_bands(service, official):
    rated = service.record_evaluation(official["id"], {"year": 2026, "score": 72.5})
    assert (rated["rating"], rated["legal_basis"]) == ("GOOD", "Decree 335/2025")


def test_a_year_before_service_or_in_the_future_is_invalid(service, official):
    for year in (2010, 2099):
        with pytest.raises(Invalid) as error:
            service.record_evaluation(official["id"], {"year": year, "rating": "GOOD"})
        assert "year" in error.value.fields


def test_resignation_is_refused_while_a_review_is_open_rule_7(service, db, official):
    service.open_review({"official_id": official["id"], "origin_ref": "CV-1", "reason": "x", "opened_on": "2025-08-01"})
    with pytest.raises(RuleViolation) as error:
        service.separate_official(official["id"], {"reason": "RESIGNATION", "separated_on": "2025-09-01",
                                                   "decision_ref": "QĐ 9"})
    assert (error.value.rule, error.value.legal_basis) == ("RESIGNATION_DURING_REVIEW", "Decree 170/2025 art. 57(2)")
    assert service.get_official(official["id"])["status"] == "ACTIVE"


def test_a_retirement_separates_the_official_who_stays_in_history(service, db, official):
    separated = service.separate_official(official["id"], {"reason": "RETIREMENT", "separated_on": "2025-09-01",
                                                           "decision_ref": "QĐ 10"})
    assert separated["status"] == "SEPARATED" and separated["separation"]["reason"] == "RETIREMENT"
    assert service.list_officials({})["total"] == 1
    assert [k for k, _ in outbox(db, "officials", official["id"])][-1] == "official_separated"
    with pytest.raises(Conflict):
        service.separate_official(official["id"], {"reason": "RETIREMENT", "separated_on": "2025-09-02",
                                                   "decision_ref": "QĐ 11"})


@pytest.mark.parametrize("reason, rule", [("TERMINATION_NOT_COMPLETED", "TERMINATION_NOT_COMPLETED"),
                                          ("BUOC_THOI_VIEC", "DISCIPLINE_FORM"), ("BAI_NHIEM", "DISCIPLINE_FORM")])
def test_separations_that_need_a_prior_decision_are_refused_without_it(service, official, reason, rule):
    with pytest.raises(RuleViolation) as error:
        service.separate_official(official["id"], {"reason": reason, "separated_on": "2025-09-01",
                                                   "decision_ref": "QĐ"})
    assert error.value.rule == rule


def test_rewards_are_recorded_with_their_form(service, official):
    service.record_reward(official["id"], {"form": "BANG_KHEN", "title": "Bằng khen của Chủ tịch UBND tỉnh",
                                           "decided_on": "2024-12-30", "decision_ref": "QĐ 2001",
                                           "issuer": "UBND tỉnh Cà Mau"})
    assert [r["form"] for r in service.list_rewards(official["id"])] == ["BANG_KHEN"]
    with pytest.raises(Invalid) as error:
        service.record_reward(official["id"], {"form": "CUP", "title": "x", "decided_on": "2024-12-30",
                                               "decision_ref": "x", "issuer": "x"})
    assert "form" in error.value.fields


def test_the_suggestion_lists_evidence_from_other_services_events_once_each(service, official, unit):
    finding = new_event("inspection", "finding_recorded", {
        "inspection_id": "insp-1", "finding_id": "f-1", "unit_id": unit["id"], "description": "Hồ sơ trễ hạn",
        "recorded_on": "2024-04-02", "responsible_official_ids": [official["id"]]}, subject="f-1")
    concluded = new_event("inspection", "inspection_concluded", {
        "inspection_id": "insp-1", "unit_id": unit["id"], "result": "PASSED", "concluded_on": "2024-05-02",
        "findings": [{"finding_id": "f-1", "description": "Hồ sơ trễ hạn",
                      "responsible_official_ids": [official["id"]]}]}, subject="insp-1")
    overdue = new_event("feedback", "feedback_overdue", {
        "feedback_id": "fb-3", "unit_id": unit["id"], "official_id": None, "deadline": "ANSWER",
        "due_on": "2024-06-01"}, subject="fb-3")
    trained = new_event("training", "training_completed", {
        "enrollment_id": "enr-5", "official_id": official["id"], "course_id": "c", "course_title": "Kỹ năng số",
        "completed_on": "2024-09-01", "credential": None, "scores": [8]}, subject="enr-5")
    for handle, event in ((service.handle_finding_recorded, finding), (service.handle_finding_recorded, finding),
                          (service.handle_inspection_concluded, concluded), (service.handle_feedback_overdue, overdue),
                          (service.handle_training_completed, trained)):
        handle(event)
    suggestion = service.suggest_evaluation(official["id"], {"year": "2024"})
    assert [e["kind"] for e in suggestion["evidence"]] == ["INSPECTION_FINDING", "UNIT_FEEDBACK_OVERDUE",
                                                            "TRAINING_COMPLETED"]
    assert [e["weight"] for e in suggestion["evidence"]] == [-15, -2, 5]
    assert (suggestion["score"], suggestion["suggested_rating"]) == (68, "COMPLETED")


def test_the_unit_s_rating_distribution_counts_each_rating(service, unit, official):
    service.record_evaluation(official["id"], {"year": 2024, "rating": "GOOD", "recorded_on": "2025-01-10"})
    distribution = service.rating_distribution(unit["id"], {"year": "2024"})
    assert distribution["total"] == 1 and distribution["by_rating"]["GOOD"] == 1
    assert distribution["by_rating"]["EXCELLENT"] == 0


def test_overdue_reviews_are_the_undecided_ones_past_their_deadline(service, official):
    late = service.open_review({"official_id": official["id"], "origin_ref": "CV-old", "reason": "x",
                                "opened_on": "2020-01-01"})
    service.open_review({"official_id": official["id"], "origin_ref": "CV-new", "reason": "x",
                         "opened_on": today().isoformat()})
    assert [r["id"] for r in service.list_reviews({"overdue": "true"})["items"]] == [late["id"]]
    assert service.list_reviews({"overdue": "false"})["total"] == 1
