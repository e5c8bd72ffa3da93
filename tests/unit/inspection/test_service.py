"""The inspection service end to end without a broker: commands, stored documents, outbox events."""
import pytest

from services.common.errors import ConcurrentUpdate, Conflict, Invalid, NotFound
from services.personnel.events_consumed import InspectionConcludedIn
from tests.unit.inspection.builders import (HEAD_A, OFFICIAL_A, OFFICIAL_B, UNIT_A, UNIT_B, bring_to_draft,
                                            conclusion, finding, opening, outbox, seed_personnel, wired_service)


@pytest.fixture
def wired():
    service, db = wired_service()
    seed_personnel(service)
    return service, db


@pytest.fixture
def opened(wired):
    service, db = wired
    return service, db, service.open_inspection(opening())


def stored(db, inspection_id):
    return db.inspections.find_one({"_id": inspection_id})


def test_opening_stores_the_inspection_at_decision_stage_with_its_event(wired):
    service, db = wired
    view = service.open_inspection(opening())
    assert view["stage"] == "DECISION" and view["findings"] == [] and view["conclusion"] is None
    assert view["governing_law"] == "Law 84/2025/QH15"
    assert service.get_inspection(view["id"]) == view
    [entry] = outbox(db, view["id"])
    assert entry["routing_key"] == "inspection_opened"
    assert entry["envelope"]["data"]["unit_id"] == UNIT_A
    assert entry["envelope"]["type"] == "vn.camau.civilservice.inspection.opened.v1"


def test_an_unknown_unit_is_refused_and_nothing_is_written(wired):
    service, db = wired
    with pytest.raises(Invalid) as error:
        service.open_inspection(opening(unit_id="unit-nowhere"))
    assert "unit unit-nowhere is not known" in error.value.fields["unit_id"][0]
    assert db.inspections.count_documents({}) == 0


def test_a_finding_is_stored_inside_its_inspection_with_its_event(opened):
    service, db, inspection = opened
    view = service.record_finding(inspection["id"], finding())
    assert view["responsible_official_ids"] == [OFFICIAL_A] and view["tthc_domain"] == "LAND"
    document = stored(db, inspection["id"])
    assert [f["id"] for f in document["findings"]] == [view["id"]] and document["_version"] == 2
    entry = document["_outbox"][-1]
    assert entry["routing_key"] == "finding_recorded"
    assert entry["envelope"]["data"]["finding_id"] == view["id"]
    assert entry["envelope"]["data"]["inspection_id"] == inspection["id"]


@pytest.mark.parametrize("named, reason", [
    ([OFFICIAL_B], "official off-b1 belonged to unit unit-b on 2025-08-01, not to the inspected unit unit-a"),
    (["off-ghost"], "official off-ghost is not known (not registered in personnel, or not yet received)"),
])
def test_a_finding_naming_an_official_outside_the_unit_is_refused_with_nothing_written(opened, named, reason):
    service, db, inspection = opened
    before = stored(db, inspection["id"])
    with pytest.raises(Invalid) as error:
        service.record_finding(inspection["id"], finding(responsible_official_ids=[OFFICIAL_A, *named]))
    assert error.value.fields == {"responsible_official_ids": [reason]}
    assert stored(db, inspection["id"]) == before


def test_no_finding_after_the_conclusion_and_nothing_written(opened):
    service, db, inspection = opened
    bring_to_draft(service, inspection["id"])
    service.conclude(inspection["id"], conclusion(result="PASSED"))
    before = stored(db, inspection["id"])
    with pytest.raises(Conflict):
        service.record_finding(inspection["id"], finding())
    assert stored(db, inspection["id"]) == before


def test_concluding_twice_is_a_conflict(opened):
    service, db, inspection = opened
    bring_to_draft(service, inspection["id"])
    service.conclude(inspection["id"], conclusion())
    with pytest.raises(Conflict):
        service.conclude(inspection["id"], conclusion(result="PASSED"))
    assert stored(db, inspection["id"])["conclusion"]["result"] == "FAILED"


def test_a_conclusion_before_the_decision_date_is_refused(opened):
    service, db, inspection = opened
    with pytest.raises(Invalid) as error:
        service.conclude(inspection["id"], conclusion(concluded_on="2025-07-31"))
    assert error.value.fields == {"concluded_on": ["must not be before the decision date 2025-08-01"]}
    assert stored(db, inspection["id"])["conclusion"] is None


