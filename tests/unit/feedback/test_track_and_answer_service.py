"""Tracking by code (masked, rule 11), answering (on time, rule 9), and the review trigger (flow 3)."""
import json
from datetime import date

import pytest

from services.common.errors import Conflict, Invalid, NotFound
from services.personnel.events_consumed import FeedbackSubstantiatedIn
from tests.stored import pending_events
from tests.unit.feedback.support import OFFICIAL_ID, UNIT_ID, submission

RECEIVED_ON, DUE = date(2025, 3, 3), "2025-03-23"


def test_tracking_shows_progress_with_the_submitters_data_masked(service):
    receipt = service.submit(submission())
    view = service.track(receipt["tracking_code"].lower())
    assert view["status"] == "RECEIVED" and view["kind"] == "PROCEDURE" and view["answer"] is None
    assert view["history"] == [{"status": "RECEIVED", "at": receipt["received_on"], "note": None}]
    assert view["submitter"] == {"type": "CA_NHAN", "name": "N*** V** A", "phone": "*******789",
                                 "email": "a***@example.vn"}
    text = json.dumps(view, ensure_ascii=False)
    assert not any(v in text for v in ("Nguyễn", "0912345789", "Lý Thường Kiệt", OFFICIAL_ID, "khai sinh"))


def test_tracking_never_shows_another_submitters_data(service):
    mine = service.submit(submission())
    service.submit(submission(name="Lê Thị Cúc", phone="0987654321"))
    assert service.track(mine["tracking_code"])["submitter"]["name"] == "N*** V** A"


def test_an_unknown_tracking_code_is_not_found_and_a_malformed_one_invalid(service):
    with pytest.raises(NotFound):
        service.track("PA-AAAAAAAAAAAAAAAA")
    for bad in ("PA-123", {"$ne": None}, None):
        with pytest.raises(Invalid):
            service.track(bad)


def test_an_answer_within_20_days_is_on_time_and_shown_when_tracking(service, db, on_day):
    receipt = service.submit(submission())
    assert receipt["answer_due"] == DUE
    on_day(date(2025, 3, 30))
    view = service.answer(receipt["id"], {"answer": "Đã trả kết quả.", "answered_on": DUE})
    assert view["status"] == "ANSWERED" and view["answer"]["on_time"] is True
    [_, answered] = pending_events(db, "feedback", receipt["id"])
    assert answered["routing_key"] == "feedback_answered"
    assert answered["envelope"]["data"] == {"feedback_id": receipt["id"], "unit_id": UNIT_ID, "official_id": None,
                                            "answered_on": DUE, "substantiated": False, "on_time": True}
    tracked = service.track(receipt["tracking_code"])
    assert tracked["answer"] == {"text": "Đã trả kết quả.", "answered_on": DUE}
    assert [h["status"] for h in tracked["history"]] == ["RECEIVED", "ANSWERED"]


def test_an_answer_after_the_due_day_is_late_and_defaults_to_today(service, on_day):
    receipt = service.submit(submission())
    on_day(date(2025, 3, 24))
    view = service.answer(receipt["id"], {"answer": "Trả lời muộn."})
    assert view["answer"] == {"text": "Trả lời muộn.", "answered_on": "2025-03-24", "substantiated": False,
                              "on_time": False}


def test_substantiated_feedback_about_an_official_emits_both_events_in_one_write_flow_3(service, db, on_day):
    receipt = service.submit(submission(kind="CONDUCT", official_id=OFFICIAL_ID, title="Cán bộ gây khó dễ"))
    on_day(date(2025, 3, 10))
    service.answer(receipt["id"], {"answer": "Phản ánh đúng; đã chấn chỉnh.", "substantiated": True})
    document = db.feedback.find_one({"_id": receipt["id"]})
    assert document["_version"] == 2
    answered, substantiated = document["_outbox"][1:]
    assert answered["envelope"]["data"]["substantiated"] is True
    assert substantiated["routing_key"] == "feedback_substantiated"
    data = substantiated["envelope"]["data"]
    assert data == {"feedback_id": receipt["id"], "official_id": OFFICIAL_ID, "unit_id": UNIT_ID,
                    "answered_on": "2025-03-10", "summary": "Cán bộ gây khó dễ"}
    assert FeedbackSubstantiatedIn().load(data)["answered_on"] == date(2025, 3, 10)  # personnel accepts it


def test_substantiated_feedback_naming_no_official_emits_no_review_trigger(service, db):
    receipt = service.submit(submission())
    service.answer(receipt["id"], {"answer": "Phản ánh đúng.", "substantiated": True})
    keys = [e["routing_key"] for e in pending_events(db, "feedback", receipt["id"])]
    assert keys == ["feedback_received", "feedback_answered"]


def test_answering_twice_or_out_of_scope_is_a_conflict_and_changes_nothing(service, db):
    receipt = service.submit(submission())
    service.answer(receipt["id"], {"answer": "Lần một."})
    before = db.feedback.find_one({"_id": receipt["id"]})
    with pytest.raises(Conflict):
        service.answer(receipt["id"], {"answer": "Lần hai."})
    assert db.feedback.find_one({"_id": receipt["id"]}) == before
    complaint = service.submit(submission(kind="COMPLAINT"))
    with pytest.raises(Conflict):
        service.answer(complaint["id"], {"answer": "Không thuộc phạm vi."})


def test_answer_input_is_validated_and_unknown_feedback_not_found(service):
    receipt = service.submit(submission())
    with pytest.raises(Invalid) as error:
        service.answer(receipt["id"], {"answer": "x" * 10001, "substantiated": "maybe", "extra": 1})
    assert set(error.value.fields) == {"answer", "substantiated", "extra"}
    with pytest.raises(NotFound):
        service.answer("fb-unknown", {"answer": "x"})
    with pytest.raises(Invalid):
        service.get_feedback({"$gt": ""})


def test_staff_see_the_full_record_and_lists_filter_and_page(service):
    mine = service.submit(submission(official_id=OFFICIAL_ID))
    service.submit(submission(kind="COMPLAINT"))
    full = service.get_feedback(mine["id"])
    assert full["submitter"]["address"].startswith("12 Lý Thường Kiệt") and full["tracking_code"]
    assert service.list_feedback({"status": "OUT_OF_SCOPE"})["total"] == 1
    assert service.list_feedback({"unit_id": UNIT_ID, "limit": 1})["total"] == 2
    assert len(service.list_feedback({"unit_id": UNIT_ID, "limit": 1})["items"]) == 1
    assert service.list_feedback({"official_id": OFFICIAL_ID})["items"][0]["id"] == mine["id"]
    with pytest.raises(Invalid):
        service.list_feedback({"status": "LOST", "limit": 0})


def test_an_officials_profile_lists_feedback_about_them_without_contact_data(service):
    mine = service.submit(submission(official_id=OFFICIAL_ID))
    service.submit(submission())
    about = service.list_about_official(OFFICIAL_ID)
    assert about["total"] == 1 and about["items"][0]["id"] == mine["id"]
    assert not {"submitter", "content", "tracking_code", "rating", "history"} & set(about["items"][0])
    assert service.list_about_official("off-unknown") == {"items": [], "total": 0}
