"""A feedback service without a broker, fed with one unit and one official by personnel's events."""
import mongomock
import pytest
from nameko.testing.services import worker_factory

from services.feedback.service import FeedbackService
from services.feedback.store import FeedbackStore
from tests.unit.feedback.support import official_registered, unit_created


@pytest.fixture
def db():
    database = mongomock.MongoClient().db
    FeedbackStore(database).ensure_indexes()
    return database


@pytest.fixture
def service(db):
    service = worker_factory(FeedbackService, store=FeedbackStore(db))
    service.handle_unit_created(unit_created())
    service.handle_official_registered(official_registered())
    return service
