"""Test data builders of the training tests (small, valid by default)."""
from services.common.envelope import new_event


def official_registered(official_id="off-1", status="ACTIVE", full_name="Nguyễn Văn An", **extra):
    """The envelope personnel publishes when it registers an official (extra fields tolerated)."""
    data = {"official_id": official_id, "full_name": full_name, "unit_id": "unit-1",
            "position_id": "pos-1", "category": "CONG_CHUC", "rank": "01.003", "status": status,
            "service_start_date": "2015-08-01", "birth_date": "1985-04-12"}
    data.update(extra)
    return new_event("personnel", "official_registered", data, official_id)


def course_payload(**overrides):
    payload = {"title": "Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên", "kind": "FOSTERING",
               "content_area": "STATE_MANAGEMENT", "location": "DOMESTIC",
               "organiser": "Trường Chính trị tỉnh Cà Mau", "start_date": "2025-09-01",
               "end_date": "2025-10-31", "hours": 240, "capacity": 2, "assessments": 2,
               "credential": {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}}
    payload.update(overrides)
    return payload


def result_payload(**overrides):
    payload = {"attended_sessions": 20, "total_sessions": 20, "scores": [7.5, 8],
               "recorded_on": "2025-11-05"}
    payload.update(overrides)
    return payload


def outbox(db, collection, doc_id):
    return db[collection].find_one({"_id": doc_id})["_outbox"]
