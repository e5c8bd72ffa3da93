"""Recommendations: owner and deadline required, progress, waivers with reasons, overdue once, closing."""
from datetime import date

import pytest

from services.common.errors import Conflict, Invalid, NotFound, RuleViolation
from services.inspection.domain import followup
from tests.unit.inspection.builders import (bring_to_draft, conclusion, opening, outbox, seed_personnel,
                                            wired_service)

FIX = {"content": "Chấn chỉnh việc giải quyết hồ sơ đất đai trễ hạn", "owner": "Chủ tịch UBND xã A",
       "due_on": "2025-10-15"}
TRAIN = {"content": "Bồi dưỡng nghiệp vụ hộ tịch", "owner": "Phòng Tư pháp", "due_on": "2025-12-31"}


@pytest.fixture
def wired():
    service, db = wired_service()
    seed_personnel(service)
    return service, db


def concluded(service, recommendations=(FIX, TRAIN), **overrides):
    inspection = service.open_inspection(opening())
    bring_to_draft(service, inspection["id"])
    return service.conclude(inspection["id"], conclusion(recommendations=list(recommendations), **overrides))


def progress(service, view, index, **body):
    report = dict({"reported_on": "2025-10-01", "note": "Đang thực hiện", "percent_complete": 40}, **body)
    return service.report_progress(view["id"], view["recommendations"][index]["id"], report)


def test_a_conclusion_carries_its_recommendations_in_the_view_and_the_event(wired):
    service, db = wired
    view = concluded(service)
    assert [(r["owner"], r["due_on"], r["status"]) for r in view["recommendations"]] == [
        ("Chủ tịch UBND xã A", "2025-10-15", "OPEN"), ("Phòng Tư pháp", "2025-12-31", "OPEN")]
    data = outbox(db, view["id"])[-1]["envelope"]["data"]
    assert [r["recommendation_id"] for r in data["recommendations"]] == [r["id"] for r in view["recommendations"]]
    assert data["recommendations"][0] == {"recommendation_id": view["recommendations"][0]["id"],
                                          "content": FIX["content"], "owner": FIX["owner"], "due_on": "2025-10-15"}


@pytest.mark.parametrize("missing", ["owner", "due_on", "content"])
def test_a_recommendation_without_owner_or_deadline_is_refused_and_nothing_written(wired, missing):
    service, db = wired
    inspection = service.open_inspection(opening())
    bring_to_draft(service, inspection["id"])
    before = db.inspections.find_one({"_id": inspection["id"]})
    bad = {k: v for k, v in FIX.items() if k != missing}
    with pytest.raises(Invalid) as error:
        service.conclude(inspection["id"], conclusion(recommendations=[TRAIN, bad]))
    assert error.value.fields == {"recommendations": {1: {missing: ["Missing data for required field."]}}}
    assert db.inspections.find_one({"_id": inspection["id"]}) == before


def test_a_recommendation_due_before_the_conclusion_is_refused(wired):
    service, _ = wired
    with pytest.raises(Invalid) as error:
        concluded(service, [dict(FIX, due_on="2025-09-14")])
    assert error.value.fields == {"recommendations": {0: {"due_on": [
        "must not be before the conclusion date 2025-09-15"]}}}


def test_progress_is_recorded_and_done_settles_the_recommendation(wired):
    service, db = wired
    view = concluded(service)
    progress(service, view, 0)
    done = progress(service, view, 0, reported_on="2025-10-10", note="Đã xong", status="DONE", percent_complete=90)
    first = done["recommendations"][0]
    assert first["status"] == "DONE" and first["settled_on"] == "2025-10-10"
    assert [(p["percent_complete"], p["status"]) for p in first["progress"]] == [(40, "OPEN"), (100, "DONE")]
    entry = outbox(db, view["id"])[-1]
    assert entry["routing_key"] == "recommendation_progressed" and entry["envelope"]["data"]["status"] == "DONE"
    with pytest.raises(Conflict):
        progress(service, view, 0, reported_on="2025-10-11")


