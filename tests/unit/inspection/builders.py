"""Small builders shared by the inspection tests: personnel events, payloads, a wired service."""
import mongomock
from nameko.testing.services import worker_factory

from services.common.envelope import new_event
from services.inspection.service import InspectionService
from services.inspection.settings import settings_from
from services.inspection.store import InspectionStore
from tests.stored import pending_events

UNIT_A, UNIT_B = "unit-a", "unit-b"
HEAD_A, OFFICIAL_A, OFFICIAL_B = "off-head-a", "off-a1", "off-b1"


def wired_service():
    db = mongomock.MongoClient().db
    InspectionStore(db).ensure_indexes()
    return worker_factory(InspectionService, store=InspectionStore(db), settings=settings_from({})), db


def unit_created(unit_id, head=None, valid_from="2020-01-01", valid_to=None, **extra):
    data = dict({"unit_id": unit_id, "code": unit_id.upper(), "name": "Unit " + unit_id, "level": "PROVINCE",
                 "parent_id": None, "valid_from": valid_from, "valid_to": valid_to,
                 "head_official_id": head}, **extra)
    return new_event("personnel", "unit_created", data, unit_id)


def official_registered(official_id, unit_id, full_name="Nguyễn Văn A", **extra):
    data = dict({"official_id": official_id, "full_name": full_name, "unit_id": unit_id,
                 "position_id": "pos-1", "category": "CONG_CHUC", "rank": "01.003", "status": "ACTIVE",
                 "service_start_date": "2015-03-01", "birth_date": "1985-05-05"}, **extra)
    return new_event("personnel", "official_registered", data, official_id)


def seed_personnel(service):
    """Two units; a head and an official in unit A, one official in unit B."""
    service.handle_unit_created(unit_created(UNIT_A, head=HEAD_A))
    service.handle_unit_created(unit_created(UNIT_B))
    for official_id, unit_id in ((HEAD_A, UNIT_A), (OFFICIAL_A, UNIT_A), (OFFICIAL_B, UNIT_B)):
        service.handle_official_registered(official_registered(official_id, unit_id))


def opening(**overrides):
    return dict({"title": "Thanh tra công tác cán bộ năm 2025", "kind": "THANH_TRA", "form": "PLANNED",
                 "topic": "PERSONNEL_WORK", "unit_id": UNIT_A, "decision_date": "2025-08-01",
                 "team": ["Trần Thị B", "Lê Văn C"]}, **overrides)


def finding(**overrides):
    return dict({"violation_type": "TTHC_OVERDUE", "description": "Hồ sơ giải quyết trễ hạn",
                 "severity": "SERIOUS", "responsible_official_ids": [OFFICIAL_A],
                 "tthc_domain": "LAND"}, **overrides)


def conclusion(**overrides):
    return dict({"result": "FAILED", "concluded_on": "2025-09-15",
                 "summary": "Đơn vị vi phạm thời hạn giải quyết TTHC"}, **overrides)


def outbox(db, inspection_id):
    return pending_events(db, "inspections", inspection_id)


def bring_to_draft(service, inspection_id, dates=("2025-08-05", "2025-08-20", "2025-08-25")):
    """Fieldwork, results report and draft conclusion: an inspection may then be concluded (rule 10)."""
    view = None
    for stage, day in zip(("FIELDWORK", "RESULT_REPORT", "DRAFT_CONCLUSION"), dates):
        view = service.advance_stage(inspection_id, {"stage": stage, "entered_on": day})
    return view
