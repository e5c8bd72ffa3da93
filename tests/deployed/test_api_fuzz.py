"""schemathesis against the deployed shape (six processes, as `make run`): every operation of the gateway's
own /openapi.json, with the administrator's token, answers as documented and never with a server error
(issue 22: 87 of 163 operations answered 500 in this shape while the in-process run was green)."""
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings

import gateway.service  # noqa: F401  (its route classes fill the route table the document is built from)
from gateway.openapi import build_openapi

schema = schemathesis.openapi.from_dict(build_openapi())
EXAMPLES = 5
UNLIMITED = "100000"     # the rate limits have tests of their own; here every operation's examples go through


@pytest.fixture(scope="module")
def platform_settings():
    return {"GATEWAY_PUBLIC_RATE_PER_MINUTE": UNLIMITED, "GATEWAY_LOGIN_RATE_PER_MINUTE": UNLIMITED,
            "GATEWAY_OPERATIONS_RATE_PER_MINUTE": UNLIMITED}


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_operation_of_the_deployed_platform_answers_as_documented_and_never_500(case, admin):
    case.call_and_validate(base_url=admin.base_url, session=requests.Session(),
                           headers={"Authorization": admin.session.headers["Authorization"]},
                           excluded_checks=[schemathesis.checks.positive_data_acceptance])
