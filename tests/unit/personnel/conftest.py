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


def official_payload(unit, position, **overrides):
    payload = {"full_name": "Lê Văn Tám", "national_id": "096090001234", "birth_date": "1990-03-02",
               "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"],
               "rank": "01.003", "service_start_date": "2015-09-01"}
    payload.update(overrides)
    return payload
