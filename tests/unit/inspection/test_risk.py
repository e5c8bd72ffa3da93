"""Risk signals from feedback events (a projection) and TTHC violations by domain and unit."""
import pytest
from marshmallow import ValidationError

from services.common.envelope import new_event
from services.inspection.settings import settings_from
from tests.unit.inspection.builders import (OFFICIAL_A, UNIT_A, UNIT_B, finding, opening, seed_personnel,
                                            wired_service)


def received(feedback_id, unit_id, on="2025-03-01"):
    return new_event("feedback", "feedback_received", {
        "feedback_id": feedback_id, "unit_id": unit_id, "official_id": None, "kind": "PROCEDURE",
        "channel": "DIEN_TU", "status": "RECEIVED", "received_on": on, "answer_due": "2025-03-21"}, feedback_id)


def substantiated(feedback_id, unit_id, on="2025-03-20", official_id=OFFICIAL_A):
    return new_event("feedback", "feedback_substantiated", {
        "feedback_id": feedback_id, "official_id": official_id, "unit_id": unit_id, "answered_on": on,
        "summary": "Hồ sơ trễ hạn"}, feedback_id)


def overdue(feedback_id, unit_id, due_on="2025-03-21", deadline="ANSWER"):
    return new_event("feedback", "feedback_overdue", {
        "feedback_id": feedback_id, "unit_id": unit_id, "official_id": None, "deadline": deadline,
        "due_on": due_on}, feedback_id)


@pytest.fixture
def wired():
    service, db = wired_service()
    seed_personnel(service)
    return service, db


def test_units_with_many_substantiated_complaints_are_risk_candidates_with_evidence(wired):
    service, _ = wired
    for n in range(4):
        service.handle_feedback_received(received("fb-a{}".format(n), UNIT_A))
        if n < 3:
            service.handle_feedback_substantiated(substantiated("fb-a{}".format(n), UNIT_A))
    service.handle_feedback_substantiated(substantiated("fb-b0", UNIT_B))
    result = service.risk_candidates({"from": "2025-01-01", "to": "2025-12-31"})
    assert result["total"] == 1
    [candidate] = result["items"]
    assert (candidate["unit_id"], candidate["unit_name"], candidate["received"], candidate["substantiated"],
            candidate["score"]) == (UNIT_A, "Unit unit-a", 4, 3, 9)
    assert [(e["feedback_id"], e["fact"]) for e in candidate["evidence"]] == [
        ("fb-a0", "SUBSTANTIATED"), ("fb-a1", "SUBSTANTIATED"), ("fb-a2", "SUBSTANTIATED")]
    assert candidate["evidence"][0]["detail"] == "Hồ sơ trễ hạn" and candidate["last_inspection_id"] is None
    assert service.risk_candidates({"from": "2026-01-01", "to": "2026-12-31"}) == {"items": [], "total": 0}


def test_many_overdue_answers_make_a_candidate_too_and_an_inspection_is_pointed_at(wired):
    service, _ = wired
    for n in range(5):
        service.handle_feedback_overdue(overdue("fb-{}".format(n), UNIT_B))
    inspection = service.open_inspection(opening(unit_id=UNIT_B, decision_date="2025-06-01"))
    [candidate] = service.risk_candidates({"from": "2025-01-01", "to": "2025-12-31"})["items"]
    assert (candidate["unit_id"], candidate["overdue"], candidate["score"]) == (UNIT_B, 5, 5)
    assert candidate["evidence"][0]["fact"] == "OVERDUE_ANSWER"
    assert candidate["last_inspection_id"] == inspection["id"]


def test_thresholds_are_configurable(wired):
    service, _ = wired
    service.settings = settings_from({"INSPECTION_RISK_MIN_SUBSTANTIATED": 1})
    service.handle_feedback_substantiated(substantiated("fb-b0", UNIT_B))
    assert [c["unit_id"] for c in service.risk_candidates({"from": "2025-01-01", "to": "2025-12-31"})["items"]] \
        == [UNIT_B]


