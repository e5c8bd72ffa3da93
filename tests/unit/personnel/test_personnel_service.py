"""Personnel entrypoints over an embedded store (no broker)."""
from datetime import date

import pytest

from services.common.envelope import new_event
from services.common.errors import Conflict, Invalid, NotFound
from tests.stored import pending_events
from tests.unit.personnel.conftest import official_payload


def outbox(db, collection, doc_id):
    return [(entry["routing_key"], entry["envelope"]["data"]) for entry in pending_events(db, collection, doc_id)]


def test_registering_an_official_evaluates_standards_and_announces_both(service, db, unit, position):
    official = service.register_official(official_payload(unit, position))
    assert official["standards"]["met"] is False
    assert official["standards"]["missing"] == [{"kind": "POLITICAL_THEORY", "required_level": "TRUNG_CAP",
                                                 "held_level": None, "source": "position"}]
    assert official["standards"]["rank_rule_set"] == "Circular 02/2021/TT-BNV"
    assert [key for key, _ in outbox(db, "officials", official["id"])] == ["official_registered",
                                                                          "standards_status_changed"]


def test_a_duplicate_national_id_is_a_conflict_and_writes_nothing(service, db, unit, position):
    service.register_official(official_payload(unit, position))
    with pytest.raises(Conflict) as error:
        service.register_official(official_payload(unit, position, full_name="Người khác"))
    assert "national_id" in error.value.fields
    assert db.officials.count_documents({}) == 1


def test_unknown_fields_and_operator_keys_are_refused_field_by_field(service, unit, position):
    with pytest.raises(Invalid) as error:
        service.register_official(dict(official_payload(unit, position), salary=1, **{"$where": "1"}))
    assert {"salary", "$where"} <= set(error.value.fields)


def test_wrong_types_and_missing_fields_get_one_message_each(service, unit, position):
    payload = official_payload(unit, position, birth_date="yesterday", national_id={"$gt": ""})
    del payload["rank"]
    with pytest.raises(Invalid) as error:
        service.register_official(payload)
    assert {"national_id", "birth_date", "rank"} <= set(error.value.fields)


def test_an_unknown_position_is_not_found_and_nothing_is_written(service, db, unit, position):
    with pytest.raises(NotFound):
        service.register_official(official_payload(unit, position, position_id="pos-missing"))
    assert db.officials.count_documents({}) == 0


def test_a_position_requiring_an_unknown_level_is_refused(service, unit):
    with pytest.raises(Invalid) as error:
        service.create_position({"unit_id": unit["id"], "title": "X", "group": "PROFESSIONAL", "rank": "01.003",
                                 "requirements": [{"kind": "POLITICAL_THEORY", "level": "TIEN_SI"}]})
    assert "requirements" in error.value.fields


def test_training_completed_adds_the_credential_and_flips_standards_once(service, db, unit, position):
    official = service.register_official(official_payload(unit, position))
    db.officials.update_one({"_id": official["id"]}, {"$set": {"_outbox": []}})
    event = new_event("training", "training_completed", {
        "enrollment_id": "enr-1", "official_id": official["id"], "completed_on": "2024-06-30",
        "credential": {"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP"}}, subject="enr-1")

    service.handle_training_completed(event)
    service.handle_training_completed(event)

    stored = service.get_official(official["id"])
    assert [q["source"] for q in stored["qualifications"]].count("training:enr-1") == 1
    assert stored["standards"]["met"] is True
    assert [key for key, _ in outbox(db, "officials", official["id"])] == ["qualification_updated",
                                                                          "standards_status_changed"]


def test_a_failed_inspection_opens_one_review_per_named_official_even_if_redelivered(service, db, unit, position):
    first = service.register_official(official_payload(unit, position))
    second = service.register_official(official_payload(unit, position, national_id="096090009999"))
    event = new_event("inspection", "inspection_concluded", {
        "inspection_id": "insp-1", "unit_id": unit["id"], "result": "FAILED", "concluded_on": "2024-05-02",
        "findings": [{"finding_id": "f1", "description": "Hồ sơ trễ hạn",
                      "responsible_official_ids": [first["id"], second["id"]]}]}, subject="insp-1")

    service.handle_inspection_concluded(event)
    service.handle_inspection_concluded(event)

    reviews = service.list_reviews({})
    assert reviews["total"] == 2
    assert {r["official_id"] for r in reviews["items"]} == {first["id"], second["id"]}
    assert all(r["origin"] == "INSPECTION" and r["status"] == "OPEN" for r in reviews["items"])


def test_a_passed_inspection_opens_no_review(service, unit):
    event = new_event("inspection", "inspection_concluded", {
        "inspection_id": "insp-2", "unit_id": unit["id"], "result": "PASSED", "concluded_on": "2024-05-02",
        "findings": []}, subject="insp-2")
    service.handle_inspection_concluded(event)
    assert service.list_reviews({})["total"] == 0