def test_the_conclusion_event_carries_the_findings_personnel_needs_flow_2(opened):
    service, db, inspection = opened
    first = service.record_finding(inspection["id"], finding())
    second = service.record_finding(inspection["id"], finding(
        violation_type="PERSONNEL_PROCEDURE", severity="LESS_SERIOUS", responsible_official_ids=[],
        tthc_domain=None, legal_basis="Decree 170/2025"))
    bring_to_draft(service, inspection["id"])
    view = service.conclude(inspection["id"], conclusion())
    assert view["stage"] == "CONCLUSION" and view["conclusion"]["result"] == "FAILED"
    entry = outbox(db, inspection["id"])[-1]
    assert entry["routing_key"] == "inspection_concluded"
    data = entry["envelope"]["data"]
    assert data == {
        "inspection_id": inspection["id"], "unit_id": UNIT_A, "result": "FAILED",
        "concluded_on": "2025-09-15", "summary": "Đơn vị vi phạm thời hạn giải quyết TTHC",
        "findings": [
            {"finding_id": first["id"], "description": "Hồ sơ giải quyết trễ hạn", "severity": "SERIOUS",
             "violation_type": "TTHC_OVERDUE", "tthc_domain": "LAND", "responsible_official_ids": [OFFICIAL_A]},
            {"finding_id": second["id"], "description": "Hồ sơ giải quyết trễ hạn", "severity": "LESS_SERIOUS",
             "violation_type": "PERSONNEL_PROCEDURE", "tthc_domain": None, "responsible_official_ids": []}],
        "recommendations": []}
    # the consumer's own schema accepts it (services/personnel/events_consumed.py InspectionConcludedIn)
    loaded = InspectionConcludedIn().load(data)
    assert loaded["result"] == "FAILED" and loaded["findings"][0]["responsible_official_ids"] == [OFFICIAL_A]


def test_unknown_inspections_are_not_found(wired):
    service, _ = wired
    for call in (lambda: service.get_inspection("insp-nope"), lambda: service.get_inspection({"$gt": ""}),
                 lambda: service.record_finding("insp-nope", finding()),
                 lambda: service.conclude("insp-nope", conclusion())):
        with pytest.raises(NotFound):
            call()


def test_inspections_are_listed_newest_first_and_filtered_by_unit_and_result(wired):
    service, _ = wired
    old = service.open_inspection(opening(decision_date="2025-03-01"))
    new = service.open_inspection(opening(decision_date="2025-10-01"))
    other = service.open_inspection(opening(unit_id=UNIT_B))
    bring_to_draft(service, old["id"], dates=("2025-03-02", "2025-03-20", "2025-03-25"))
    service.conclude(old["id"], conclusion(result="PASSED", concluded_on="2025-04-01"))
    listed = service.list_inspections()
    assert listed["total"] == 3 and [i["id"] for i in listed["items"]] == [new["id"], other["id"], old["id"]]
    assert "findings" not in listed["items"][0] and listed["items"][0]["finding_count"] == 0
    assert [i["id"] for i in service.list_inspections({"unit_id": UNIT_A})["items"]] == [new["id"], old["id"]]
    assert [i["id"] for i in service.list_inspections({"result": "PASSED"})["items"]] == [old["id"]]
    page = service.list_inspections({"offset": 1, "limit": 1})
    assert page["total"] == 3 and [i["id"] for i in page["items"]] == [other["id"]]


def test_an_officials_findings_come_with_their_inspection(opened):
    service, _, inspection = opened
    mine = service.record_finding(inspection["id"], finding())
    service.record_finding(inspection["id"], finding(responsible_official_ids=[HEAD_A]))
    bring_to_draft(service, inspection["id"])
    service.conclude(inspection["id"], conclusion())
    listed = service.list_findings({"official_id": OFFICIAL_A})
    assert listed["total"] == 1
    [item] = listed["items"]
    assert item["id"] == mine["id"] and item["inspection_id"] == inspection["id"]
    assert item["inspection_title"] == inspection["title"] and item["unit_id"] == UNIT_A
    assert item["result"] == "FAILED" and item["concluded_on"] == "2025-09-15"
    assert item["severity"] == "SERIOUS" and item["responsible_official_ids"] == [OFFICIAL_A]


def test_findings_are_listed_by_unit_in_recorded_order_with_paging(wired):
    service, _ = wired
    inspection = service.open_inspection(opening())
    other = service.open_inspection(opening(unit_id=UNIT_B))
    ids = [service.record_finding(inspection["id"], finding(description=str(n)))["id"] for n in range(3)]
    service.record_finding(other["id"], finding(responsible_official_ids=[OFFICIAL_B]))
    listed = service.list_findings({"unit_id": UNIT_A})
    assert listed["total"] == 3 and [i["id"] for i in listed["items"]] == ids
    assert listed["items"][0]["result"] is None and listed["items"][0]["concluded_on"] is None
    page = service.list_findings({"unit_id": UNIT_A, "offset": 2, "limit": 5})
    assert page["total"] == 3 and [i["id"] for i in page["items"]] == ids[2:]
    assert service.list_findings()["total"] == 4
    assert service.list_findings({"official_id": "off-nobody"}) == {"items": [], "total": 0}


def test_a_finding_written_from_a_stale_read_is_refused_not_lost(opened):
    service, db, inspection = opened
    stale, version = service.store.inspections.get_versioned(inspection["id"])
    service.record_finding(inspection["id"], finding())
    with pytest.raises(ConcurrentUpdate):
        service.store.inspections.save(stale, version, [])
    assert len(stored(db, inspection["id"])["findings"]) == 1
