"""Test data: personnel events that feed the projections, and a valid public submission."""
from services.common.envelope import new_event

UNIT_ID, OFFICIAL_ID = "unit-sotuphap", "off-an"


def unit_created(unit_id=UNIT_ID, valid_to=None):
    return new_event("personnel", "unit_created", {
        "unit_id": unit_id, "code": "STP", "name": "Sở Tư pháp", "level": "PROVINCE",
        "parent_id": None, "valid_from": "2020-01-01", "valid_to": valid_to,
        "head_official_id": None}, unit_id)


def official_registered(official_id=OFFICIAL_ID, unit_id=UNIT_ID):
    return new_event("personnel", "official_registered", {
        "official_id": official_id, "full_name": "Trần Thị Bình", "unit_id": unit_id,
        "position_id": "pos-1", "category": "CONG_CHUC", "rank": "01.003", "status": "ACTIVE",
        "service_start_date": "2015-03-01", "birth_date": "1985-06-15"}, official_id)


def submission(**overrides):
    """A valid public submission; `field=...` leaves that field out."""
    payload = {
        "submitter_type": "CA_NHAN", "name": "Nguyễn Văn A", "address": "12 Lý Thường Kiệt, Phường 5, Cà Mau",
        "phone": "0912345789", "email": "a.nguyen@example.vn", "kind": "PROCEDURE",
        "title": "Hồ sơ hộ tịch chậm", "content": "Hồ sơ đăng ký khai sinh nộp đã quá hạn mà chưa có kết quả.",
        "target_unit_id": UNIT_ID,
    }
    payload.update(overrides)
    return {key: value for key, value in payload.items() if value is not ...}
