"""Staff handling through the service: recording, classification, assignment, status updates, deadline check."""
from datetime import date

import pytest

from services.common.errors import Conflict, Invalid, NotFound
from tests.stored import pending_events, pending_types
from tests.unit.feedback.support import OFFICIAL_ID, UNIT_ID, official_registered, submission, unit_created

RECEIVED_ON = date(2025, 3, 3)  # a Monday


def outbox_keys(db, feedback_id):
    return pending_types(db, "feedback", feedback_id)


def test_staff_record_an_item_received_by_post_with_its_own_receipt_day(service, db, on_day):
    view = service.record(submission(channel="BUU_CHINH", received_on="2025-02-27"), "desk-1")
    assert view["channel"] == "BUU_CHINH" and view["recorded_by"] == "desk-1"
    assert view["received_on"] == "2025-02-27" and view["answer_due"] == "2025-03-19"
    assert view["tracking_code"].startswith("PA-") and view["update_due"] == "2025-03-06"
    assert outbox_keys(db, view["id"]) == ["feedback_received"]


def test_recording_refuses_the_online_channel_a_future_day_and_missing_contact_fields(service, db, on_day):
    with pytest.raises(Invalid) as error:
        service.record(submission(channel="DIEN_TU", phone=..., received_on="2025-03-01"), "desk-1")
    assert set(error.value.fields) == {"channel", "phone"}
    with pytest.raises(Invalid) as error:
        service.record(submission(channel="DIEN_THOAI", received_on="2025-03-04"), "desk-1")
    assert set(error.value.fields) == {"received_on"}
    assert db.feedback.count_documents({}) == 0


def test_classification_sets_the_domain_and_a_complaint_leaves_scope_rule_9(service, db, on_day):
    receipt = service.submit(submission())
    view = service.classify(receipt["id"], {"kind": "PROCEDURE", "procedure_domain": "CIVIL_STATUS",
                                            "procedure_code": "1.001193", "note": "Thủ tục đăng ký khai sinh."})
    assert view["status"] == "CLASSIFIED" and view["procedure_domain"] == "CIVIL_STATUS"
    assert view["answer_due"] == "2025-03-23"
    out = service.classify(receipt["id"], {"kind": "COMPLAINT"})
    assert out["status"] == "OUT_OF_SCOPE" and out["answer_due"] is None and out["update_due"] is None
    assert "Law on Complaints 2011" in out["routed_to"]
    back = service.classify(receipt["id"], {"kind": "REGULATION"})
    assert back["status"] == "CLASSIFIED" and back["answer_due"] == "2025-03-23"  # counted from receipt


def test_assignment_names_a_unit_and_one_of_its_officials_and_is_announced(service, db, on_day):
    receipt = service.submit(submission())
    view = service.assign(receipt["id"], {"unit_id": UNIT_ID, "officer_id": OFFICIAL_ID, "note": "Giao xử lý."})
    assert view["status"] == "FORWARDED"
    assert view["assignment"] == {"unit_id": UNIT_ID, "unit_name": "Sở Tư pháp", "officer_id": OFFICIAL_ID,
                                  "officer_name": "Trần Thị Bình", "assigned_on": "2025-03-03"}
    entry = pending_events(db, "feedback", receipt["id"])[-1]
    assert entry["routing_key"] == "feedback_assigned"
    assert entry["envelope"]["data"] == {"feedback_id": receipt["id"], "unit_id": UNIT_ID, "officer": OFFICIAL_ID,
                                         "assigned_on": "2025-03-03"}
    assert service.list_feedback({"officer_id": OFFICIAL_ID})["total"] == 1


def test_assignment_to_an_unknown_unit_or_an_officer_of_another_unit_is_refused(service, db, on_day):
    service.handle_unit_created(unit_created("unit-other"))
    service.handle_official_registered(official_registered("off-other", "unit-other"))
    receipt = service.submit(submission())
    before = db.feedback.find_one({"_id": receipt["id"]})
    with pytest.raises(Invalid) as error:
        service.assign(receipt["id"], {"unit_id": "unit-x", "officer_id": "off-x"})
    assert error.value.fields == {"unit_id": ["unit unit-x not found"], "officer_id": ["official off-x not found"]}
    with pytest.raises(Invalid) as error:
        service.assign(receipt["id"], {"unit_id": UNIT_ID, "officer_id": "off-other"})
    assert "does not work in unit" in error.value.fields["officer_id"][0]
    assert db.feedback.find_one({"_id": receipt["id"]}) == before


def test_status_updates_carry_a_note_the_submitter_sees(service, on_day):
    receipt = service.submit(submission())
    on_day(date(2025, 3, 7))
    service.update_status(receipt["id"], {"status": "IN_PROGRESS", "note": "Đang xác minh với bộ phận một cửa."})
    tracked = service.track(receipt["tracking_code"])
    assert tracked["history"][-1] == {"status": "IN_PROGRESS", "at": "2025-03-07",
                                      "note": "Đang xác minh với bộ phận một cửa."}
    assert tracked["update_due"] == "2025-03-14"
    with pytest.raises(Invalid) as error:
        service.update_status(receipt["id"], {"status": "ANSWERED", "note": ""})
    assert set(error.value.fields) == {"status", "note"}


def test_closed_feedback_cannot_be_handled_and_unknown_feedback_is_not_found(service, on_day):
    receipt = service.submit(submission())
    service.answer(receipt["id"], {"answer": "Đã trả lời."})
    with pytest.raises(Conflict):
        service.update_status(receipt["id"], {"status": "IN_PROGRESS", "note": "x"})
    with pytest.raises(Conflict):
        service.assign(receipt["id"], {"unit_id": UNIT_ID, "officer_id": OFFICIAL_ID})
    with pytest.raises(NotFound):
        service.classify("fb-unknown", {"kind": "PROCEDURE"})


def test_the_deadline_check_announces_each_missed_deadline_once(service, db, on_day):
    receipt = service.submit(submission())
    on_day(date(2025, 3, 11))  # the first status update (due 10 Mar) was missed
    assert service.check_deadlines() == {"as_of": "2025-03-11", "checked": 1, "flagged": 1}
    assert service.check_deadlines()["flagged"] == 0
    on_day(date(2025, 3, 24))  # the answer (due 23 Mar) too
    service.check_deadlines_periodically()  # the timer's entrypoint runs the same check
    assert service.check_deadlines()["flagged"] == 0
    overdue = [e for e in pending_events(db, "feedback", receipt["id"])
               if e["routing_key"] == "feedback_overdue"]
    assert [(e["envelope"]["data"]["deadline"], e["envelope"]["data"]["due_on"]) for e in overdue] == [
        ("STATUS_UPDATE", "2025-03-10"), ("ANSWER", "2025-03-23")]
    assert service.list_feedback({"overdue": True})["total"] == 1
    assert service.get_feedback(receipt["id"])["overdue"][1] == {"deadline": "ANSWER", "due_on": "2025-03-23",
                                                                 "flagged_on": "2025-03-24"}


def test_the_deadline_check_skips_an_item_changed_meanwhile(service, db, on_day, monkeypatch):
    receipt = service.submit(submission())
    on_day(date(2025, 3, 11))
    real = service.store.with_missed_deadlines

    def changed_meanwhile(as_of):
        for feedback, version in real(as_of):
            db.feedback.update_one({"_id": feedback.id}, {"$inc": {"_version": 1}})
            yield feedback, version
    monkeypatch.setattr(service.store, "with_missed_deadlines", changed_meanwhile)
    assert service.check_deadlines()["flagged"] == 0
    assert outbox_keys(db, receipt["id"]) == ["feedback_received"]
