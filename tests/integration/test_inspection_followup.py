"""The inspection service on the real broker: its overdue timer announces a late recommendation once, and
feedback's events feed the risk candidates."""
from nameko.testing.services import entrypoint_hook

from services.common.envelope import new_event
from services.inspection.service import InspectionService
from tests.helpers import bind_spy_queue, drain, publish_raw, wait_until
from tests.integration.test_service_events import accepted, announce_unit_and_official


def test_the_overdue_timer_announces_a_late_recommendation_once(config, container_factory, rpc):
    container = container_factory(InspectionService, config)
    container.start()
    spy = bind_spy_queue(config["AMQP_URI"], "inspection.events", "recommendation_overdue", "spy-rec-overdue")
    announce_unit_and_official(config)
    inspection = wait_until(lambda: accepted(lambda: rpc.inspection.open_inspection({
        "title": "Kiểm tra công vụ", "kind": "KIEM_TRA", "form": "AD_HOC", "topic": "PUBLIC_DUTY",
        "unit_id": "unit-1", "decision_date": "2025-08-01", "team": ["Thanh tra Sở Nội vụ"]})))
    for stage, day in (("FIELDWORK", "2025-08-04"), ("RESULT_REPORT", "2025-08-20"),
                       ("DRAFT_CONCLUSION", "2025-08-25")):
        rpc.inspection.advance_stage(inspection["id"], {"stage": stage, "entered_on": day})
    view = rpc.inspection.conclude(inspection["id"], {
        "result": "PASSED_WITH_REMARKS", "concluded_on": "2025-09-01", "summary": "Đạt, có kiến nghị",
        "recommendations": [{"content": "Niêm yết TTHC", "owner": "UBND xã Khánh Hưng", "due_on": "2025-10-01"}]})

    with entrypoint_hook(container, "overdue_recommendations_timer") as tick:
        tick()
    with entrypoint_hook(container, "overdue_recommendations_timer") as tick:
        tick()                                     # the next tick finds it flagged: nothing more
    (body, _), = wait_until(lambda: drain(config["AMQP_URI"], spy), message="no recommendation_overdue")
    assert body["data"]["recommendation_id"] == view["recommendations"][0]["id"]
    assert body["data"]["owner"] == "UBND xã Khánh Hưng" and body["data"]["due_on"] == "2025-10-01"
    assert rpc.inspection.get_inspection(inspection["id"])["recommendations"][0]["overdue_notified"] is True


def test_substantiated_feedback_events_make_a_risk_candidate(config, container_factory, rpc):
    container_factory(InspectionService, config).start()
    announce_unit_and_official(config)
    for n in range(3):
        publish_raw(config["AMQP_URI"], "feedback.events", "feedback_substantiated", new_event(
            "feedback", "feedback_substantiated", {
                "feedback_id": "fb-{}".format(n), "official_id": "off-1", "unit_id": "unit-1",
                "answered_on": "2025-05-0{}".format(n + 1), "summary": "Phản ánh đúng"}, "fb-{}".format(n)))

    def proposed():
        items = rpc.inspection.risk_candidates({"from": "2025-01-01", "to": "2025-12-31"})["items"]
        return items if items and items[0]["substantiated"] == 3 else None
    [candidate] = wait_until(proposed, message="unit-1 was never proposed")
    assert candidate["unit_id"] == "unit-1" and candidate["unit_name"] == "UBND xã Khánh Hưng"
