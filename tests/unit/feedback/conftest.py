"""A feedback service without a broker, fed with one unit and one official by personnel's events."""
from datetime import date

import mongomock
import pytest
from nameko.testing.services import worker_factory

from services.feedback.deadline_rules import policy_from_config
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
    service = worker_factory(FeedbackService, store=FeedbackStore(db), policy=policy_from_config({}))
    service.handle_unit_created(unit_created())
    service.handle_official_registered(official_registered())
    return service


@pytest.fixture
def on_day(monkeypatch):
    """Set the service's calendar day (Monday 3 March 2025 to start with)."""
    def set_today(day):
        for module in ("services.feedback.service", "services.feedback.service_reporting"):
            monkeypatch.setattr(module + ".today", lambda: day)
    set_today(date(2025, 3, 3))
    return set_today
