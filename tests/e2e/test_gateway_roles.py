"""Every operation of /openapi.json, called with a token of every role: exactly the documented roles
get past authorization (anything but 401/403), every other role gets 403."""
import pytest

from gateway.auth import ROLES
from gateway.roles import SUBSCRIBER


@pytest.fixture
def system_config(system_config):
    """Eight roles call the login-limited routes: the limit is not what is under test here."""
    return dict(system_config, GATEWAY_LOGIN_RATE_PER_MINUTE=1000)


def test_each_role_may_call_exactly_the_operations_documented_for_it(api, anonymous):
    tokens = {}
    for role in ROLES:
        if role == SUBSCRIBER:        # an agency's API key, not a user's role: registered below
            continue
        username = "role.{}".format(role.replace("_", "-"))
        api.created("/api/v1/users", {"username": username, "full_name": role, "password": "role-password-123",
                                      "roles": [role]})
        response = anonymous.post("/api/v1/auth/token", {"username": username, "password": "role-password-123"})
        tokens[role] = {"Authorization": "Bearer " + response.json()["access_token"]}
    # The agency named like the concrete paths below ({name} -> xnamex), so its own routes are its own.
    agency = api.created("/api/v1/agencies", {"name": "xnamex", "title": "Agency", "contact_email": "a@camau.gov.vn",
                                              "grants": [{"event_type": "vn.camau.civilservice.personnel.unit_created.v1"}]})
    tokens[SUBSCRIBER] = {"X-API-Key": agency["api_key"]}
    document = anonymous.get("/openapi.json").json()
    mismatches = []
    # Revoking the agency or issuing it a new key ends the key in use here: those come last.
    ending_the_key = {("/api/v1/agencies/{name}", "delete"), ("/api/v1/agencies/{name}/api-key", "post")}
    calls = sorted(((path, method, operation) for path, operations in document["paths"].items()
                    for method, operation in operations.items()), key=lambda call: call[:2] in ending_the_key)
    for path, method, operation in calls:
        concrete = path.replace("{", "x").replace("}", "x")
        if operation.get("security") != []:
            for role, token in sorted(tokens.items(), key=lambda item: item[0] != SUBSCRIBER):
                response = anonymous.session.request(
                    method.upper(), anonymous.base_url + concrete, json={}, timeout=10, headers=token)
                allowed = role in operation["x-roles"]
                if allowed != (response.status_code not in (401, 403)):
                    mismatches.append((method, path, role, response.status_code))
    assert mismatches == [], mismatches
