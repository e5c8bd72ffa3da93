"""The e2e system (every service and the gateway on the real broker), configured as a deployment must be:
its own JWT secret and admin password, a /metrics token, and behind a trusted proxy so that a test can
call from several client addresses (X-Forwarded-For)."""
import pytest

from tests.e2e.conftest import *  # noqa: F401,F403  (system, anonymous and the other fixtures)
from tests.e2e.conftest import Api, free_port

ADMIN_PASSWORD = "mangrove-otter-lantern-42"
JWT_SECRET = "kQ3v9Zt0y1Lr8mWb2XcPe7HsJd4Gf6NaUo5TiRw"
METRICS_TOKEN = "scraper-token-7f3c9a"
OPERATIONS_RATE_PER_MINUTE = 5


@pytest.fixture
def system_config(config):
    return dict(config, WEB_SERVER_ADDRESS="127.0.0.1:{}".format(free_port()), GATEWAY_ADMIN_USER="admin",
                GATEWAY_ADMIN_PASSWORD=ADMIN_PASSWORD, GATEWAY_JWT_SECRET=JWT_SECRET,
                GATEWAY_METRICS_TOKEN=METRICS_TOKEN, GATEWAY_TRUSTED_PROXY=True,
                GATEWAY_OPERATIONS_RATE_PER_MINUTE=OPERATIONS_RATE_PER_MINUTE,
                GATEWAY_AGGREGATE_TIMEOUT_SECONDS=1, GATEWAY_RPC_TIMEOUT_SECONDS=3)


@pytest.fixture
def api(system, system_config):
    return Api("http://{}".format(system_config["WEB_SERVER_ADDRESS"])).login("admin", ADMIN_PASSWORD)


def gateway_dependency(system, kind):
    """One of the running gateway's dependency providers (to give it a clock a test moves)."""
    return next(d for d in system["gateway"].dependencies if isinstance(d, kind))