def test_a_failed_inspection_naming_nobody_opens_a_review_of_the_unit_head(service, db, position):
    head_unit = service.create_unit({"code": "UBX", "name": "UBND xã Tân Thành", "unit_type": "UBND_XA",
                                     "level": "COMMUNE", "valid_from": "2017-01-01"})
    head_position = service.create_position({"unit_id": head_unit["id"], "title": "Chủ tịch", "group": "LEADERSHIP",
                                             "rank": "01.002"})
    head = service.register_official(official_payload(head_unit, head_position))
    db.units.update_one({"_id": head_unit["id"]}, {"$set": {"head_official_id": head["id"]}})
    event = new_event("inspection", "inspection_concluded", {
        "inspection_id": "insp-3", "unit_id": head_unit["id"], "result": "FAILED", "concluded_on": "2024-05-02",
        "findings": [{"finding_id": "f1", "description": "Vi phạm TTHC", "responsible_official_ids": []}]},
        subject="insp-3")

    service.handle_inspection_concluded(event)

    assert [r["official_id"] for r in service.list_reviews({})["items"]] == [head["id"]]


def test_substantiated_feedback_opens_a_feedback_review(service, unit, position):
    official = service.register_official(official_payload(unit, position))
    event = new_event("feedback", "feedback_substantiated", {
        "feedback_id": "fb-1", "official_id": official["id"], "unit_id": unit["id"],
        "answered_on": date(2024, 3, 1).isoformat(), "summary": "Chậm giải quyết hồ sơ"}, subject="fb-1")

    service.handle_feedback_substantiated(event)

    review = service.list_reviews({"official_id": official["id"]})["items"][0]
    assert review["origin"] == "FEEDBACK" and review["origin_ref"] == "fb-1"
    assert service.get_review(review["id"]) == review


DECISION = {"number": "12/QĐ-SNV", "signer": "Giám đốc Sở Nội vụ", "signed_on": "2026-01-05",
            "legal_basis": "Law 80/2025/QH15"}


def test_a_transfer_is_a_dated_decision_announced_and_re_evaluating_standards(service, db, unit, position):
    official = service.register_official(official_payload(unit, position))
    plain = service.create_position({"unit_id": unit["id"], "title": "Nhân viên", "group": "SUPPORT", "rank": "01.005"})
    service.transfer_official(official["id"], {"position_id": plain["id"], "effective_from": "2026-01-05",
                                               "decision": DECISION})
    service.change_rank(official["id"], {"rank": "01.005", "effective_from": "2026-01-05", "decision": DECISION})
    moved = service.get_official(official["id"])
    assert (moved["position_id"], moved["rank"], moved["standards"]["met"]) == (plain["id"], "01.005", True)
    keys = [key for key, _ in outbox(db, "officials", official["id"])]
    assert {"official_transferred", "rank_changed"} <= set(keys) and "official_updated" not in keys
    with pytest.raises(Invalid) as error:
        service.update_official(official["id"], {"position_id": position["id"]})
    assert error.value.fields == {"position_id": ["changed by a dated decision: use "
                                                  "POST /api/v1/officials/{id}/transfers"]}
    with pytest.raises(Invalid) as error:
        service.update_official(official["id"], {"status": "SEPARATED"})
    assert "status" in error.value.fields


def test_a_separated_official_is_not_updated_any_more(service, unit, position):
    official = service.register_official(official_payload(unit, position))
    service.separate_official(official["id"], {"reason": "RETIREMENT", "separated_on": "2025-01-01",
                                               "decision_ref": "QĐ 1"})
    with pytest.raises(Conflict):
        service.update_official(official["id"], {"status": "ON_LEAVE"})


@pytest.mark.parametrize("education, rank, since, due", [
    ("DAI_HOC", "01.003", "2023-04-01", "2026-04-01"),          # college degree and above: 36 months
    ("TRUNG_CAP", "01.005", "2023-04-01", "2025-04-01"),        # below college: 24 months
    ("DAI_HOC", "CHUYEN_GIA_CAO_CAP", "2023-04-01", "2028-04-01"),   # chuyên gia cao cấp: 60 months
])
def test_the_next_salary_step_is_due_by_education_and_rank_domain_salary_steps(service, unit, position, education,
                                                                               rank, since, due):
    official = service.register_official(official_payload(
        unit, position, rank=rank, salary_step=3, salary_step_since=since, phone="0290 3831 234",
        qualifications=[{"kind": "EDUCATION", "level": education, "obtained_on": "2012-06-30"}]))
    assert (official["salary_step"], official["next_step_due"], official["phone"]) == (3, due, "0290 3831 234")
