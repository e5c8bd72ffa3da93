"""The deployed-shape tier: every module here runs against a platform of its own started as `make run`
starts it (tests/deployed/platform.py), six processes on the real broker. The in-process tiers are faster;
this one is the one that proves a release (docs/architecture.md, "Runtime modes")."""
import pytest

from tests.deployed.platform import ADMIN_PASSWORD, DeployedPlatform
from tests.helpers import Api

pytestmark = pytest.mark.deployed


@pytest.fixture(scope="module")
def platform_settings():
    """Settings (environment variables) of the module's platform beyond the tier's own; a module overrides it."""
    return {}


@pytest.fixture(scope="module")
def platform(request, broker_management, platform_settings):
    started = DeployedPlatform(broker_management, request.config.getoption("RABBIT_AMQP_URI"), platform_settings)
    try:
        yield started.start()
    finally:
        started.clean_up()


@pytest.fixture(scope="module")
def admin(platform):
    return Api(platform.url).login("admin", ADMIN_PASSWORD)


@pytest.fixture(scope="module")
def anonymous(platform):
    return Api(platform.url)
