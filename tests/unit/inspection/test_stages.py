"""The stage machine (Law 84/2025/QH15, docs/domain.md rule 10): one stage at a time, forward only."""
import pytest

from services.common.errors import Invalid, RuleViolation
from tests.unit.inspection.builders import (bring_to_draft, conclusion, finding, opening, outbox, seed_personnel,
                                            wired_service)


@pytest.fixture
def opened():
    service, db = wired_service()
    seed_personnel(service)
    return service, db, service.open_inspection(opening())


def advance(service, inspection_id, stage, day):
    return service.advance_stage(inspection_id, {"stage": stage, "entered_on": day})


def refused(call, *args):
    with pytest.raises(RuleViolation) as error:
        call(*args)
    return error.value


def test_each_stage_is_entered_in_order_with_its_date_and_event(opened):
    service, db, inspection = opened
    view = advance(service, inspection["id"], "FIELDWORK", "2025-08-04")
    assert view["stage"] == "FIELDWORK"
    assert view["stage_history"] == [{"stage": "FIELDWORK", "entered_on": "2025-08-04", "note": None}]
    entry = outbox(db, inspection["id"])[-1]
    assert entry["routing_key"] == "inspection_stage_changed"
    assert entry["envelope"]["data"] == {"inspection_id": inspection["id"], "unit_id": "unit-a",
                                         "stage": "FIELDWORK", "previous_stage": "DECISION",
                                         "entered_on": "2025-08-04"}


def test_a_full_inspection_runs_from_decision_to_closed(opened):
    service, _, inspection = opened
    bring_to_draft(service, inspection["id"])
    service.conclude(inspection["id"], conclusion(recommendations=[
        {"content": "Chấn chỉnh quy trình", "owner": "Chủ tịch UBND", "due_on": "2025-10-15"}]))
    advance(service, inspection["id"], "PUBLISHED", "2025-09-17")
    view = advance(service, inspection["id"], "FOLLOW_UP", "2025-09-20")
    recommendation = view["recommendations"][0]["id"]
    service.report_progress(inspection["id"], recommendation, {
        "reported_on": "2025-10-10", "note": "Đã chấn chỉnh", "status": "DONE"})
    closed = advance(service, inspection["id"], "CLOSED", "2025-10-20")
    assert closed["stage"] == "CLOSED"
    assert [s["stage"] for s in closed["stage_history"]] == [
        "FIELDWORK", "RESULT_REPORT", "DRAFT_CONCLUSION", "CONCLUSION", "PUBLISHED", "FOLLOW_UP", "CLOSED"]
    error = refused(advance, service, inspection["id"], "CLOSED", "2025-10-21")
    assert "is closed" in error.message


def test_skipping_a_stage_is_refused_naming_the_rule_and_nothing_is_written(opened):
    service, db, inspection = opened
    before = db.inspections.find_one({"_id": inspection["id"]})
    error = refused(advance, service, inspection["id"], "RESULT_REPORT", "2025-08-10")
    assert error.rule == "INSPECTION_STAGE_ORDER" and "Law 84/2025/QH15" in error.legal_basis
    assert error.message == "stages cannot be skipped: after DECISION comes FIELDWORK, not RESULT_REPORT"
    assert db.inspections.find_one({"_id": inspection["id"]}) == before


@pytest.mark.parametrize("back_to", ["DECISION", "FIELDWORK", "RESULT_REPORT"])
def test_going_back_is_refused(opened, back_to):
    service, _, inspection = opened
    advance(service, inspection["id"], "FIELDWORK", "2025-08-04")
    advance(service, inspection["id"], "RESULT_REPORT", "2025-08-20")
    error = refused(advance, service, inspection["id"], back_to, "2025-08-21")
    assert error.rule == "INSPECTION_STAGE_ORDER"
    assert error.message == "stages move only forward: RESULT_REPORT cannot go back to {}".format(back_to)


def test_concluding_without_a_results_report_is_refused_rule_10(opened):
    service, db, inspection = opened
    advance(service, inspection["id"], "FIELDWORK", "2025-08-04")
    before = db.inspections.find_one({"_id": inspection["id"]})
    error = refused(service.conclude, inspection["id"], conclusion())
    assert error.rule == "CONCLUSION_NEEDS_RESULT_REPORT"
    assert error.message.startswith("no results report yet (stage FIELDWORK)")
    assert db.inspections.find_one({"_id": inspection["id"]}) == before


def test_concluding_on_the_results_report_skips_the_draft_and_is_refused(opened):
    service, _, inspection = opened
    advance(service, inspection["id"], "FIELDWORK", "2025-08-04")
    advance(service, inspection["id"], "RESULT_REPORT", "2025-08-20")
    error = refused(service.conclude, inspection["id"], conclusion())
    assert error.message == "stages cannot be skipped: after RESULT_REPORT comes DRAFT_CONCLUSION, not CONCLUSION"


def test_the_conclusion_stage_is_entered_only_with_the_conclusion_itself(opened):
    service, _, inspection = opened
    bring_to_draft(service, inspection["id"])
    error = refused(advance, service, inspection["id"], "CONCLUSION", "2025-09-01")
    assert "POST .../conclusion" in error.message


def test_a_stage_cannot_be_dated_before_the_previous_one(opened):
    service, _, inspection = opened
    advance(service, inspection["id"], "FIELDWORK", "2025-08-04")
    with pytest.raises(Invalid) as error:
        advance(service, inspection["id"], "RESULT_REPORT", "2025-08-03")
    assert error.value.fields == {"entered_on": ["must not be before 2025-08-04 (FIELDWORK entered on 2025-08-04)"]}


def test_an_unknown_stage_code_is_a_field_error(opened):
    service, _, inspection = opened
    with pytest.raises(Invalid) as error:
        advance(service, inspection["id"], "LATER", "2025-08-05")
    assert list(error.value.fields) == ["stage"]


def test_a_conclusion_cannot_predate_the_draft(opened):
    service, _, inspection = opened
    bring_to_draft(service, inspection["id"])
    with pytest.raises(Invalid) as error:
        service.conclude(inspection["id"], conclusion(concluded_on="2025-08-24"))
    assert error.value.fields == {"concluded_on": [
        "must not be before 2025-08-25 (DRAFT_CONCLUSION entered on 2025-08-25)"]}


def test_findings_may_be_recorded_until_the_conclusion(opened):
    service, _, inspection = opened
    bring_to_draft(service, inspection["id"])
    assert service.record_finding(inspection["id"], finding())["id"]


def test_stages_conclusions_and_progress_cannot_be_dated_in_the_future(opened):
    service, _, inspection = opened
    with pytest.raises(Invalid) as error:
        advance(service, inspection["id"], "FIELDWORK", "2099-01-01")
    assert list(error.value.fields) == ["entered_on"] and "must not be after today" in error.value.fields[
        "entered_on"][0]
    bring_to_draft(service, inspection["id"])
    with pytest.raises(Invalid) as error:
        service.conclude(inspection["id"], conclusion(concluded_on="2099-01-01"))
    assert list(error.value.fields) == ["concluded_on"]
    view = service.conclude(inspection["id"], conclusion(recommendations=[
        {"content": "Chấn chỉnh", "owner": "UBND xã", "due_on": "2099-12-31"}]))
    with pytest.raises(Invalid) as error:
        service.report_progress(inspection["id"], view["recommendations"][0]["id"],
                                {"reported_on": "2099-01-01", "note": "x"})
    assert list(error.value.fields) == ["reported_on"]
