"""The headline flows and an agency's subscription, on the deployed shape: the very tests of the in-process
tier (tests/e2e), run against six processes started as `make run` starts them. Each test gets a platform of
its own, as each e2e test does (they create the same unit codes and national ids)."""
import pytest

from tests.deployed.platform import ADMIN_PASSWORD, DeployedPlatform
from tests.e2e.test_agencies import agency_users  # noqa: F401  (a fixture)
from tests.e2e.test_agencies import \
    test_an_agency_receives_exactly_its_granted_types_over_its_queue_webhooks_and_the_archive  # noqa: F401
from tests.e2e.test_headline_flows import (  # noqa: F401  (collected here, over the deployed shape)
    test_a_failed_inspection_and_substantiated_feedback_each_open_a_review,
    test_a_passing_training_result_gives_the_qualification_and_meets_the_standards,
    test_the_request_id_follows_the_request_into_the_events_it_causes)
from tests.helpers import Api


@pytest.fixture
def platform(request, broker_management):
    started = DeployedPlatform(broker_management, request.config.getoption("RABBIT_AMQP_URI"))
    try:
        yield started.start()
    finally:
        started.clean_up()


@pytest.fixture
def api(platform):
    return Api(platform.url).login("admin", ADMIN_PASSWORD)


@pytest.fixture
def anonymous(platform):
    return Api(platform.url)


@pytest.fixture
def system_config(platform):
    """What the e2e tests read of their system's configuration: the broker's address on its vhost."""
    return {"AMQP_URI": platform.admin_amqp_uri, "AGENCY_USER_PREFIX": platform.agency_prefix}
