"""Users, API keys and the audit trail through the gateway."""


def test_an_agency_api_key_reads_but_cannot_write_and_stops_working_once_revoked(api, anonymous):
    issued = api.created("/api/v1/api-keys", {"agency": "Sở Tài chính tỉnh Cà Mau"})
    assert issued["roles"] == ["viewer"] and issued["api_key"].startswith("ak_")
    anonymous.session.headers["X-API-Key"] = issued["api_key"]
    assert anonymous.get("/api/v1/units").status_code == 200
    assert anonymous.post("/api/v1/units", {"code": "X", "name": "X", "unit_type": "SO", "level": "PROVINCE",
                                            "valid_from": "2017-01-01"}).status_code == 403
    assert "api_key" not in api.get("/api/v1/api-keys").json()["items"][0]

    assert api.post("/api/v1/api-keys/{}/revoke".format(issued["key_id"])).status_code == 200
    refused = anonymous.get("/api/v1/units")
    assert refused.status_code == 401 and refused.json()["error"] == "INVALID_API_KEY"


def test_an_api_key_or_a_user_scoped_to_an_unknown_unit_is_refused_404(api):
    """As a user's scope, an API key's names a unit of personnel (tests/deployed/test_route_walk.py found a key
    issued for a unit that does not exist)."""
    for path, body in (("/api/v1/api-keys", {"agency": "Sở Tài chính", "unit_id": "unit-x"}),
                       ("/api/v1/users", {"username": "x.hr", "full_name": "X", "password": "a-long-password-1",
                                          "roles": ["hr_officer"], "unit_id": "unit-x"})):
        refused = api.post(path, body)
        assert refused.status_code == 404 and refused.json()["error"] == "NOT_FOUND", (path, refused.text)
    assert api.get("/api/v1/api-keys").json()["total"] == 0
    unit = api.created("/api/v1/units", {"code": "STC", "name": "Sở Tài chính", "unit_type": "SO",
                                         "level": "PROVINCE", "valid_from": "2017-01-01"})
    assert api.created("/api/v1/api-keys", {"agency": "Sở Tài chính", "unit_id": unit["id"]})["unit_id"] == unit["id"]


def test_users_are_managed_by_the_admin_only(api, anonymous):
    created = api.created("/api/v1/users", {"username": "hoa.hr", "full_name": "Trần Hoa",
                                            "password": "a-long-password-1", "roles": ["hr_officer"]})
    assert "password" not in created and "password_hash" not in created
    anonymous.login("hoa.hr", "a-long-password-1")
    assert anonymous.get("/api/v1/users").status_code == 403
    weak = api.post("/api/v1/users", {"username": "weak", "full_name": "W", "password": "short",
                                      "roles": ["viewer"]})
    assert weak.status_code == 400 and "password" in weak.json()["fields"]
    assert api.post("/api/v1/users", {"username": "hoa.hr", "full_name": "Again", "password": "another-password-1",
                                      "roles": ["viewer"]}).status_code == 409

    assert api.post("/api/v1/users/hoa.hr/deactivate").status_code == 200
    assert anonymous.get("/api/v1/units").status_code == 401


def test_writes_and_personal_data_reads_are_in_the_audit_trail_with_who_and_from_where(api):
    unit = api.created("/api/v1/units", {"code": "SNV", "name": "Sở Nội vụ", "unit_type": "SO",
                                         "level": "PROVINCE", "valid_from": "2017-01-01"})
    api.get("/api/v1/officials")
    api.get("/api/v1/units/{}".format(unit["id"]))   # not personal data: not audited

    trail = api.get("/api/v1/audit", actor="admin").json()["items"]
    seen = [(entry["method"], entry["path"], entry["action"]) for entry in trail]
    assert ("POST", "/api/v1/units", "write") in seen
    assert ("GET", "/api/v1/officials", "personal_data_read") in seen
    assert ("GET", "/api/v1/units/{}".format(unit["id"]), "personal_data_read") not in seen
    assert all(entry["client"] == "127.0.0.1" and entry["request_id"] for entry in trail)
    logins = api.session.get(api.base_url + "/api/v1/audit", params={"path": "/api/v1/auth/token"}).json()["items"]
    assert logins and logins[0]["actor"] == "admin" and logins[0]["status"] == 200
