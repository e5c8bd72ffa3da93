"""The personnel service on the real broker: its overdue timer announces a review case undecided after its
deadline once, however often it ticks."""
from nameko.testing.services import entrypoint_hook

from services.personnel.service import PersonnelService
from tests.helpers import bind_spy_queue, drain, wait_until


def open_a_review_case(rpc):
    """An official of a new unit and a review case opened on 2025-08-01 (long past its deadline): (official, case)."""
    unit = rpc.personnel.create_unit({"code": "SNV", "name": "Sở Nội vụ", "unit_type": "SO", "level": "PROVINCE",
                                      "valid_from": "2017-01-01"})
    position = rpc.personnel.create_position({"unit_id": unit["id"], "title": "Chuyên viên",
                                              "group": "PROFESSIONAL", "rank": "01.003"})
    official = rpc.personnel.register_official({
        "full_name": "Lê Văn Tám", "national_id": "096090001234", "birth_date": "1990-03-02",
        "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003",
        "service_start_date": "2015-09-01"})
    case = rpc.personnel.open_review({"official_id": official["id"], "origin_ref": "CV-12/SNV",
                                      "reason": "Chậm trễ giải quyết hồ sơ", "opened_on": "2025-08-01"})
    return official, case


def test_the_overdue_timer_announces_a_review_past_its_deadline_once(config, container_factory, rpc):
    container = container_factory(PersonnelService, config)
    container.start()
    spy = bind_spy_queue(config["AMQP_URI"], "personnel.events", "review_overdue", "spy-review-overdue")
    official, case = open_a_review_case(rpc)

    for _ in range(2):              # the second tick finds the case flagged: nothing more
        with entrypoint_hook(container, "overdue_reviews_timer") as tick:
            tick()
    (body, _), = wait_until(lambda: drain(config["AMQP_URI"], spy), message="no review_overdue")
    assert body["type"] == "vn.camau.civilservice.personnel.review_overdue.v1"
    assert body["data"]["review_id"] == case["id"] and body["data"]["deadline"] == "2025-10-30"
    assert body["data"]["official_id"] == official["id"] and body["data"]["days_overdue"] > 0
    assert rpc.personnel.get_review(case["id"])["overdue_notified"] is True
    assert rpc.personnel.scan_overdue_reviews()["flagged"] == []
