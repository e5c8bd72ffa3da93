"""Every operation of /openapi.json, called with a token of every role: exactly the documented roles
get past authorization (anything but 401/403), every other role gets 403."""
from gateway.auth import ROLES


def test_each_role_may_call_exactly_the_operations_documented_for_it(api, anonymous):
    tokens = {}
    for role in ROLES:
        username = "role.{}".format(role.replace("_", "-"))
        api.created("/api/v1/users", {"username": username, "full_name": role, "password": "role-password-123",
                                      "roles": [role]})
        response = anonymous.post("/api/v1/auth/token", {"username": username, "password": "role-password-123"})
        tokens[role] = "Bearer " + response.json()["access_token"]
    document = anonymous.get("/openapi.json").json()
    mismatches = []
    for path, operations in document["paths"].items():
        concrete = path.replace("{", "x").replace("}", "x")
        for method, operation in operations.items():
            if operation.get("security") == []:
                continue
            for role, token in tokens.items():
                response = anonymous.session.request(
                    method.upper(), anonymous.base_url + concrete, json={}, timeout=10,
                    headers={"Authorization": token})
                allowed = role in operation["x-roles"]
                if allowed != (response.status_code not in (401, 403)):
                    mismatches.append((method, path, role, response.status_code))
    assert mismatches == []
