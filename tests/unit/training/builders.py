"""Test data builders of the training tests (small, valid by default)."""
from services.common.envelope import new_event
from tests.stored import pending_events


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


outbox = pending_events     # (db, collection, doc_id)


def personnel_event(event_type, subject, **data):
    return new_event("personnel", event_type, data, subject)


def standards_changed(official_id="off-1", met=False, missing=(("POLITICAL_THEORY", "TRUNG_CAP"),),
                      as_of="2025-09-01", unit_id="unit-1", position_id="pos-1"):
    return personnel_event("standards_status_changed", official_id, official_id=official_id, unit_id=unit_id,
                           position_id=position_id, met=met, previously_met=None, as_of=as_of,
                           missing=[{"kind": kind, "required_level": level, "held_level": None}
                                    for kind, level in missing])


def review_decided(review_id="rev-1", official_id="off-1", outcome="RETRAINING", retraining_need=None,
                   content_area="PUBLIC_ETHICS", decided_on="2025-09-15"):
    return personnel_event("review_decided", review_id, review_id=review_id, official_id=official_id,
                           unit_id="unit-1", origin="FEEDBACK", origin_ref="fb-1", outcome=outcome,
                           decided_on=decided_on, reason="Thái độ phục vụ chưa đúng mực",
                           retraining_need=retraining_need, content_area=content_area)


def evaluation_recorded(official_id="off-1", year=2024, rating="GOOD"):
    return personnel_event("evaluation_recorded", official_id, official_id=official_id, unit_id="unit-1",
                           year=year, rating=rating, category="CONG_CHUC")


def official_separated(official_id="off-1", separated_on="2026-01-31", reason="RESIGNATION"):
    return personnel_event("official_separated", official_id, official_id=official_id, unit_id="unit-1",
                           separated_on=separated_on, reason=reason)


def own_events(db, collection, doc_id, routing_key):
    """The envelopes a document's outbox holds for one event type (to feed training's own consumers)."""
    return [entry["envelope"] for entry in outbox(db, collection, doc_id) if entry["routing_key"] == routing_key]


def unit_created(unit_id="unit-1", code="SNV", valid_from="2017-01-01", valid_to=None, event_type="unit_created"):
    return personnel_event(event_type, unit_id, unit_id=unit_id, code=code, name="Đơn vị " + code,
                           level="PROVINCE", parent_id=None, valid_from=valid_from, valid_to=valid_to,
                           head_official_id=None)
