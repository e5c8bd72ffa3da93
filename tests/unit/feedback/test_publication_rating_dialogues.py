"""Publication with masking (rules 9, 11), SIPAS ratings, dialogues and the statistics."""
import json
from datetime import date

import pytest

from services.common.errors import Conflict, Invalid, NotFound
from services.feedback.domain.publication import mask_text
from services.feedback.domain.model import Submitter
from tests.stored import pending_events
from tests.unit.feedback.support import UNIT_ID, submission, unit_created

RATING = {"access": 5, "procedure": 4, "civil_servant": 5, "result": 4, "feedback_handling": 3}
PERSONAL = ("Nguyễn Văn A", "0912345789", "12 Lý Thường Kiệt", "a.nguyen@example.vn")


def answered(service, on_day, day=date(2025, 3, 13), **overrides):
    receipt = service.submit(submission(**overrides))
    on_day(day)
    service.answer(receipt["id"], {"answer": "Hồ sơ đã được giải quyết ngày 12/3."})
    return receipt


def test_personal_data_in_the_text_is_masked_for_publication_rule_11():
    submitter = Submitter("CA_NHAN", "Nguyễn Văn A", "12 Lý Thường Kiệt, Phường 5", "0912345789", "a@b.vn")
    text = ("Tôi là nguyễn văn a, ở 12 Lý Thường Kiệt, Phường 5, gọi 0912 345 789 hoặc +84 987.654.321, "
            "thư a.b@mail.vn; hồ sơ số 2025-000123.")
    masked = mask_text(text, submitter)
    assert masked == ("Tôi là N*** V** A, ở [địa chỉ đã ẩn], gọi *******789 hoặc ********321, "
                      "thư a***@mail.vn; hồ sơ số 2025-000123.")


def test_an_answered_item_is_published_masked_and_searchable_rule_9(service, db, on_day):
    receipt = answered(service, on_day, content="Tôi, Nguyễn Văn A (0912345789), chờ hồ sơ khai sinh quá hạn.",
                       procedure_code="1.001193", procedure_domain="CIVIL_STATUS")
    on_day(date(2025, 3, 17))
    view = service.publish(receipt["id"], {})
    assert view["status"] == "PUBLISHED" and view["publication"]["on_time"] is True  # Thu 13 -> Mon 17
    assert pending_events(db, "feedback", receipt["id"])[-1]["envelope"]["data"] == {
        "feedback_id": receipt["id"], "unit_id": UNIT_ID, "published_on": "2025-03-17", "on_time": True}
    page = service.list_published({"unit_id": UNIT_ID, "procedure_domain": "CIVIL_STATUS",
                                   "from": "2025-03-01", "to": "2025-03-31"})
    assert page["total"] == 1
    [item] = page["items"]
    assert item["content"] == "Tôi, N*** V** A (*******789), chờ hồ sơ khai sinh quá hạn."
    assert item["submitter_name"] == "N*** V** A" and item["answer"].startswith("Hồ sơ đã")
    text = json.dumps(item, ensure_ascii=False)
    assert not any(value in text for value in PERSONAL) and "tracking_code" not in text
    assert service.list_published({"procedure_code": "9.999"})["total"] == 0
    assert service.list_published({"from": "2025-04-01"})["total"] == 0


def test_publication_after_2_working_days_is_late_and_only_answered_items_are_published(service, on_day):
    receipt = answered(service, on_day)
    on_day(date(2025, 3, 18))
    assert service.publish(receipt["id"], {"summary": "Phản ánh về thời hạn trả kết quả hộ tịch."})[
        "publication"] == {"content": "Phản ánh về thời hạn trả kết quả hộ tịch.", "published_on": "2025-03-18",
                           "on_time": False}
    with pytest.raises(Conflict):
        service.publish(receipt["id"], {})
    with pytest.raises(Conflict):
        service.publish(service.submit(submission())["id"], {})
    with pytest.raises(Invalid):
        service.list_published({"from": "2025-04-01", "to": "2025-03-01"})


def test_the_submitter_rates_the_five_sipas_aspects_once_after_the_answer(service, db, on_day):
    receipt = service.submit(submission())
    with pytest.raises(Conflict):
        service.rate(receipt["tracking_code"], RATING)
    answered_receipt = answered(service, on_day)
    assert service.track(answered_receipt["tracking_code"])["can_rate"] is True
    view = service.rate(answered_receipt["tracking_code"].lower(), dict(RATING, comment="<b>Tốt</b>"))
    assert view["rating"] == dict(RATING, rated_on="2025-03-13", comment="<b>Tốt</b>") and view["can_rate"] is False
    with pytest.raises(Conflict):
        service.rate(answered_receipt["tracking_code"], RATING)
    with pytest.raises(NotFound):
        service.rate("PA-AAAAAAAAAAAAAAAA", RATING)


def test_a_rating_needs_every_aspect_between_1_and_5(service, on_day):
    receipt = answered(service, on_day)
    with pytest.raises(Invalid) as error:
        service.rate(receipt["tracking_code"], {"access": 0, "procedure": 6, "civil_servant": "5", "result": 4})
    assert set(error.value.fields) == {"access", "procedure", "civil_servant", "feedback_handling"}
    assert service.track(receipt["tracking_code"])["rating"] is None


