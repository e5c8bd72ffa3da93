"""schemathesis against the gateway's own /openapi.json, with a valid admin token: no 5xx, every
response matches its documented status, content type and schema, invalid input is rejected, and
routes that need auth refuse without it."""
from urllib.parse import urlparse

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from nameko.containers import get_container_cls

from gateway.openapi import build_openapi
from gateway.service import GatewayService
from tests.conftest import prepared_config
from tests.e2e.conftest import SERVICES, Api, free_port, start_side_by_side

schema = schemathesis.openapi.from_dict(build_openapi())
EXAMPLES = 5


# Generous limits: the rate limits have tests of their own; here every operation's examples go through.
UNLIMITED = 100_000


@pytest.fixture(scope="module")
def fuzzed_api(request, vhost_pipeline, base_config, broker_management):
    """One system for every operation of the module: each only has to answer as documented, and starting
    the five containers per operation cost minutes of the suite. Its own vhost and store, as the e2e ones."""
    broker = urlparse(request.config.getoption("RABBIT_AMQP_URI"))
    with vhost_pipeline.get() as vhost:
        rabbit = {"AMQP_URI": "{uri.scheme}://{uri.netloc}/{vhost}".format(uri=broker, vhost=vhost), "vhost": vhost}
        config = dict(prepared_config(base_config, rabbit, broker_management),
                      WEB_SERVER_ADDRESS="127.0.0.1:{}".format(free_port()), GATEWAY_ADMIN_USER="admin",
                      GATEWAY_ADMIN_PASSWORD="e2e-password", GATEWAY_AGGREGATE_TIMEOUT_SECONDS=1,
                      GATEWAY_RPC_TIMEOUT_SECONDS=3, GATEWAY_PUBLIC_RATE_PER_MINUTE=UNLIMITED,
                      GATEWAY_LOGIN_RATE_PER_MINUTE=UNLIMITED, GATEWAY_OPERATIONS_RATE_PER_MINUTE=UNLIMITED)
        containers = [get_container_cls(config)(service_class, config)
                      for service_class in (*SERVICES.values(), GatewayService)]
        start_side_by_side(containers)
        try:
            yield Api("http://{}".format(config["WEB_SERVER_ADDRESS"])).login("admin", "e2e-password")
        finally:
            for container in containers:
                container.kill()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, fuzzed_api):
    session = requests.Session()
    token = fuzzed_api.session.headers["Authorization"]
    case.call_and_validate(base_url=fuzzed_api.base_url, session=session, headers={"Authorization": token},
                           excluded_checks=[schemathesis.checks.positive_data_acceptance])
