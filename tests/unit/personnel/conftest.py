import mongomock
import pytest
from nameko.testing.services import worker_factory

from services.personnel.service import PersonnelService
from services.personnel.store import PersonnelStore


@pytest.fixture
def db():
    return mongomock.MongoClient().personnel


@pytest.fixture
def service(db):
    PersonnelStore(db).ensure_indexes()
    return worker_factory(PersonnelService, store=PersonnelStore(db))


@pytest.fixture
def unit(service):
    return service.create_unit({"code": "SNV", "name": "Sở Nội vụ", "unit_type": "SO", "level": "PROVINCE",
                                "valid_from": "2017-01-01"})


@pytest.fixture
def position(service, unit):
    return service.create_position({"unit_id": unit["id"], "title": "Chuyên viên", "group": "PROFESSIONAL",
                                    "rank": "01.003",
                                    "requirements": [{"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP"}]})


# What rank 01.003 (chuyên viên) requires under Circular 02/2021/TT-BNV: officials of the fixtures meet their
# rank, so that tests about the position's standards see the position's gaps only.
SPECIALIST_QUALIFICATIONS = [{"kind": "EDUCATION", "level": "DAI_HOC", "obtained_on": "2012-06-30"},
                             {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN", "obtained_on": "2016-05-20"}]


def official_payload(unit, position, **overrides):
    payload = {"qualifications": SPECIALIST_QUALIFICATIONS,
               "full_name": "Lê Văn Tám", "national_id": "096090001234", "birth_date": "1990-03-02",
               "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"],
               "rank": "01.003", "service_start_date": "2015-09-01"}
    payload.update(overrides)
    return payload
