"""Fixtures of the training tests: a service worker on an in-memory store, and what it needs."""
import mongomock
import pytest
from nameko.testing.services import worker_factory

from services.training.service import TrainingService
from services.training.store import TrainingStore
from tests.unit.training.builders import course_payload, official_registered


@pytest.fixture
def db():
    database = mongomock.MongoClient().db
    TrainingStore(database).ensure_indexes()
    return database


@pytest.fixture
def service(db):
    return worker_factory(TrainingService, store=TrainingStore(db))


@pytest.fixture
def officials(service):
    """Three ACTIVE officials known from personnel's events."""
    ids = ["off-1", "off-2", "off-3"]
    for official_id in ids:
        service.handle_official_registered(official_registered(official_id))
    return ids


@pytest.fixture
def course(service):
    """An OPEN fostering course: capacity 2, two graded assessments, grants CHUYEN_VIEN."""
    return service.create_course(course_payload())


@pytest.fixture
def enrollment(service, course, officials):
    return service.enroll({"course_id": course["id"], "official_id": "off-1"})
