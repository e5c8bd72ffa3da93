"""Training on the real broker: personnel's events in (as personnel publishes them), its own events out,
and its own training_completed consumed back to close the need it meets."""
from services.common.envelope import new_event
from services.training.service import TrainingService
from tests.helpers import bind_spy_queue, drain, publish_raw, wait_until


def publish_personnel(config, event_type, subject, data):
    publish_raw(config["AMQP_URI"], "personnel.events", event_type,
                new_event("personnel", event_type, data, subject=subject))


def accepted(call):
    try:
        return call()
    except Exception:  # not yet projected: the service still says "unknown"
        return None


def test_a_gap_becomes_a_need_closed_by_training_and_an_early_separation_owes_repayment(
        config, container_factory, rpc):
    container_factory(TrainingService, config).start()
    created = bind_spy_queue(config["AMQP_URI"], "training.events", "training_need_created", "spy-need-created")
    closed = bind_spy_queue(config["AMQP_URI"], "training.events", "training_need_closed", "spy-need-closed")
    owed = bind_spy_queue(config["AMQP_URI"], "training.events", "training_repayment_required", "spy-repayment")
    publish_personnel(config, "official_registered", "off-1", {
        "official_id": "off-1", "full_name": "Đặng Văn Lợi", "unit_id": "unit-1", "position_id": "pos-1",
        "category": "CONG_CHUC", "rank": "01.003", "status": "ACTIVE", "service_start_date": "2010-01-01",
        "birth_date": "1980-01-01"})
    publish_personnel(config, "standards_status_changed", "off-1", {
        "official_id": "off-1", "unit_id": "unit-1", "position_id": "pos-1", "met": False, "previously_met": None,
        "as_of": "2023-12-01", "missing": [{"kind": "EDUCATION", "required_level": "DAI_HOC", "held_level": None}]})

    (need_event, _), = wait_until(lambda: drain(config["AMQP_URI"], created), message="no training_need_created")
    assert need_event["data"]["kind"] == "EDUCATION" and need_event["data"]["origin"] == "STANDARDS_GAP"

    course = rpc.training.create_course({
        "title": "Đại học Luật (vừa làm vừa học)", "kind": "DEGREE", "content_area": "JOB_SPECIFIC",
        "organiser": "Đại học Luật TP.HCM", "start_date": "2024-01-01", "end_date": "2024-12-31", "hours": 1800,
        "capacity": 30, "assessments": 1, "credential": {"kind": "EDUCATION", "level": "DAI_HOC"},
        "tuition": 30_000_000, "other_costs": 6_600_000})
    enrollment = wait_until(lambda: accepted(lambda: rpc.training.enroll({
        "course_id": course["id"], "official_id": "off-1", "enrolled_on": "2023-12-15", "commits_to_serve": True})),
        message="the official was never projected")
    rpc.training.record_result(enrollment["id"], {"attended_sessions": 10, "total_sessions": 10, "scores": [7],
                                                  "recorded_on": "2024-12-31"})

    (closed_event, _), = wait_until(lambda: drain(config["AMQP_URI"], closed), message="the need was not closed")
    assert closed_event["data"]["reason"] == "TRAINING_COMPLETED"
    assert closed_event["data"]["enrollment_id"] == enrollment["id"]

    # personnel's separation route publishes this; here it is published as personnel would
    publish_personnel(config, "official_separated", "off-1", {
        "official_id": "off-1", "unit_id": "unit-1", "separated_on": "2026-07-03", "reason": "RESIGNATION"})
    (repayment, _), = wait_until(lambda: drain(config["AMQP_URI"], owed), message="no repayment required")
    assert repayment["data"]["amount"] == 18_300_000
    assert repayment["data"]["reason"] == "LEFT_BEFORE_COMMITMENT_END"
    assert rpc.training.list_commitments({"official_id": "off-1"})["items"][0]["commitment"]["status"] == \
        "REPAYMENT_DUE"