def test_a_waiver_needs_its_reason(wired):
    service, _ = wired
    view = concluded(service)
    with pytest.raises(Invalid) as error:
        progress(service, view, 1, status="WAIVED")
    assert error.value.fields == {"waiver_reason": ["required when the recommendation is waived"]}
    with pytest.raises(Invalid):
        progress(service, view, 1, waiver_reason="not a waiver")
    waived = progress(service, view, 1, status="WAIVED", waiver_reason="Phòng Tư pháp đã giải thể")
    assert waived["recommendations"][1]["waiver_reason"] == "Phòng Tư pháp đã giải thể"


def test_progress_needs_a_known_recommendation_of_a_concluded_inspection(wired):
    service, _ = wired
    view = concluded(service)
    with pytest.raises(NotFound):
        service.report_progress(view["id"], "rec-nope", {"reported_on": "2025-10-01", "note": "x"})
    with pytest.raises(Invalid) as error:
        progress(service, view, 0, reported_on="2025-09-01")
    assert error.value.fields == {"reported_on": ["must not be before the conclusion date 2025-09-15"]}


def test_an_inspection_closes_only_when_every_recommendation_is_done_or_waived(wired):
    service, _ = wired
    view = concluded(service)
    service.advance_stage(view["id"], {"stage": "PUBLISHED", "entered_on": "2025-09-16"})
    service.advance_stage(view["id"], {"stage": "FOLLOW_UP", "entered_on": "2025-09-20"})
    progress(service, view, 0, status="DONE")
    with pytest.raises(RuleViolation) as error:
        service.advance_stage(view["id"], {"stage": "CLOSED", "entered_on": "2025-12-31"})
    assert error.value.rule == "CLOSE_WHEN_RECOMMENDATIONS_SETTLED"
    assert view["recommendations"][1]["id"] in error.value.message
    progress(service, view, 1, status="WAIVED", waiver_reason="Đã sáp nhập đơn vị")
    assert service.advance_stage(view["id"], {"stage": "CLOSED", "entered_on": "2025-12-31"})["stage"] == "CLOSED"
    with pytest.raises(Conflict):
        progress(service, view, 0, reported_on="2026-01-02")


def test_an_overdue_recommendation_is_announced_once_by_the_timer_logic(wired):
    service, db = wired
    view = concluded(service)
    assert service.scan_overdue_recommendations({"as_of": "2025-10-15"})["flagged"] == []   # due that day
    result = service.scan_overdue_recommendations({"as_of": "2025-10-16"})
    fix_id = view["recommendations"][0]["id"]
    assert result == {"as_of": "2025-10-16", "flagged": [
        {"inspection_id": view["id"], "recommendation_id": fix_id, "due_on": "2025-10-15"}]}
    overdue = [e for e in outbox(db, view["id"]) if e["routing_key"] == "recommendation_overdue"]
    assert [e["envelope"]["data"] for e in overdue] == [{"inspection_id": view["id"], "recommendation_id": fix_id,
                                                         "unit_id": "unit-a", "owner": FIX["owner"],
                                                         "due_on": "2025-10-15"}]
    # the timer runs again (or on a second instance): the flag stored with the event prevents a second one
    assert service.scan_overdue_recommendations({"as_of": "2025-10-17"})["flagged"] == []
    service.overdue_recommendations_timer()     # today: the second recommendation (31 Dec 2025) is overdue too
    overdue = [e for e in outbox(db, view["id"]) if e["routing_key"] == "recommendation_overdue"]
    assert [e["envelope"]["data"]["due_on"] for e in overdue] == ["2025-10-15", "2025-12-31"]
    stored = db.inspections.find_one({"_id": view["id"]})
    assert [r["overdue_notified"] for r in stored["recommendations"]] == [True, True]
    assert service.get_inspection(view["id"])["recommendations"][0]["overdue"] is True


def test_a_settled_recommendation_is_never_overdue(wired):
    service, db = wired
    view = concluded(service, [FIX])
    progress(service, view, 0, status="DONE")
    assert service.scan_overdue_recommendations({"as_of": "2025-11-01"})["flagged"] == []
    assert service.get_inspection(view["id"])["recommendations"][0]["overdue"] is False


def test_a_scan_cannot_look_from_the_future():
    with pytest.raises(Invalid):
        followup.scan_date(date(2030, 1, 2), date(2030, 1, 1))
    assert followup.scan_date(None, date(2030, 1, 1)) == date(2030, 1, 1)
