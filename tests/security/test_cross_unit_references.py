"""Every id a route carries is an authorisation question: a caller scoped to unit A who names an object of
unit B gets 404 in the path and 403 in a body, query or CSV column, and nothing of B changes.

The routes are walked from the gateway's route table, so a new route or field is covered without being
listed here; the caller holds every staff role but admin, scoped to A, so no role check answers before the
scope does (admin is province-wide: a scoped principal never holds it, gateway/auth.py)."""
import copy

from marshmallow import fields

from gateway.examples import example_for
from gateway.http import ROUTES
from gateway.roles import ADMIN_ONLY
from gateway.service import GatewayService  # noqa: F401  (registers every route)
from tests.e2e.conftest import Api
from tests.e2e.test_gateway_scope import _created_when_projected, _scoped_user, make_official, make_unit
from tests.helpers import wait_until

# Every role but admin: a scoped principal never holds admin (gateway/auth.py granted_roles).
SCOPED_STAFF = ("hr_officer", "trainer", "inspector", "feedback_officer")

# Values the generated examples get wrong for these fields (their validators want real codes or ranges).
VALID_VALUES = {"year": 2024, "rank": "01.003", "national_id": "096199000099", "birth_date": "1990-01-01",
                "from": "2024-01-01", "to": "2024-12-31", "from_year": 2024, "to_year": 2025,
                "password": "long-password-123", "phone": "0912345678", "content": "Đề nghị hướng dẫn thủ tục.",
                "summary": "Tóm tắt câu trả lời đã gửi.", "violation_type": "TTHC_OVERDUE",
                "outcome": "REASSIGNMENT", "retraining_need": None, "discipline": None}


def unit_objects(api, code, national_id):
    """One object of every unit-owned kind, in a new unit: {kind: id} (and the unit's code)."""
    unit = make_unit(api, code)
    official = make_official(api, unit, national_id)
    scheme = api.created("/api/v1/position-schemes", {"unit_id": unit["id"], "title": "Đề án " + code,
                                                      "submitted_on": "2024-02-01", "position_count": 3,
                                                      "headcount": 5})
    review = api.created("/api/v1/reviews", {"official_id": official["id"], "origin_ref": "CV-" + code,
                                             "reason": "Xem xét trách nhiệm", "opened_on": "2024-01-02"})
    course = api.created("/api/v1/training/courses", {
        "title": "Bồi dưỡng " + code, "kind": "FOSTERING", "content_area": "JOB_SPECIFIC", "organiser": "Sở Nội vụ",
        "start_date": "2024-03-04", "end_date": "2024-03-08", "hours": 40, "capacity": 10, "assessments": 1})
    enrollment = _created_when_projected(api, "/api/v1/training/enrollments", {
        "course_id": course["id"], "official_id": official["id"], "enrolled_on": "2024-03-04"})
    inspection = _created_when_projected(api, "/api/v1/inspections", {
        "title": "Kiểm tra " + code, "kind": "KIEM_TRA", "form": "AD_HOC", "topic": "PUBLIC_DUTY",
        "unit_id": unit["id"], "decision_date": "2024-03-01", "team": ["Sở Nội vụ"]})
    feedback = _created_when_projected(api, "/api/v1/feedback/desk/records", {
        "submitter_type": "CA_NHAN", "name": "Người dân", "address": "Cà Mau", "phone": "0912345678",
        "channel": "BUU_CHINH", "kind": "PROCEDURE", "title": "Phản ánh", "content": "Đề nghị hướng dẫn.",
        "target_unit_id": unit["id"], "received_on": "2024-05-02"})
    dialogue = api.created("/api/v1/dialogues", {"unit_id": unit["id"], "held_on": "2024-06-03", "chair": "Giám đốc",
                                                 "participant_count": 10, "title": "Đối thoại"})
    need = wait_until(lambda: api.get("/api/v1/training/needs", official_id=official["id"]).json()["items"],
                      timeout=10, message="training never opened the official's need")[0]
    campaign, candidate = recruitment_objects(api, unit, scheme, national_id)
    promotion_round, selection = career_objects(api, unit)
    return {"unit": unit["id"], "unit_code": unit["code"], "official": official["id"],
            "position": official["position_id"], "scheme": scheme["id"], "review": review["id"],
            "enrollment": enrollment["id"], "need": need["id"], "inspection": inspection["id"],
            "feedback": feedback["id"], "dialogue": dialogue["id"], "course": course["id"],
            "campaign": campaign["id"], "candidate": candidate["id"], "promotion_round": promotion_round["id"],
            "selection": selection["id"]}


def career_objects(api, unit):
    """A promotion round organised by the unit and a leader selection for a post of the unit."""
    promotion_round = api.created("/api/v1/promotions/rounds", {
        "unit_id": unit["id"], "title": "Thi nâng ngạch", "category": "CONG_CHUC", "method": "EXAM",
        "target_rank": "01.002", "announced_on": "2025-03-01", "decision_ref": "KH nâng ngạch", "places": 1})
    selection = api.created("/api/v1/leadership/selections", {
        "unit_id": unit["id"], "post_title": "Phó Giám đốc", "method": "COMPETITIVE", "announced_on": "2025-03-01",
        "application_deadline": "2025-03-31", "decision_ref": "KH thi tuyển"})
    return promotion_round, selection


