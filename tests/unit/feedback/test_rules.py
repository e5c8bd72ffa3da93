"""Pure domain rules: scope and deadline (rule 9), answering, masking (rule 11), tracking codes."""
from dataclasses import replace
from datetime import date

import pytest

from services.common.errors import Conflict, Invalid
from services.feedback.domain import answers, intake, privacy, tracking
from services.feedback.domain.enums import Channel, FeedbackKind, FeedbackStatus, SubmitterType
from services.feedback.domain.model import Feedback, KnownOfficial, KnownUnit, Submitter

UNIT = KnownUnit(id="u1", code="STP", name="Sở Tư pháp", valid_from=date(2020, 1, 1))
OFFICIAL = KnownOfficial(id="o1", full_name="Trần Thị Bình", unit_id="u1")
RECEIVED_ON = date(2025, 3, 3)


def draft(kind=FeedbackKind.PROCEDURE, official_id=None, target_unit_id="u1"):
    return Feedback(id="fb-1", tracking_code=tracking.new_tracking_code(),
                    submitter=Submitter(SubmitterType.CA_NHAN, "Nguyễn Văn A", "Cà Mau", "0912345789"),
                    channel=Channel.DIEN_TU, kind=kind, title="Thủ tục chậm", content="Nội dung phản ánh.",
                    target_unit_id=target_unit_id, official_id=official_id, received_on=RECEIVED_ON)


def test_feedback_on_a_procedure_is_received_with_a_20_day_deadline_rule_9():
    feedback, events = intake.receive(draft(), UNIT, None)
    assert feedback.status == FeedbackStatus.RECEIVED
    assert feedback.answer_due == date(2025, 3, 23)  # Circular 02/2017/TT-VPCP, calendar days for now
    assert feedback.routed_to is None
    assert [e.event_type for e in events] == ["feedback_received"]


@pytest.mark.parametrize("kind,law", [(FeedbackKind.COMPLAINT, "Law on Complaints 2011"),
                                      (FeedbackKind.DENUNCIATION, "Law on Denunciations 2018")])
def test_complaints_and_denunciations_are_out_of_scope_and_routed_rule_9(kind, law):
    feedback, events = intake.receive(draft(kind), UNIT, None)
    assert feedback.status == FeedbackStatus.OUT_OF_SCOPE
    assert law in feedback.routed_to
    assert feedback.answer_due is None
    assert events[0].status == FeedbackStatus.OUT_OF_SCOPE and events[0].answer_due is None


def test_an_unknown_unit_and_an_unknown_official_are_both_reported():
    with pytest.raises(Invalid) as error:
        intake.receive(draft(official_id="nobody", target_unit_id="nowhere"), None, None)
    assert set(error.value.fields) == {"target_unit_id", "official_id"}


def test_a_unit_no_longer_in_force_cannot_receive_feedback():
    abolished = replace(UNIT, valid_to=date(2025, 1, 1))
    with pytest.raises(Invalid) as error:
        intake.receive(draft(), abolished, None)
    assert "target_unit_id" in error.value.fields


def received(official_id=None):
    return intake.receive(draft(official_id=official_id), UNIT, OFFICIAL if official_id else None)[0]


def test_an_answer_on_the_due_day_is_on_time_and_a_day_later_is_late():
    on_due, _ = answers.answer(received(), "Đã giải quyết.", False, date(2025, 3, 23), date(2025, 4, 1))
    late, _ = answers.answer(received(), "Đã giải quyết.", False, date(2025, 3, 24), date(2025, 4, 1))
    assert on_due.answer.on_time is True and late.answer.on_time is False
    assert on_due.status == FeedbackStatus.ANSWERED
    assert [c.status for c in on_due.history] == [FeedbackStatus.RECEIVED, FeedbackStatus.ANSWERED]


def test_substantiated_feedback_about_an_official_announces_it_for_a_review_flow_3():
    _, events = answers.answer(received("o1"), "Phản ánh đúng.", True, date(2025, 3, 10), date(2025, 3, 10))
    assert [e.event_type for e in events] == ["feedback_answered", "feedback_substantiated"]
    assert events[1].official_id == "o1" and events[1].summary == "Thủ tục chậm"


def test_substantiated_feedback_without_an_official_is_only_answered():
    answered, events = answers.answer(received(), "Phản ánh đúng.", True, date(2025, 3, 10), date(2025, 3, 10))
    assert answered.answer.substantiated is True
    assert [e.event_type for e in events] == ["feedback_answered"]


def test_out_of_scope_or_answered_feedback_cannot_be_answered():
    out_of_scope = intake.receive(draft(FeedbackKind.COMPLAINT), UNIT, None)[0]
    with pytest.raises(Conflict):
        answers.answer(out_of_scope, "x", False, date(2025, 3, 10), date(2025, 3, 10))
    answered = answers.answer(received(), "x", False, date(2025, 3, 10), date(2025, 3, 10))[0]
    with pytest.raises(Conflict):
        answers.answer(answered, "x", False, date(2025, 3, 10), date(2025, 3, 10))


@pytest.mark.parametrize("answered_on", [date(2025, 3, 2), date(2025, 3, 11)])
def test_an_answer_is_dated_between_receipt_and_today(answered_on):
    with pytest.raises(Invalid) as error:
        answers.answer(received(), "x", False, answered_on, date(2025, 3, 10))
    assert "answered_on" in error.value.fields


def test_names_phones_and_emails_are_masked_rule_11():
    assert privacy.mask_name("Nguyễn Văn A") == "N*** V** A"
    assert privacy.mask_phone("0912345789") == "*******789"
    assert privacy.mask_email("a.nguyen@example.vn") == "a***@example.vn"


def test_the_public_view_shows_no_address_content_or_official():
    view = privacy.public_view(received("o1"))
    assert "address" not in view["submitter"]
    assert not {"content", "official_id", "id"} & set(view)
    assert view["submitter"]["name"] == "N*** V** A"


def test_tracking_codes_carry_80_random_bits_in_a_url_safe_form():
    codes = {tracking.new_tracking_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(tracking.TRACKING_CODE.match(code) for code in codes)
    assert tracking.RANDOM_BYTES * 8 >= 80 and len(next(iter(codes))) == len("PA-") + 16


def test_a_typed_tracking_code_is_normalised_and_anything_else_refused():
    code = tracking.new_tracking_code()
    assert tracking.normalise("  " + code.lower() + " ") == code
    assert tracking.normalise({"$ne": None}) is None
    assert tracking.normalise("PA-0000") is None
