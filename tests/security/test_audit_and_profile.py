"""Who sees what, and that every look at personal data is in the audit trail: the profile's sections follow
the role rules of their own routes, and reads by users and API keys are audited with their query string
and the ids they concern."""
from gateway.roles import USER_ROLES as ROLES
from gateway.http import ROUTES
from gateway.profile import SECTIONS
from gateway.service import GatewayService  # noqa: F401  (registers every route)
from tests.e2e.conftest import Api
from tests.e2e.test_gateway_scope import make_official, make_unit

PROFILE_PATH = "/api/v1/officials/{}/profile"


def audit_entries(api, path):
    response = api.session.get(api.base_url + "/api/v1/audit", params={"path": path, "limit": 100}, timeout=15)
    return response.json()["items"]


def test_every_read_whose_answer_carries_personal_data_is_in_the_audit_trail(api):
    personal_reads = [spec for spec in ROUTES if spec.method == "GET" and spec.roles is not None
                      and spec.personal_data]
    assert len(personal_reads) >= 25
    missing = []
    for spec in personal_reads:
        path = spec.path.replace("{", "x-").replace("}", "")      # an unknown id: the attempt is audited too
        api.get(path)
        reads = [entry for entry in audit_entries(api, path)     # the filter is a prefix: keep this path's
                 if entry["path"] == path and entry["action"] == "personal_data_read"]
        if len(reads) != 1:
            missing.append(spec.path)
    assert missing == []
    api.get("/api/v1/training/courses")
    assert audit_entries(api, "/api/v1/training/courses") == []           # nobody's personal data


def test_an_api_keys_reads_are_audited_with_the_query_string_the_path_ids_and_the_ids_answered(api, anonymous):
    unit = make_unit(api, "SNV")
    officials = [make_official(api, unit, "09610000002{}".format(n)) for n in range(3)]
    issued = api.created("/api/v1/api-keys", {"agency": "Sở Tài chính tỉnh Cà Mau"})
    agency = Api(anonymous.base_url)
    agency.session.headers["X-API-Key"] = issued["api_key"]

    page = agency.get("/api/v1/officials", unit_id=unit["id"], limit=2).json()
    one = agency.get("/api/v1/officials/{}".format(officials[0]["id"]))
    assert one.status_code == 200

    listed = audit_entries(api, "/api/v1/officials")
    by_key = [entry for entry in listed if entry["actor"] == "apikey:" + issued["key_id"]]
    entry = next(e for e in by_key if e["path"] == "/api/v1/officials")
    assert entry["action"] == "personal_data_read" and entry["roles"] == ["viewer"]
    assert entry["query"] == "unit_id={}&limit=2".format(unit["id"])
    assert entry["returned_ids"] == [item["id"] for item in page["items"]] and entry["returned_count"] == 2
    single = next(e for e in by_key if e["path"] == "/api/v1/officials/{}".format(officials[0]["id"]))
    assert single["path_ids"] == {"official_id": officials[0]["id"]}
    assert single["returned_ids"] == [officials[0]["id"]]


def test_each_role_and_a_viewer_api_key_see_exactly_the_profile_sections_their_role_may_list(api, anonymous):
    unit = make_unit(api, "SNV")
    official = make_official(api, unit, "096100000031")
    clients = {}
    for role in ROLES:
        username = "role.{}".format(role.replace("_", "-"))
        api.created("/api/v1/users", {"username": username, "full_name": role, "password": "role-password-123",
                                      "roles": [role]})
        clients[role] = Api(anonymous.base_url).login(username, "role-password-123")
    viewer_key = Api(anonymous.base_url)
    viewer_key.session.headers["X-API-Key"] = api.created("/api/v1/api-keys", {"agency": "Sở Tài chính"})["api_key"]
    clients["viewer API key"] = viewer_key

    wrong = []
    for who, client in clients.items():
        profile = client.get(PROFILE_PATH.format(official["id"]))
        if profile.status_code == 403:
            continue            # trainer and feedback_officer may not read profiles at all
        shown = set(profile.json()) - {"partial", "unavailable"}
        listable = {name for name, (_, path) in SECTIONS.items()
                    if client.get(path.format(official_id=official["id"])).status_code == 200}
        if shown != listable:
            wrong.append((who, sorted(shown ^ listable)))
    assert wrong == []
    seen_by_viewer = set(clients["viewer API key"].get(PROFILE_PATH.format(official["id"])).json())
    assert not {"reviews", "inspection_findings", "feedback", "evaluations", "disciplines"} & seen_by_viewer
    assert {"official", "training", "rewards"} <= seen_by_viewer
