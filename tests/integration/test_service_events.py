"""Each service in its own container on the real broker: personnel's events in, its own events out."""
from datetime import date

from services.common.envelope import new_event
from services.feedback.service import FeedbackService
from services.inspection.service import InspectionService
from services.training.service import TrainingService
from tests.helpers import bind_spy_queue, drain, publish_raw, wait_until


def announce_unit_and_official(config, unit_id="unit-1", official_id="off-1"):
    """Personnel's events, published as personnel would."""
    unit = new_event("personnel", "unit_created", {
        "unit_id": unit_id, "code": "UBX", "name": "UBND xã Khánh Hưng", "level": "COMMUNE", "parent_id": None,
        "valid_from": "2017-01-01", "valid_to": None, "head_official_id": None}, subject=unit_id)
    official = new_event("personnel", "official_registered", {
        "official_id": official_id, "full_name": "Đặng Văn Lợi", "unit_id": unit_id, "position_id": "pos-1",
        "category": "CONG_CHUC", "rank": "01.003", "status": "ACTIVE", "service_start_date": "2010-01-01",
        "birth_date": "1980-01-01"}, subject=official_id)
    publish_raw(config["AMQP_URI"], "personnel.events", "unit_created", unit)
    publish_raw(config["AMQP_URI"], "personnel.events", "official_registered", official)


def accepted(call):
    try:
        return call()
    except Exception:  # not yet projected: the service still says "unknown"
        return None


def test_training_enrolls_an_official_it_learned_from_personnel_and_announces_completion(
        config, container_factory, rpc):
    container_factory(TrainingService, config).start()
    spy = bind_spy_queue(config["AMQP_URI"], "training.events", "training_completed", "spy-completed")
    announce_unit_and_official(config)
    course = rpc.training.create_course({
        "title": "Bồi dưỡng quản lý nhà nước ngạch chuyên viên", "kind": "FOSTERING",
        "content_area": "STATE_MANAGEMENT", "location": "DOMESTIC", "organiser": "Sở Nội vụ",
        "start_date": "2024-03-04", "end_date": "2024-04-26", "hours": 240, "capacity": 30, "assessments": 1,
        "credential": {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}})

    enrollment = wait_until(lambda: accepted(lambda: rpc.training.enroll(
        {"course_id": course["id"], "official_id": "off-1"})), message="the official was never projected")
    rpc.training.record_result(enrollment["id"], {"attended_sessions": 10, "total_sessions": 10, "scores": [6],
                                                  "recorded_on": "2024-04-26"})

    (body, _), = wait_until(lambda: drain(config["AMQP_URI"], spy))
    assert body["type"] == "vn.camau.civilservice.training.completed.v1"
    assert body["data"]["official_id"] == "off-1"
    assert body["data"]["credential"] == {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}


def test_inspection_concludes_against_a_projected_official_and_announces_it(config, container_factory, rpc):
    container_factory(InspectionService, config).start()
    spy = bind_spy_queue(config["AMQP_URI"], "inspection.events", "inspection_concluded", "spy-concluded")
    announce_unit_and_official(config)

    inspection = wait_until(lambda: accepted(lambda: rpc.inspection.open_inspection({
        "title": "Thanh tra công vụ", "kind": "THANH_TRA", "form": "AD_HOC", "topic": "PUBLIC_DUTY",
        "unit_id": "unit-1", "decision_date": "2024-02-01", "team": ["Thanh tra Sở Nội vụ"]})))
    wait_until(lambda: accepted(lambda: rpc.inspection.record_finding(inspection["id"], {
        "violation_type": "LATE_PROCESSING", "description": "Giải quyết hồ sơ trễ hạn", "severity": "LESS_SERIOUS",
        "responsible_official_ids": ["off-1"], "tthc_domain": "LAND"})))
    for stage, day in (("FIELDWORK", "2024-02-05"), ("RESULT_REPORT", "2024-02-20"),
                       ("DRAFT_CONCLUSION", "2024-02-26")):
        rpc.inspection.advance_stage(inspection["id"], {"stage": stage, "entered_on": day})
    rpc.inspection.conclude(inspection["id"], {"result": "FAILED", "concluded_on": date(2024, 3, 1).isoformat(),
                                               "summary": "Vi phạm thời hạn giải quyết TTHC"})

    (body, _), = wait_until(lambda: drain(config["AMQP_URI"], spy))
    assert body["data"]["result"] == "FAILED"
    assert body["data"]["findings"][0]["responsible_official_ids"] == ["off-1"]


def test_feedback_about_a_projected_official_announces_substantiation(config, container_factory, rpc):
    container_factory(FeedbackService, config).start()
    spy = bind_spy_queue(config["AMQP_URI"], "feedback.events", "feedback_substantiated", "spy-substantiated")
    announce_unit_and_official(config)

    receipt = wait_until(lambda: accepted(lambda: rpc.feedback.submit({
        "submitter_type": "TO_CHUC", "name": "Công ty TNHH Minh Phát", "address": "Năm Căn, Cà Mau",
        "phone": "02903123456", "kind": "PROCEDURE", "title": "Hồ sơ đất đai trễ hẹn",
        "content": "Hồ sơ chuyển mục đích sử dụng đất bị trễ hẹn 30 ngày.", "target_unit_id": "unit-1",
        "official_id": "off-1"})))
    rpc.feedback.answer(receipt["id"], {"answer": "Phản ánh đúng; đã chấn chỉnh.", "substantiated": True})

    (body, _), = wait_until(lambda: drain(config["AMQP_URI"], spy))
    assert body["data"]["official_id"] == "off-1" and body["data"]["feedback_id"] == receipt["id"]
    assert "Minh Phát" not in str(body) and "02903123456" not in str(body)