def test_the_same_feedback_event_twice_counts_once(wired):
    service, db = wired
    service.settings = settings_from({"INSPECTION_RISK_MIN_SUBSTANTIATED": 1})
    event = substantiated("fb-1", UNIT_A)
    service.handle_feedback_substantiated(event)
    service.handle_feedback_substantiated(event)
    service.handle_feedback_overdue(overdue("fb-1", UNIT_A))
    again = overdue("fb-1", UNIT_A)          # the same fact under another event id: still one overdue mark
    service.handle_feedback_overdue(again)
    document = db.feedback_signals.find_one({"_id": "fb-1"})
    assert document["_version"] == 3 and len(document["overdue"]) == 1
    [candidate] = service.risk_candidates({"from": "2025-01-01", "to": "2025-12-31"})["items"]
    assert (candidate["substantiated"], candidate["overdue"]) == (1, 1)


def test_feedback_substantiated_before_its_receipt_keeps_both_facts(wired):
    service, db = wired
    service.handle_feedback_substantiated(substantiated("fb-1", UNIT_A))
    service.handle_feedback_received(received("fb-1", UNIT_A))
    document = db.feedback_signals.find_one({"_id": "fb-1"})
    assert (document["received_on"], document["substantiated_on"]) == ("2025-03-01", "2025-03-20")


def test_a_feedback_moved_to_another_unit_by_staff_counts_for_that_unit(wired):
    service, db = wired
    service.settings = settings_from({"INSPECTION_RISK_MIN_SUBSTANTIATED": 1})
    service.handle_feedback_received(received("fb-1", UNIT_A))
    service.handle_feedback_subject_changed(new_event("feedback", "feedback_subject_changed", {
        "feedback_id": "fb-1", "unit_id": UNIT_B, "official_id": OFFICIAL_A, "previous_unit_id": UNIT_A,
        "previous_official_id": None, "changed_on": "2025-03-05"}, "fb-1"))
    assert db.feedback_signals.find_one({"_id": "fb-1"})["official_id"] == OFFICIAL_A
    service.handle_feedback_substantiated(substantiated("fb-1", UNIT_B))
    [candidate] = service.risk_candidates({"from": "2025-01-01", "to": "2025-12-31"})["items"]
    assert (candidate["unit_id"], candidate["received"], candidate["substantiated"]) == (UNIT_B, 1, 1)


def test_a_feedback_event_without_its_required_fields_goes_to_the_dead_letter_queue(wired):
    service, db = wired
    event = overdue("fb-1", UNIT_A)
    del event["data"]["due_on"]
    with pytest.raises(ValidationError):
        service.handle_feedback_overdue(event)
    assert db.feedback_signals.count_documents({}) == 0


def test_a_period_that_ends_before_it_starts_is_refused(wired):
    service, _ = wired
    from services.common.errors import Invalid
    with pytest.raises(Invalid) as error:
        service.risk_candidates({"from": "2025-12-31", "to": "2025-01-01"})
    assert error.value.fields == {"from": ["must not be after 'to' (2025-01-01)"]}


def test_tthc_violations_are_counted_by_domain_and_unit_over_a_period(wired):
    service, _ = wired
    a = service.open_inspection(opening())
    b = service.open_inspection(opening(unit_id=UNIT_B))
    for domain, day in (("LAND", "2025-02-01"), ("LAND", "2025-03-01"), ("JUSTICE_CIVIL_STATUS", "2025-04-01"),
                        ("LABOUR_INVALIDS_SOCIAL", "2024-12-31")):
        service.record_finding(a["id"], finding(tthc_domain=domain, violation_date=day, responsible_official_ids=[],
                                                ))
    service.record_finding(b["id"], finding(tthc_domain="LAND", violation_date="2025-05-01",
                                            responsible_official_ids=[]))
    service.record_finding(b["id"], finding(tthc_domain=None, responsible_official_ids=[]))
    report = service.tthc_violations({"from": "2025-01-01", "to": "2025-12-31"})
    assert report["from"] == "2025-01-01" and report["total"] == 4
    assert report["by_domain"] == [{"tthc_domain": "LAND", "count": 3},
                                   {"tthc_domain": "JUSTICE_CIVIL_STATUS", "count": 1}]
    assert report["by_unit"] == [
        {"unit_id": UNIT_A, "unit_name": "Unit unit-a", "tthc_domain": "LAND", "count": 2},
        {"unit_id": UNIT_A, "unit_name": "Unit unit-a", "tthc_domain": "JUSTICE_CIVIL_STATUS", "count": 1},
        {"unit_id": UNIT_B, "unit_name": "Unit unit-b", "tthc_domain": "LAND", "count": 1}]
    assert service.tthc_violations({"from": "2025-01-01", "to": "2025-12-31", "unit_id": UNIT_B})["total"] == 1
