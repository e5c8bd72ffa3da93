"""Review cases over an embedded store: by hand, states with a deadline, decisions and their effects."""
from datetime import date
from types import SimpleNamespace

import pytest

from services.common.envelope import new_event
from services.common.errors import Conflict, Invalid, NotFound, RuleViolation
from services.common.timers import ConfiguredTimer
from services.personnel.store import OVERDUE_SCAN_KEYS, PersonnelStore
from tests.stored import pending_events, pending_payloads, pending_types
from tests.unit.personnel.conftest import official_payload


outbox_keys = pending_types          # (db, collection, doc_id)
outbox_data = pending_payloads       # (db, collection, doc_id, routing_key)


@pytest.fixture
def official(service, unit, position):
    return service.register_official(official_payload(unit, position))


def opened(service, official, ref="CV-12/SNV", on="2025-08-01"):
    return service.open_review({"official_id": official["id"], "origin_ref": ref,
                                "reason": "Chậm trễ giải quyết hồ sơ", "opened_on": on})


def investigating(service, official, **kwargs):
    case = opened(service, official, **kwargs)
    return service.start_investigation(case["id"], {"started_on": case["opened_on"], "investigator": "Thanh tra"})


def test_a_review_opened_by_hand_is_open_with_a_90_day_deadline_and_announced(service, db, official):
    case = opened(service, official)
    assert (case["status"], case["origin"], case["deadline"]) == ("OPEN", "MANUAL", "2025-10-30")
    assert outbox_keys(db, "reviews", case["id"]) == ["review_opened"]


def test_one_open_case_per_official_and_source_item(service, db, official):
    opened(service, official)
    with pytest.raises(Conflict) as error:
        opened(service, official)
    assert "origin_ref" in error.value.fields
    assert db.reviews.count_documents({}) == 1
    assert opened(service, official, ref="CV-13/SNV")["status"] == "OPEN"


def test_an_unknown_official_is_not_found_and_nothing_is_written(service, db):
    with pytest.raises(NotFound):
        service.open_review({"official_id": "off-x", "origin_ref": "a", "reason": "b", "opened_on": "2025-01-01"})
    assert db.reviews.count_documents({}) == 0


def test_investigation_may_extend_the_deadline_to_150_days_decree_172_2025(service, official):
    case = opened(service, official)
    started = service.start_investigation(case["id"], {"started_on": "2025-08-05", "extend": True})
    assert (started["status"], started["deadline"], started["extended"]) == ("INVESTIGATING", "2025-12-29", True)
    with pytest.raises(Conflict):
        service.start_investigation(case["id"], {"started_on": "2025-08-06"})


def test_an_open_case_cannot_be_decided_before_it_is_investigated(service, db, official):
    case = opened(service, official)
    with pytest.raises(Conflict):
        service.decide_review(case["id"], {"outcome": "NO_ACTION", "decided_on": "2025-08-10", "reason": "x"})
    assert service.get_review(case["id"])["status"] == "OPEN"


def test_a_retraining_decision_carries_the_need_in_review_decided(service, db, official):
    case = investigating(service, official)
    decided = service.decide_review(case["id"], {
        "outcome": "RETRAINING", "decided_on": "2025-09-01", "reason": "Bồi dưỡng lại nghiệp vụ",
        "retraining_need": {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}, "content_area": "STATE_MANAGEMENT"})
    assert decided["status"] == "DECIDED" and decided["outcome"] == "RETRAINING"
    [data] = outbox_data(db, "reviews", case["id"], "review_decided")
    assert data["retraining_need"] == {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}
    assert (data["content_area"], data["origin"], data["origin_ref"]) == ("STATE_MANAGEMENT", "MANUAL", "CV-12/SNV")
    with pytest.raises(Conflict):
        service.decide_review(case["id"], {"outcome": "NO_ACTION", "decided_on": "2025-09-02", "reason": "x"})


