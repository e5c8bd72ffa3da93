"""Accounts, API keys and the audit trail belong to no unit: the admin role is province-wide, so an
administrator scoped to one unit cannot reset, deactivate or create accounts of others (issue #12)."""
from tests.e2e.conftest import Api


def test_an_admin_cannot_be_scoped_to_a_unit_neither_as_a_user_nor_as_an_api_key(api, anonymous):
    unit = api.created("/api/v1/units", {"code": "SCT", "name": "Sở Công Thương", "unit_type": "SO",
                                         "level": "PROVINCE", "valid_from": "2017-01-01"})
    user = api.post("/api/v1/users", {"username": "admin.sct", "full_name": "Quản trị SCT",
                                      "password": "mangrove-otter-lantern-77", "roles": ["admin"],
                                      "unit_id": unit["id"]})
    assert user.status_code == 400 and list(user.json()["fields"]) == ["unit_id"], user.text
    key = api.post("/api/v1/api-keys", {"agency": "Sở Công Thương", "roles": ["admin"], "unit_id": unit["id"]})
    assert key.status_code == 400 and list(key.json()["fields"]) == ["unit_id"], key.text
    assert [u["username"] for u in api.get("/api/v1/users").json()["items"]] == ["admin"]


def test_a_scoped_admin_stored_before_the_rule_holds_no_admin_power(api, anonymous, system):
    unit = api.created("/api/v1/units", {"code": "SCT", "name": "Sở Công Thương", "unit_type": "SO",
                                         "level": "PROVINCE", "valid_from": "2017-01-01"})
    api.created("/api/v1/users", {"username": "hr.sct", "full_name": "Cán bộ SCT", "roles": ["hr_officer"],
                                  "password": "mangrove-otter-lantern-77", "unit_id": unit["id"]})
    store = next(d for d in system["gateway"].dependencies if hasattr(d, "authenticator")).store
    store.update_user("hr.sct", {"roles": ["admin", "hr_officer"]})       # as an older release allowed
    scoped = Api(anonymous.base_url).login("hr.sct", "mangrove-otter-lantern-77")

    assert scoped.post("/api/v1/users/admin/password", {"password": "taken-over-by-sct-2026"}).status_code == 403
    assert scoped.post("/api/v1/users/admin/deactivate").status_code == 403
    assert scoped.get("/api/v1/audit").status_code == 403
    assert scoped.get("/api/v1/officials").status_code == 200        # its other roles still work, in its unit
    assert api.get("/api/v1/users").status_code == 200               # the province-wide admin is untouched