def dialogue(**overrides):
    payload = {"unit_id": UNIT_ID, "held_on": "2025-03-05", "chair": "Phó Chủ tịch UBND tỉnh",
               "participant_count": 120, "title": "Đối thoại với doanh nghiệp về thủ tục đầu tư",
               "location": "Hội trường UBND tỉnh", "feedback_ids": []}
    payload.update(overrides)
    return payload


def test_a_dialogue_links_the_items_raised_and_is_announced(service, db, on_day):
    on_day(date(2025, 3, 6))
    ids = [service.record(submission(channel="DOI_THOAI", received_on="2025-03-05"), "desk")["id"]
           for _ in range(5)]
    view = service.record_dialogue(dialogue(feedback_ids=ids), "desk")
    assert view["unit_name"] == "Sở Tư pháp" and view["feedback_ids"] == ids and view["recorded_by"] == "desk"
    [entry] = pending_events(db, "dialogues", view["id"])
    assert entry["routing_key"] == "dialogue_held"
    assert entry["envelope"]["data"] == {"dialogue_id": view["id"], "unit_id": UNIT_ID, "held_on": "2025-03-05",
                                         "chair": "Phó Chủ tịch UBND tỉnh", "participant_count": 120,
                                         "feedback_ids": ids}
    assert service.get_dialogue(view["id"]) == view
    assert service.list_dialogues({"unit_id": UNIT_ID, "from": "2025-03-01"})["total"] == 1
    with pytest.raises(NotFound):
        service.get_dialogue("dlg-unknown")


def test_a_dialogue_with_unknown_items_an_unknown_unit_or_a_future_day_is_refused(service, db, on_day):
    on_day(date(2025, 3, 6))
    with pytest.raises(Invalid) as error:
        service.record_dialogue(dialogue(unit_id="unit-x", held_on="2025-03-07", feedback_ids=["fb-x"]), "desk")
    assert set(error.value.fields) == {"unit_id", "held_on", "feedback_ids"}
    with pytest.raises(Invalid) as error:
        service.record_dialogue(dialogue(participant_count=0, chair=" ", extra=1), "desk")
    assert set(error.value.fields) == {"participant_count", "chair", "extra"}
    assert db.dialogues.count_documents({}) == 0


def test_statistics_count_on_time_overdue_and_group_by_unit_domain_channel_and_month(service, on_day):
    service.handle_unit_created(unit_created("unit-b"))
    on_time = answered(service, on_day, procedure_domain="LAND")                   # answered 13 Mar: on time
    on_day(date(2025, 3, 3))
    answered(service, on_day, day=date(2025, 3, 25), channel="CONG_DVC_QG")         # due 23 Mar: late
    on_day(date(2025, 3, 3))
    service.submit(submission(target_unit_id="unit-b"))                            # open, overdue by 1 Apr
    service.submit(submission(kind="DENUNCIATION"))                                # out of scope
    on_day(date(2025, 3, 26))
    service.rate(on_time["tracking_code"], RATING)
    ids = [service.record(submission(channel="DOI_THOAI", received_on="2025-03-20"), "desk")["id"]
           for _ in range(5)]
    service.record_dialogue(dialogue(held_on="2025-03-20", feedback_ids=ids), "desk")
    on_day(date(2025, 4, 1))
    figures = service.statistics({"from": "2025-03-01", "to": "2025-03-31"})
    assert {key: figures[key] for key in ("received", "in_scope", "out_of_scope", "answered", "answered_on_time",
                                          "answered_late", "open", "open_overdue", "overdue")} == {
        "received": 9, "in_scope": 8, "out_of_scope": 1, "answered": 2, "answered_on_time": 1,
        "answered_late": 1, "open": 6, "open_overdue": 1, "overdue": 2}
    assert figures["dialogues"] == {"held": 1, "participants": 120, "items_raised": 5}
    assert {g["key"]: g["received"] for g in figures["by_channel"]} == {"CONG_DVC_QG": 1, "DIEN_TU": 3,
                                                                        "DOI_THOAI": 5}
    assert {g["key"]: g["received"] for g in figures["by_unit"]} == {UNIT_ID: 8, "unit-b": 1}
    assert {g["key"]: g["answered_on_time"] for g in figures["by_procedure_domain"]} == {"LAND": 1,
                                                                                         "UNSPECIFIED": 0}
    assert [g["key"] for g in figures["by_month"]] == ["2025-03"]
    assert figures["satisfaction"]["ratings"] == 1 and figures["satisfaction"]["feedback_handling"] == 3
    assert figures["deadline_rules"]["PUBLICATION"] == {"days": 2, "count": "WORKING"}
    only_b = service.statistics({"from": "2025-03-01", "unit_id": "unit-b"})
    assert only_b["received"] == 1 and only_b["dialogues"]["held"] == 0 and only_b["to"] == "2025-04-01"
    with pytest.raises(Invalid):
        service.statistics({"from": "March"})