def test_a_retraining_decision_must_name_what_to_retrain(service, official):
    case = investigating(service, official)
    with pytest.raises(Invalid) as error:
        service.decide_review(case["id"], {"outcome": "RETRAINING", "decided_on": "2025-09-01", "reason": "x"})
    assert "retraining_need" in error.value.fields


def test_a_discipline_decision_records_the_discipline_once(service, db, official):
    case = investigating(service, official)
    decision = {"outcome": "DISCIPLINE", "decided_on": "2025-09-01", "reason": "Vi phạm quy trình", "discipline": {
        "form": "KHIEN_TRACH", "severity": "LESS_SERIOUS", "violation_date": "2025-07-10",
        "violation_summary": "Trả hồ sơ trễ hạn", "handling_started_on": "2025-08-01", "decision_ref": "QĐ 45"}}
    decided = service.decide_review(case["id"], decision)
    [discipline] = service.list_disciplines(official["id"])
    assert decided["discipline_id"] == discipline["id"] and discipline["review_id"] == case["id"]
    assert outbox_keys(db, "disciplines", discipline["id"]) == ["discipline_imposed"]
    assert outbox_data(db, "reviews", case["id"], "review_decided")[0]["outcome"] == "DISCIPLINE"


def test_a_discipline_decision_with_a_form_gone_since_july_2025_is_refused_and_nothing_written(service, db, official):
    case = investigating(service, official)
    with pytest.raises(RuleViolation) as error:
        service.decide_review(case["id"], {
            "outcome": "DISCIPLINE", "decided_on": "2025-09-01", "reason": "x", "discipline": {
                "form": "HA_BAC_LUONG", "severity": "SERIOUS", "violation_date": "2025-07-10",
                "violation_summary": "x", "handling_started_on": "2025-08-01", "decision_ref": "QĐ 46"}})
    assert error.value.rule == "DISCIPLINE_FORM" and "172/2025" in error.value.legal_basis
    assert db.disciplines.count_documents({}) == 0
    assert service.get_review(case["id"])["status"] == "INVESTIGATING"


def test_the_discipline_payload_goes_with_the_discipline_outcome_only(service, official):
    case = investigating(service, official)
    with pytest.raises(Invalid) as error:
        service.decide_review(case["id"], {"outcome": "DISCIPLINE", "decided_on": "2025-09-01", "reason": "x"})
    assert "discipline" in error.value.fields


def test_a_feedback_review_redelivered_is_still_one_case(service, official, unit):
    event = new_event("feedback", "feedback_substantiated", {
        "feedback_id": "fb-9", "official_id": official["id"], "unit_id": unit["id"], "answered_on": "2025-03-01",
        "summary": "Gây phiền hà"}, subject="fb-9")
    service.handle_feedback_substantiated(event)
    service.handle_feedback_substantiated(event)
    [case] = service.list_reviews({"official_id": official["id"]})["items"]
    assert case["deadline"] == "2025-05-30"


def test_a_reassignment_moves_the_official_through_personnel_s_own_event_once(service, db, unit, official):
    lower = service.create_position({"unit_id": unit["id"], "title": "Cán sự", "group": "PROFESSIONAL",
                                     "rank": "01.004"})
    case = investigating(service, official)
    with pytest.raises(NotFound):
        service.decide_review(case["id"], {"outcome": "REASSIGNMENT", "decided_on": "2025-09-01", "reason": "x",
                                           "new_position_id": "pos-x"})
    with pytest.raises(Invalid) as error:
        service.decide_review(case["id"], {"outcome": "NO_ACTION", "decided_on": "2025-09-01", "reason": "x",
                                           "new_position_id": lower["id"]})
    assert "new_position_id" in error.value.fields
    service.decide_review(case["id"], {"outcome": "REASSIGNMENT", "decided_on": "2025-09-01",
                                       "reason": "Bố trí vị trí thấp hơn", "new_position_id": lower["id"]})
    [decided] = [e["envelope"] for e in pending_events(db, "reviews", case["id"])
                 if e["routing_key"] == "review_decided"]
    assert decided["data"]["new_position_id"] == lower["id"]
    service.handle_review_decided(decided)
    service.handle_review_decided(decided)
    assert service.get_official(official["id"])["position_id"] == lower["id"]
    assert outbox_keys(db, "officials", official["id"]).count("official_transferred") == 1


