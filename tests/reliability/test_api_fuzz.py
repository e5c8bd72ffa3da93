"""schemathesis against the gateway's own /openapi.json, with a valid admin token: no 5xx, every
response matches its documented status, content type and schema, invalid input is rejected, and
routes that need auth refuse without it."""
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings

from gateway.openapi import build_openapi
from gateway.service import GatewayService  # noqa: F401  (registers every route)

schema = schemathesis.openapi.from_dict(build_openapi())
EXAMPLES = 5


@pytest.fixture
def token(api):
    return api.session.headers["Authorization"]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, api, token):
    session = requests.Session()
    case.call_and_validate(base_url=api.base_url, session=session, headers={"Authorization": token},
                           excluded_checks=[schemathesis.checks.positive_data_acceptance])