def recruitment_objects(api, unit, scheme, national_id):
    """A campaign of the unit (its scheme approved, a position with a quota) and one candidate."""
    position = api.created("/api/v1/positions", {"unit_id": unit["id"], "title": "Chuyên viên tuyển mới",
                                                 "group": "PROFESSIONAL", "rank": "01.003", "headcount_quota": 2})
    assert api.post("/api/v1/position-schemes/{}/decision".format(scheme["id"]), {
        "approved": True, "decided_on": "2024-03-01", "decision_ref": "QĐ duyệt", "approver": "UBND tỉnh"}
    ).status_code == 200
    campaign = api.created("/api/v1/recruitment/campaigns", {
        "unit_id": unit["id"], "scheme_id": scheme["id"], "title": "Thi tuyển", "category": "CONG_CHUC",
        "method": "EXAM", "announced_on": "2025-07-10", "application_deadline": "2025-08-10",
        "decision_ref": "KH tuyển dụng", "vacancies": [{"position_id": position["id"], "places": 1}]})
    candidate = api.created("/api/v1/recruitment/campaigns/{}/candidates".format(campaign["id"]), {
        "position_id": position["id"], "applied_on": "2025-07-20", "full_name": "Ứng viên", "national_id":
        "1" + national_id[1:], "birth_date": "2000-01-01", "data_legal_basis": "CONSENT",
        "qualifications": [{"kind": "EDUCATION", "level": "DAI_HOC", "obtained_on": "2022-06-30"}]})
    return campaign, candidate


def set_at(document, field_path, value):
    """`document` with `value` at `field_path` (`items[].unit_id`: in every item, one made if none)."""
    step, _, rest = field_path.partition(".")
    if not rest:
        document[step] = value
    elif step.endswith("[]"):
        key = step[:-2]
        document[key] = document.get(key) or [{}]
        for item in document[key]:
            set_at(item, rest, value)
    else:
        set_at(document.setdefault(step, {}), rest, value)


def request_for(spec, own, target=None):
    """(path, body, query) of a valid call of `spec` naming unit A's objects, but `target` = (where, name,
    value) set instead."""
    path_values = {name: own.get(kind, "x") for name, kind in spec.references.get("path", {}).items()}
    documents = {"body": example_for(spec.body) if spec.body else None,
                 "query": example_for(spec.query) if spec.query else {}}
    for where in ("body", "query"):
        document = documents[where]
        for field, value in VALID_VALUES.items():
            if document is not None and field in document:
                document[field] = value
        for field_path, kind in spec.references.get(where, {}).items():
            is_list = _is_list(spec.body if where == "body" else spec.query, field_path)
            set_at(document, field_path, [own[kind]] if is_list else own[kind])
    if target:
        where, name, value = target
        if where == "path":
            path_values[name] = value
        else:
            is_list = _is_list(spec.body if where == "body" else spec.query, name)
            set_at(documents[where], name, [value] if is_list else value)
    path = spec.path
    for name in [part.split("}")[0] for part in spec.path.split("{")[1:]]:
        path = path.replace("{" + name + "}", path_values.get(name, "x"))
    return path, documents["body"], documents["query"]


def _is_list(schema, field_path):
    instance = schema()
    for step in field_path.split("."):
        field = instance.fields[step.rstrip("[]")]
        inner = field.inner if isinstance(field, fields.List) else field
        if isinstance(inner, fields.Nested):
            instance = inner.schema
    return isinstance(field, fields.List)


def send(client, spec, path, body, query):
    if spec.raw_body:
        return client.session.request(spec.method, client.base_url + path, params=query, data=body.encode("utf-8"),
                                      headers={"Content-Type": spec.raw_body["media_type"]}, timeout=15)
    return client.session.request(spec.method, client.base_url + path, params=query, json=body, timeout=15)


def csv_naming(own, column, value):
    """An import file of one row naming unit A's unit and position, but `value` in `column`."""
    row = {"full_name": "Cán bộ nhập", "national_id": "096199000098", "birth_date": "1990-01-01",
           "category": "CONG_CHUC", "unit_id": own["unit"], "position_id": own["position"], "rank": "01.003",
           "service_start_date": "2015-01-01"}
    if column == "unit_code":
        del row["unit_id"]
    row[column] = value
    return ",".join(row) + "\n" + ",".join(row.values()) + "\n"