# --- review_overdue: once per case when the deadline passes undecided ---------------------------
def overdue_events(db, review_id):
    return outbox_data(db, "reviews", review_id, "review_overdue")


def test_an_undecided_case_past_its_deadline_is_announced_once_with_its_days_overdue(service, db, official, unit):
    case = opened(service, official)                                  # deadline 2025-10-30
    assert service.scan_overdue_reviews({"as_of": "2025-10-30"})["flagged"] == []   # the deadline day is in time
    scan = service.scan_overdue_reviews({"as_of": "2025-11-03"})
    assert scan["flagged"] == [{"review_id": case["id"], "deadline": "2025-10-30", "days_overdue": 4}]
    assert service.scan_overdue_reviews({"as_of": "2025-11-04"})["flagged"] == []
    [event] = overdue_events(db, case["id"])
    assert event == {"review_id": case["id"], "official_id": official["id"], "unit_id": unit["id"],
                     "origin": "MANUAL", "origin_ref": "CV-12/SNV", "status": "OPEN", "deadline": "2025-10-30",
                     "days_overdue": 4, "as_of": "2025-11-03"}
    assert service.get_review(case["id"])["overdue_notified"] is True


def test_a_case_under_investigation_is_overdue_too_a_decided_one_never(service, db, official):
    late = investigating(service, official)
    decided = investigating(service, official, ref="CV-13/SNV")
    service.decide_review(decided["id"], {"outcome": "NO_ACTION", "decided_on": "2025-09-01", "reason": "x"})
    flagged = service.scan_overdue_reviews({"as_of": "2025-12-01"})["flagged"]
    assert [f["review_id"] for f in flagged] == [late["id"]]
    assert overdue_events(db, late["id"])[0]["status"] == "INVESTIGATING" and overdue_events(db, decided["id"]) == []


def test_the_review_views_show_whether_a_case_is_overdue_today(service, official):
    case = opened(service, official, on="2025-08-01")       # long past its deadline by the real today
    assert service.get_review(case["id"])["overdue"] is True
    assert service.list_reviews({"official_id": official["id"]})["items"][0]["overdue"] is True
    investigated = service.start_investigation(case["id"], {"started_on": "2025-08-02"})
    assert investigated["overdue"] is True
    closed = service.decide_review(case["id"], {"outcome": "REMINDER", "decided_on": "2025-08-20", "reason": "x"})
    assert closed["overdue"] is False


def test_a_scan_date_in_the_future_is_invalid_and_announces_nothing(service, db, official):
    case = opened(service, official)
    with pytest.raises(Invalid) as error:
        service.scan_overdue_reviews({"as_of": "2999-01-01"})
    assert "as_of" in error.value.fields and overdue_events(db, case["id"]) == []


def test_the_overdue_scan_is_an_indexed_query_on_the_flag_the_state_and_the_deadline(db, service):
    index = db.reviews.index_information()["review_overdue_scan"]["key"]
    assert [key for key, _ in index] == ["overdue_notified", "status", "deadline"]
    assert list(PersonnelStore.overdue_scan_filter(date(2025, 1, 1))) == [key for key, _ in OVERDUE_SCAN_KEYS]


def test_the_timer_interval_is_the_review_overdue_scan_seconds_setting():
    timer = ConfiguredTimer("REVIEW_OVERDUE_SCAN_SECONDS", 3600)
    timer.container = SimpleNamespace(config={"REVIEW_OVERDUE_SCAN_SECONDS": 120})
    timer.setup()
    assert timer.interval == 120
    timer.container = SimpleNamespace(config={})
    timer.setup()
    assert timer.interval == 3600
