"""Public intake through the service: validation per field, scope (rule 9), nothing half-written."""
import json

import pytest

from services.common.errors import Invalid
from services.feedback.domain.tracking import TRACKING_CODE
from tests.unit.feedback.support import OFFICIAL_ID, UNIT_ID, submission

PERSONAL = ("Nguyễn Văn A", "0912345789", "Lý Thường Kiệt", "a.nguyen@example.vn")


def invalid_fields(service, payload):
    with pytest.raises(Invalid) as error:
        service.submit(payload)
    return error.value.fields


def test_feedback_on_a_procedure_is_received_and_announced_without_personal_data(service, db):
    receipt = service.submit(submission(official_id=OFFICIAL_ID))
    assert receipt["status"] == "RECEIVED" and receipt["routed_to"] is None
    assert TRACKING_CODE.match(receipt["tracking_code"])
    document = db.feedback.find_one({"_id": receipt["id"]})
    assert document["channel"] == "DIEN_TU"  # the public default
    [entry] = document["_outbox"]
    assert entry["routing_key"] == "feedback_received"
    assert entry["envelope"]["data"] == {
        "feedback_id": receipt["id"], "unit_id": UNIT_ID, "official_id": OFFICIAL_ID, "kind": "PROCEDURE",
        "channel": "DIEN_TU", "status": "RECEIVED", "received_on": receipt["received_on"],
        "answer_due": receipt["answer_due"]}
    assert not any(value in json.dumps(entry, ensure_ascii=False) for value in PERSONAL)


@pytest.mark.parametrize("kind,law", [("COMPLAINT", "Law on Complaints 2011"),
                                      ("DENUNCIATION", "Law on Denunciations 2018")])
def test_complaints_and_denunciations_are_out_of_scope_and_routed_rule_9(service, kind, law):
    receipt = service.submit(submission(kind=kind))
    assert receipt["status"] == "OUT_OF_SCOPE" and receipt["answer_due"] is None
    assert law in receipt["routed_to"]


@pytest.mark.parametrize("field", ["name", "address", "phone", "submitter_type", "kind", "title",
                                   "content", "target_unit_id"])
def test_each_required_field_missing_is_reported_on_that_field_rule_9(service, db, field):
    assert field in invalid_fields(service, submission(**{field: ...}))
    assert db.feedback.count_documents({}) == 0


def test_blank_contact_fields_are_refused_one_message_each(service):
    fields = invalid_fields(service, submission(name="  ", address="", phone="12345"))
    assert set(fields) == {"name", "address", "phone"}


def test_phone_numbers_are_vietnamese_and_separators_are_ignored(service, db):
    receipt = service.submit(submission(phone="+84 912.345-789"))
    assert service.get_feedback(receipt["id"])["submitter"]["phone"] == "+84912345789"
    assert "phone" in invalid_fields(service, submission(phone="091234"))


@pytest.mark.parametrize("content", ["", "too short", " " * 20, "x" * 5001])
def test_empty_short_or_oversized_content_is_refused(service, db, content):
    assert "content" in invalid_fields(service, submission(content=content))
    assert db.feedback.count_documents({}) == 0


def test_content_of_exactly_5000_characters_is_accepted(service):
    assert service.submit(submission(content="x" * 5000))["status"] == "RECEIVED"


def test_html_is_kept_as_plain_text_never_interpreted(service):
    html = "<script>alert('x')</script><b>Chậm</b> &amp; quá hạn"
    receipt = service.submit(submission(content=html, title="<i>Hồ sơ</i>"))
    stored = service.get_feedback(receipt["id"])
    assert stored["content"] == html and stored["title"] == "<i>Hồ sơ</i>"


def test_an_unknown_unit_is_refused_on_target_unit_id_and_nothing_written(service, db):
    assert set(invalid_fields(service, submission(target_unit_id="unit-x"))) == {"target_unit_id"}
    assert db.feedback.count_documents({}) == 0


def test_an_unknown_official_is_refused_and_nothing_written(service, db):
    assert set(invalid_fields(service, submission(official_id="off-x"))) == {"official_id"}
    assert db.feedback.count_documents({}) == 0


def test_unknown_fields_and_operator_keys_are_refused(service):
    assert "status" in invalid_fields(service, submission(status="ANSWERED"))
    assert "$where" in invalid_fields(service, dict(submission(), **{"$where": "1"}))
    assert "_schema" in invalid_fields(service, ["not", "an", "object"])


def test_bad_codes_and_email_are_refused_per_field(service):
    fields = invalid_fields(service, submission(kind="OTHER", channel="FAX", email="not-an-email",
                                                submitter_type="X", procedure_code="a b"))
    assert set(fields) == {"kind", "channel", "email", "submitter_type", "procedure_code"}


def test_tracking_codes_are_unique_and_indexed_as_unique(service, db):
    codes = {service.submit(submission())["tracking_code"] for _ in range(20)}
    assert len(codes) == 20
    assert db.feedback.index_information()["feedback_tracking_code"]["unique"] is True


def test_the_service_answers_the_gateways_health_check(service):
    assert service.health()["service"] == "feedback"
