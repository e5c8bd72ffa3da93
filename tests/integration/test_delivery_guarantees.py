"""The delivery guarantees of docs/architecture.md, with the personnel service in a container on the real broker."""
from datetime import date

from services.common import dlq
from services.common.envelope import new_event
from services.common.mongo import database_for
from services.personnel.service import PersonnelService
from services.personnel.domain.events import UnitCreated
from services.personnel.store import PersonnelStore
from tests.helpers import bind_spy_queue, drain, publish_raw, wait_until


# Rank 01.003 under Circular 02/2021/TT-BNV: met, so the position's political theory is the only gap.
SPECIALIST = [{"kind": "EDUCATION", "level": "DAI_HOC", "obtained_on": "2008-06-30"},
              {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN", "obtained_on": "2014-05-20"}]


def register_official(rpc, requirement_level="TRUNG_CAP"):
    unit = rpc.personnel.create_unit({"code": "SNV", "name": "Sở Nội vụ", "unit_type": "SO",
                                      "level": "PROVINCE", "valid_from": "2017-01-01"})
    position = rpc.personnel.create_position({
        "unit_id": unit["id"], "title": "Chuyên viên tổ chức cán bộ", "group": "PROFESSIONAL", "rank": "01.003",
        "requirements": [{"kind": "POLITICAL_THEORY", "level": requirement_level}]})
    return rpc.personnel.register_official({
        "full_name": "Trần Thị Bích", "national_id": "096185000123", "birth_date": "1985-04-12",
        "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003",
        "service_start_date": "2012-08-01", "qualifications": SPECIALIST})


def training_completed(official_id, enrollment_id="enr-1"):
    return new_event("training", "training_completed", {
        "enrollment_id": enrollment_id, "official_id": official_id, "course_id": "course-1",
        "course_title": "Trung cấp lý luận chính trị", "completed_on": "2024-06-30",
        "credential": {"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP"}, "scores": [7.5, 8.0]},
        subject=enrollment_id)


def personnel_db(config):
    return database_for(config, "personnel")


def test_the_same_event_delivered_twice_changes_the_official_once(config, container_factory, rpc):
    container_factory(PersonnelService, config).start()
    official = register_official(rpc)
    spy = bind_spy_queue(config["AMQP_URI"], "personnel.events", "qualification_updated", "spy-qualifications")
    event = training_completed(official["id"])

    publish_raw(config["AMQP_URI"], "training.events", "training_completed", event)
    publish_raw(config["AMQP_URI"], "training.events", "training_completed", event)

    wait_until(lambda: rpc.personnel.get_official(official["id"])["standards"]["met"],
               message="the qualification was not applied")
    handler_queue = "evt-training-training_completed--personnel.handle_training_completed"
    wait_until(lambda: _queue_empty(config, handler_queue), message="the duplicate was not consumed")
    assert len(rpc.personnel.get_official(official["id"])["qualifications"]) == len(SPECIALIST) + 1
    published = wait_until(lambda: drain(config["AMQP_URI"], spy))
    assert len(published) == 1


def test_events_written_but_not_published_are_delivered_when_the_service_starts(config, container_factory):
    # A process that died right after its write leaves the event in the document's outbox.
    store = PersonnelStore(personnel_db(config))
    store.ensure_indexes()
    store.commit("units", "unit-crashed", {"code": "X", "name": "Đơn vị", "unit_type": "SO", "level": "PROVINCE",
                                           "valid_from": "2017-01-01", "parent_id": None, "valid_to": None,
                                           "head_official_id": None},
                 [UnitCreated(
                     subject="unit-crashed", unit_id="unit-crashed", code="X", name="Đơn vị", level="PROVINCE",
                     parent_id=None, valid_from=date(2017, 1, 1), valid_to=None, head_official_id=None,
                     unit_type="SO", successor_ids=[])])
    spy = bind_spy_queue(config["AMQP_URI"], "personnel.events", "unit_created", "spy-units")

    container_factory(PersonnelService, config).start()

    delivered = wait_until(lambda: drain(config["AMQP_URI"], spy), message="the left-behind event was not relayed")
    assert [body["data"]["unit_id"] for body, _ in delivered] == ["unit-crashed"]
    # The relay marks the entry sent after the broker's confirm, a moment after the spy has the copy.
    wait_until(lambda: personnel_db(config)["units"].find_one({"_id": "unit-crashed"})["_outbox"] == [],
               message="the relayed event was not marked sent")


def test_a_failing_event_is_retried_with_backoff_then_parked_in_the_dlq_with_its_error(
        config, container_factory):
    container_factory(PersonnelService, config).start()
    event = training_completed("off-never-registered")

    publish_raw(config["AMQP_URI"], "training.events", "training_completed", event)

    parked = wait_until(lambda: dlq.list_dead_letters(config["AMQP_URI"], "personnel"),
                        message="the failing event did not reach personnel.dlq")
    assert len(parked) == 1
    assert parked[0]["body"]["id"] == event["id"]
    assert parked[0]["retries"] == len(config["EVENT_RETRY_DELAYS_MS"])
    assert "NotFound" in parked[0]["error"]
    assert parked[0]["queue"] == "evt-training-training_completed--personnel.handle_training_completed"


def test_a_replayed_dead_letter_is_applied_once(config, container_factory, rpc):
    container_factory(PersonnelService, config).start()
    official = register_official(rpc)
    event = training_completed(official["id"])
    # Park the event by hand as if it had failed earlier, then replay it twice over.
    publish_raw(config["AMQP_URI"], "", "personnel.dlq", event, headers={
        "x-original-queue": "evt-training-training_completed--personnel.handle_training_completed",
        "x-error": "NotFound: official not found"})
    publish_raw(config["AMQP_URI"], "", "personnel.dlq", event, headers={
        "x-original-queue": "evt-training-training_completed--personnel.handle_training_completed",
        "x-error": "NotFound: official not found"})

    assert dlq.replay(config["AMQP_URI"], "personnel") == 2

    wait_until(lambda: rpc.personnel.get_official(official["id"])["standards"]["met"])
    handler_queue = "evt-training-training_completed--personnel.handle_training_completed"
    wait_until(lambda: _queue_empty(config, handler_queue))
    assert len(rpc.personnel.get_official(official["id"])["qualifications"]) == len(SPECIALIST) + 1


def test_a_malformed_envelope_goes_straight_to_the_dlq(config, container_factory):
    container_factory(PersonnelService, config).start()

    publish_raw(config["AMQP_URI"], "training.events", "training_completed", {"hello": "not a cloudevent"})

    parked = wait_until(lambda: dlq.list_dead_letters(config["AMQP_URI"], "personnel"))
    assert "InvalidEnvelope" in parked[0]["error"]


def test_an_event_no_queue_is_bound_to_is_kept_in_unrouted_events(config, container_factory, rpc):
    container_factory(PersonnelService, config).start()

    rpc.personnel.create_unit({"code": "SYT", "name": "Sở Y tế", "unit_type": "SO", "level": "PROVINCE",
                               "valid_from": "2017-01-01"})

    kept = wait_until(lambda: drain(config["AMQP_URI"], "unrouted.events"),
                      message="the unroutable event was dropped")
    assert kept[0][0]["type"] == "vn.camau.civilservice.personnel.unit_created.v1"


def _queue_empty(config, name):
    from kombu import Connection
    with Connection(config["AMQP_URI"]) as connection:
        _, count, _ = connection.default_channel.queue_declare(queue=name, passive=True)
    return count == 0