def test_a_caller_scoped_to_a_unit_cannot_name_another_units_object_in_any_path_body_query_or_csv_column(
        api, anonymous):
    own = unit_objects(api, "SCT", "096100000011")
    other = unit_objects(api, "SXD", "096100000012")
    caller = _scoped_user(api, Api(anonymous.base_url), "staff.sct", SCOPED_STAFF, own["unit"])
    before = snapshot(api, other)

    mismatches, walked = [], 0
    for spec in ROUTES:
        if spec.roles is None or spec.roles == ADMIN_ONLY:
            continue          # public routes have no caller to scope (anyone may send feedback to any unit);
                              # accounts, keys and the audit trail are for a province-wide admin only
        for where, names in spec.references.items():
            for name, kind in names.items():
                walked += 1
                if where == "csv":
                    query = example_for(spec.query) if spec.query else {}
                    response = send(caller, spec, spec.path, csv_naming(own, name, other[kind]), query)
                else:
                    path, body, query = request_for(spec, own, (where, name, other[kind]))
                    response = send(caller, spec, path, body, query)
                expected = (404, "NOT_FOUND") if where == "path" else (403, "OUTSIDE_SCOPE")
                answer = (response.status_code, response.json().get("error"))
                if answer != expected:
                    mismatches.append((spec.method, spec.path, where, name, answer, response.text[:200]))
    assert mismatches == [], "\n".join(map(str, mismatches))
    assert walked >= 100    # 105 references today, the admin-only routes set aside
    assert snapshot(api, other) == before


def test_the_same_calls_naming_the_callers_own_objects_get_past_the_scope(api, anonymous):
    """The walk above is not vacuous: with unit A's ids only, no call is refused as outside the scope."""
    own = unit_objects(api, "SCT", "096100000013")
    caller = _scoped_user(api, Api(anonymous.base_url), "staff.sct", SCOPED_STAFF, own["unit"])
    refused = []
    for spec in ROUTES:
        if spec.roles is None or spec.roles == ADMIN_ONLY or not spec.references or spec.method != "GET":
            continue          # reads only: the writes would change A's objects under the next calls
        path, body, query = request_for(spec, own)
        response = send(caller, spec, path, body, query)
        if response.status_code in (403, 404):
            refused.append((spec.method, spec.path, response.status_code, response.text[:200]))
    assert refused == []


def test_a_scoped_caller_cannot_create_a_top_level_unit_or_a_province_wide_user(api, anonymous):
    own = make_unit(api, "SCT")
    caller = _scoped_user(api, Api(anonymous.base_url), "staff.sct", SCOPED_STAFF, own["id"])
    top_level = caller.post("/api/v1/units", {"code": "MOI", "name": "Đơn vị mới", "unit_type": "PHONG",
                                              "level": "PROVINCE", "valid_from": "2017-01-01"})
    assert top_level.status_code == 403 and top_level.json()["fields"] == {"parent_id": ["outside your unit scope"]}
    made_null = caller.session.patch(caller.base_url + "/api/v1/units/" + own["id"], json={"parent_id": None},
                                     timeout=15)
    assert made_null.status_code == 403
    assert caller.post("/api/v1/users", {"username": "tinh.admin", "full_name": "X", "password": "long-password-123",
                                         "roles": ["admin"]}).status_code == 403
    assert caller.created("/api/v1/units", {"code": "CON", "name": "Đơn vị con", "unit_type": "PHONG",
                                            "level": "PROVINCE", "valid_from": "2017-01-01",
                                            "parent_id": own["id"]})["parent_id"] == own["id"]
    assert {unit["code"] for unit in api.get("/api/v1/units").json()["items"]} == {"SCT", "CON"}


def test_a_scoped_caller_may_import_officials_into_its_own_units_named_by_id_or_by_code(api, anonymous):
    own = unit_objects(api, "SCT", "096100000014")
    caller = _scoped_user(api, Api(anonymous.base_url), "staff.sct", SCOPED_STAFF, own["unit"])
    for column in ("unit_id", "unit_code"):
        response = send(caller, next(spec for spec in ROUTES if spec.raw_body), "/api/v1/officials/import",
                        csv_naming(own, column, own[column.replace("_id", "")]), {"dry_run": "true"})
        assert response.status_code == 200 and response.json()["valid"] == 1, response.text


def snapshot(api, objects):
    """What an administrator reads of unit B's objects (to see that nothing was written)."""
    reads = {"unit": "/api/v1/units/{}", "official": "/api/v1/officials/{}", "review": "/api/v1/reviews/{}",
             "enrollment": "/api/v1/training/enrollments/{}", "need": "/api/v1/training/needs/{}",
             "inspection": "/api/v1/inspections/{}", "feedback": "/api/v1/feedback/{}",
             "dialogue": "/api/v1/dialogues/{}"}
    state = {kind: api.get(path.format(objects[kind])).json() for kind, path in reads.items()}
    for item in state["need"].get("matching_courses", []):
        item.pop("free_places", None)      # courses are shared: A's enrollments change their free places
    state["positions"] = api.get("/api/v1/positions", unit_id=objects["unit"]).json()
    state["schemes"] = api.get("/api/v1/position-schemes", unit_id=objects["unit"]).json()
    state["officials"] = api.get("/api/v1/officials", unit_id=objects["unit"]).json()["total"]
    state["units"] = api.get("/api/v1/units").json()["total"]
    return copy.deepcopy(state)
