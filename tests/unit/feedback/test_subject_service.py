"""Staff attach and correct the official and the unit a feedback item is about (issue 17 item 4;
services/feedback/domain/subject.py), with an audit trail on the item and `feedback_subject_changed`."""
import pytest

from services.common.errors import Conflict, Invalid
from tests.stored import pending_payloads, pending_types
from tests.unit.feedback.support import OFFICIAL_ID, UNIT_ID, official_registered, submission, unit_created

OTHER_UNIT, OTHER_OFFICIAL = "unit-sotn", "off-binh"


def test_staff_attach_an_official_to_public_feedback_and_the_change_is_kept_and_announced(service, db, on_day):
    receipt = service.submit(submission())
    view = service.change_subject(receipt["id"], {"official_id": OFFICIAL_ID, "reason": "Cán bộ tiếp nhận hồ sơ."},
                                  "desk-1")
    assert view["official_id"] == OFFICIAL_ID and view["target_unit_id"] == UNIT_ID
    assert view["subject_changes"] == [{
        "changed_on": "2025-03-03", "changed_by": "desk-1", "reason": "Cán bộ tiếp nhận hồ sơ.",
        "official_id_from": None, "official_id_to": OFFICIAL_ID, "unit_id_from": UNIT_ID, "unit_id_to": UNIT_ID}]
    assert pending_types(db, "feedback", receipt["id"]) == ["feedback_received", "feedback_subject_changed"]
    assert pending_payloads(db, "feedback", receipt["id"], "feedback_subject_changed") == [ {"feedback_id": receipt["id"], "unit_id": UNIT_ID, "official_id": OFFICIAL_ID,
                       "previous_unit_id": UNIT_ID, "previous_official_id": None, "changed_on": "2025-03-03"}]


def test_an_attached_official_is_named_by_the_substantiated_answer_flow_3(service, db, on_day):
    receipt = service.submit(submission())
    service.change_subject(receipt["id"], {"official_id": OFFICIAL_ID, "reason": "Xác định người xử lý."}, "desk-1")
    service.answer(receipt["id"], {"answer": "Phản ánh đúng; đã chấn chỉnh.", "substantiated": True})
    substantiated = pending_payloads(db, "feedback", receipt["id"], "feedback_substantiated")
    assert [data["official_id"] for data in substantiated] == [OFFICIAL_ID]


def test_correcting_the_unit_and_detaching_the_official_are_changes_too(service, db, on_day):
    service.handle_unit_created(unit_created(OTHER_UNIT))
    service.handle_official_registered(official_registered(OTHER_OFFICIAL, OTHER_UNIT))
    receipt = service.submit(submission(official_id=OFFICIAL_ID))
    moved = service.change_subject(receipt["id"], {"official_id": OTHER_OFFICIAL, "target_unit_id": OTHER_UNIT,
                                                   "reason": "Nhầm đơn vị."}, "desk-1")
    assert (moved["official_id"], moved["target_unit_id"]) == (OTHER_OFFICIAL, OTHER_UNIT)
    detached = service.change_subject(receipt["id"], {"official_id": None, "reason": "Không do cá nhân."}, "desk-2")
    assert detached["official_id"] is None and detached["target_unit_id"] == OTHER_UNIT
    assert [(c["official_id_from"], c["official_id_to"], c["changed_by"]) for c in detached["subject_changes"]] == [
        (OFFICIAL_ID, OTHER_OFFICIAL, "desk-1"), (OTHER_OFFICIAL, None, "desk-2")]


def test_unknown_official_or_unit_nothing_named_or_no_change_are_refused_per_field(service, db, on_day):
    receipt = service.submit(submission())
    with pytest.raises(Invalid) as error:
        service.change_subject(receipt["id"], {"official_id": "off-nobody", "target_unit_id": "unit-nowhere",
                                               "reason": "?"}, "desk-1")
    assert set(error.value.fields) == {"official_id", "target_unit_id"}
    assert "not found" in error.value.fields["official_id"][0]
    with pytest.raises(Invalid) as error:
        service.change_subject(receipt["id"], {"reason": "nothing"}, "desk-1")
    assert set(error.value.fields) == {"official_id"}
    with pytest.raises(Invalid) as error:
        service.change_subject(receipt["id"], {"official_id": OFFICIAL_ID}, "desk-1")
    assert set(error.value.fields) == {"reason"}
    with pytest.raises(Invalid):
        service.change_subject(receipt["id"], {"target_unit_id": UNIT_ID, "reason": "same"}, "desk-1")
    assert pending_types(db, "feedback", receipt["id"]) == ["feedback_received"]


def test_the_subject_is_fixed_once_answered(service, on_day):
    receipt = service.submit(submission())
    service.answer(receipt["id"], {"answer": "Đã giải quyết."})
    with pytest.raises(Conflict):
        service.change_subject(receipt["id"], {"official_id": OFFICIAL_ID, "reason": "late"}, "desk-1")
