"""A walk of the gateway's whole route table against the deployed shape (six processes, as `make run`).

Issue 22: in this shape every typed error a service raised (an unknown id, invalid input, a refused rule)
reached the gateway as an untyped remote error and was answered 500, while the in-process tiers were green.
The walk proves, on the shape an integrator runs, that no operation answers 500 and that each answers its
documented 4xx, with the error body {"error", "message", "fields"}, to:
1. an unknown id in each path parameter (404; a malformed one 400 or 404), and in each id a body, query or
   import file carries (refused with a 4xx, never accepted; a list filtered by it may be empty);
2. an invalid body or query: not an object, malformed, not JSON, an unknown field, a wrong-typed field, the
   required fields missing (400 with a message per field at fault; 415 for a body not of its media type);
3. an id of another unit, sent by a caller scoped to one unit holding the route's roles (404 in a path,
   403 OUTSIDE_SCOPE naming the field in a body, query or CSV column: never 2xx);
4. no credentials, a forged token, an unknown API key (401 unless the route is public);
5. an authenticated caller holding none of the route's roles (403).

It is built from `gateway.http.ROUTES` and fails on a route it cannot fill (a path parameter, a reference kind,
a field type or a body it does not know how to make): a new route is walked, or named, never skipped.
"""
import functools
import json

import pytest
from marshmallow import fields, validate

import gateway.service  # noqa: F401  (its route classes fill the route table)
from gateway.examples import example_for
from gateway.http import ROUTES
from gateway.openapi import build_openapi
from gateway.ownership import ID_LIKE, REFERENCES, field_paths
from gateway.roles import ADMIN, SUBSCRIBER
from services.common.errors import Invalid
from services.common.schemas import load_or_invalid, shared
from tests.helpers import Api
from tests.security.test_cross_unit_references import VALID_VALUES, set_at, unit_objects

UNLIMITED = "100000"     # the rate limits have tests of their own; here every call of the walk goes through
PASSWORD = "route-walk-password-1"
EVENT_TYPE = "vn.camau.civilservice.personnel.unit_created.v1"

# --- what the walk knows how to fill: a route naming anything else fails test_the_walk_can_fill_... -------
# Every path parameter, with the entry of the data set naming a real one: while another parameter of the same
# path is the unknown one, this one names a real object (None: the walk has none, it stays unknown).
PATH_PARAMETERS = {
    "unit_id": "unit", "official_id": "official", "position_id": "position", "scheme_id": "scheme",
    "review_id": "review", "enrollment_id": "enrollment", "need_id": "need", "inspection_id": "inspection",
    "feedback_id": "feedback", "dialogue_id": "dialogue", "campaign_id": "campaign", "candidate_id": "candidate",
    "round_id": "promotion_round", "selection_id": "selection", "course_id": "course",
    "name": "agency", "endpoint_id": "endpoint", "username": "user", "key_id": "api_key",
    "plan_id": None, "record_id": None, "recommendation_id": None, "event_type": None, "tracking_code": None,
}
# Unknown values of the form a parameter must have (the default, no-such-<name>, is refused by its format).
UNKNOWN_VALUES = {"tracking_code": "PA-NOSUCHCODEAAAAAA"}
# Ids no store hands out: longer than any entity id (services/common/schemas.py ENTITY_ID), an operator.
MALFORMED_IDS = ("x" * 65, "$gt")
# A path parameter whose unknown value (beside real others) is not answered 404, with the reason. The answer
# names the parameter in `fields`.
NOT_FOUND_ANSWERED_OTHERWISE = {
    ("POST /api/v1/promotions/rounds/{round_id}/candidates/{official_id}/scores", "official_id"):
        (400, "the path names a candidate of a real round: an official who did not apply, known or not, is "
              "invalid input (services/personnel/domain/promotion.py PromotionRound.candidate)"),
    ("POST /api/v1/leadership/selections/{selection_id}/candidates/{official_id}/scores", "official_id"):
        (400, "the same for a selection (services/personnel/domain/leadership.py LeaderSelection.candidate)"),
}
# Every kind of object a route's references name (gateway/ownership.py KINDS): the data set's entry for it.
REFERENCE_KINDS = {kind: kind for kind in (
    "unit", "unit_code", "official", "position", "scheme", "review", "enrollment", "need", "inspection",
    "feedback", "dialogue", "campaign", "candidate", "promotion_round", "selection")}
# Id-like fields of bodies and queries that name no unit-owned object (gateway/ownership.py NOT_UNIT_OWNED)
# but must name a real one for the call to be valid: the data set's entry. Optional ones are left out.
OTHER_IDS = {"course_id": "course", "officer_id": "official"}
# gateway.examples' value of an optional free-text field (a cursor, a filter, a note): the walk leaves it out.
PLACEHOLDER = "..."
# Bodies and queries whose generated example (gateway.examples + VALID_VALUES) the schema or the data set's
# objects refuse.
LATER = "2025-09-15"     # after every notice and deadline of the data set's rounds, campaigns and selections
OVERRIDES = {
    "CreateUser": {"roles": ["viewer"]},             # admin is province-wide: the example's role with a unit is not
    "CreateApiKey": {"roles": ["viewer"]},
    "RegisterAgency": {"name": "walk-agency-2", "grants": [{"event_type": EVENT_TYPE}]},
    "ChangeGrants": {"grants": [{"event_type": EVENT_TYPE}]},
    "AddEndpoint": {"url": "http://127.0.0.1:9/walk-hook"},
    "EventsQuery": {"types": EVENT_TYPE},
    "RecordScore": {"scored_on": LATER},
    "PublishResults": {"published_on": LATER},
    "PublishPromotionResults": {"published_on": LATER},
    "RecordWorkScore": {"year": 2026},                # work products are scored from the 2026 evaluation
}
# A value of the wrong type for a field, by the field's class (the first match counts: Email is a String).
WRONG_TYPED = ((fields.Nested, "not-an-object"), (fields.List, "not-a-list"), (fields.Boolean, "not-a-boolean"),
               (fields.Integer, "not-a-number"), (fields.Float, "not-a-number"), (fields.Date, "not-a-date"),
               (fields.DateTime, "not-a-date"), (fields.String, 12345))
# Callers holding one role each (province-wide), then an agency's key: the first holding none of a route's
# roles is its wrong-role caller.
WRONG_ROLE_CALLERS = ("viewer", "feedback_officer", "trainer", "inspector", "hr_officer", SUBSCRIBER)


def route_id(spec):
    return "{} {}".format(spec.method, spec.path)


def path_parameters(spec):
    return [part.split("}")[0] for part in spec.path.split("{")[1:]]


def unknown(name):
    return UNKNOWN_VALUES.get(name) or "no-such-" + name.replace("_id", "").replace("_", "-")


@functools.lru_cache(maxsize=None)
def openapi():
    return build_openapi()


def documented(spec):
    """The statuses the route's operation lists in the gateway's /openapi.json."""
    return {int(status) for status in openapi()["paths"][spec.path][spec.method.lower()]["responses"]}


# --- the data set: units A and B with one object of every unit-owned kind each, the callers ----------------
@pytest.fixture(scope="module")
def platform_settings():
    return {"GATEWAY_PUBLIC_RATE_PER_MINUTE": UNLIMITED, "GATEWAY_LOGIN_RATE_PER_MINUTE": UNLIMITED,
            "GATEWAY_OPERATIONS_RATE_PER_MINUTE": UNLIMITED}


@pytest.fixture(scope="module")
def own(admin):
    """Unit A's objects (the scoped callers' own), and the province-wide ones a path can name. unit_objects
    waits until training, inspection and feedback know A's unit and official (they learn them by events)."""
    objects = unit_objects(admin, "SCT", "096100000021")
    registered = admin.created("/api/v1/agencies", {"name": "walk-agency", "title": "Sở Tư pháp",
                                                    "contact_email": "stp@camau.gov.vn",
                                                    "grants": [{"event_type": EVENT_TYPE}]})
    agency = Api(admin.base_url)
    agency.session.headers["X-API-Key"] = registered["api_key"]
    endpoint = agency.created("/api/v1/agencies/walk-agency/webhooks", {"url": "http://127.0.0.1:9/walk-hook"})
    key = admin.created("/api/v1/api-keys", {"agency": "Sở Tài chính", "roles": ["viewer"]})
    admin.created("/api/v1/users", {"username": "walk.user", "full_name": "walk.user", "password": PASSWORD,
                                    "roles": ["viewer"]})
    return dict(objects, agency="walk-agency", agency_client=agency, endpoint=endpoint["id"],
                api_key=key["key_id"], user="walk.user")


@pytest.fixture(scope="module")
def other(admin, own):
    """Unit B's objects: what a caller scoped to A must not reach."""
    return unit_objects(admin, "SXD", "096100000022")


@pytest.fixture(scope="module")
def callers(admin, own):
    """Callers by roles and unit scope (None: province-wide), each made and logged in once."""
    made = {}

    def caller(roles, unit_id):
        key = (tuple(sorted(roles)), unit_id)
        if key not in made:
            username = "walk.{}".format(len(made))
            admin.created("/api/v1/users", {"username": username, "full_name": username, "password": PASSWORD,
                                            "roles": list(roles), "unit_id": unit_id})
            made[key] = Api(admin.base_url).login(username, PASSWORD)
        return made[key]
    return caller


# --- requests --------------------------------------------------------------------------------------------
def base_document(schema, objects, references, only=None):
    """A document the schema accepts: its example without placeholders, the walk's valid values, the
    overrides, then every reference naming `objects`' object of its kind. `only`: the required fields and
    these (top-level names) alone."""
    instance = schema()
    document = {name: value for name, value in example_for(schema).items() if value != PLACEHOLDER}
    if only is not None:
        document = {name: value for name, value in document.items()
                    if name in only or _field(instance, name).required}
    for name, value in VALID_VALUES.items():
        if name in document:
            document[name] = value
    for name, entry in OTHER_IDS.items():
        if name in document:
            document[name] = objects[entry]
    overrides = json.loads(json.dumps(OVERRIDES.get(schema.__name__, {})))
    document.update({name: value for name, value in overrides.items() if name in document or only is None})
    for field_path, kind in references.items():
        if only is None or top_name(field_path) in document or top_name(field_path) in only:
            set_at(document, field_path, [objects[kind]] if is_list(schema, field_path) else objects[kind])
    return document


def _field(instance, data_name):
    return next(field for name, field in instance.fields.items() if (field.data_key or name) == data_name)


def top_name(field_path):
    return field_path.split(".")[0].rstrip("[]")


def is_list(schema, field_path):
    instance = schema()
    for step in field_path.split("."):
        field = instance.fields[step.rstrip("[]")]
        inner = field.inner if isinstance(field, fields.List) else field
        if isinstance(inner, fields.Nested):
            instance = inner.schema
    return isinstance(field, fields.List)


def valid_body(spec, objects, only=None):
    return base_document(spec.body, objects, spec.references.get("body", {}), only) if spec.body else None


def valid_query(spec, objects, only=None):
    return base_document(spec.query, objects, spec.references.get("query", {}), only) if spec.query else {}


def import_file(objects, **columns):
    """A CSV import of one row naming `objects`' unit and position (`columns` replacing or adding some)."""
    row = {"full_name": "Cán bộ nhập", "national_id": "096199000098", "birth_date": "1990-01-01",
           "category": "CONG_CHUC", "unit_id": objects["unit"], "position_id": objects["position"],
           "rank": "01.003", "service_start_date": "2015-01-01"}
    if "unit_code" in columns:
        del row["unit_id"]
    row.update(columns)
    return (",".join(row) + "\n" + ",".join(row.values()) + "\n").encode("utf-8")


def raw_of(spec, objects):
    return import_file(objects) if spec.raw_body else None


def filled(spec, values):
    path = spec.path
    for name in path_parameters(spec):
        path = path.replace("{" + name + "}", values[name])
    return path


def unknown_path(spec):
    return filled(spec, {name: unknown(name) for name in path_parameters(spec)})


def real_path_values(spec, objects):
    """A real object in every parameter the data set has one for (unknown in the others)."""
    return {name: objects[PATH_PARAMETERS[name]] if PATH_PARAMETERS[name] else unknown(name)
            for name in path_parameters(spec)}


def send(client, spec, path, body=None, query=None, raw=None, content_type=None):
    """One call of `spec`: a JSON body, or `raw` bytes (the CSV of an import, or a deliberately wrong body)."""
    url = client.base_url + path.replace("$", "%24")
    if raw is not None or spec.raw_body:
        return client.session.request(spec.method, url, params=query, data=raw or b"", timeout=15, headers={
            "Content-Type": content_type or (spec.raw_body or {}).get("media_type", "application/json")})
    return client.session.request(spec.method, url, params=query, json=body, timeout=15)


class Findings:
    """What a route answered against what the walk expected: every case is sent, the mismatches listed."""

    def __init__(self, platform, spec):
        self.platform, self.spec, self.mismatches, self.cases = platform, spec, [], 0

    def expect(self, case, response, statuses, error=None, fields_named=()):
        """`response` has one of `statuses`, documented for the route, never 5xx; a 4xx has the error body
        (with `error` as its code and a message for each of `fields_named`, when given)."""
        self.cases += 1
        problems = []
        status = response.status_code
        if status >= 500:
            problems.append("a server error")
        if status not in statuses:
            problems.append("expected {}".format(" or ".join(map(str, sorted(statuses)))))
        if status not in documented(self.spec):
            problems.append("{} is not among the route's documented answers".format(status))
        if status >= 400:
            problems += self.error_body_problems(response, error, fields_named)
        if problems:
            self.mismatches.append("{}: {} -> {} {} ({})".format(case, route_id(self.spec), status,
                                                                response.text[:300], "; ".join(problems)))
        return response

    @staticmethod
    def error_body_problems(response, error, fields_named):
        try:
            body = response.json()
        except ValueError:
            return ["the body is not JSON"]
        if not (isinstance(body, dict) and isinstance(body.get("error"), str)
                and isinstance(body.get("message"), str) and isinstance(body.get("fields"), dict)):
            return ["not the error body {error, message, fields}"]
        problems = []
        if error and body["error"] != error:
            problems.append("error {} expected".format(error))
        missing = [name for name in fields_named if not body["fields"].get(name)]
        if missing:
            problems.append("no message for {} in fields".format(", ".join(missing)))
        return problems

    def assert_none(self):
        assert self.cases, "the walk sent nothing to " + route_id(self.spec)
        if self.mismatches:
            server_errors = [line for line in self.platform.log_text().splitlines()
                             if "unexpected error behind the gateway" in line or "Traceback" in line]
            raise AssertionError("\n".join(self.mismatches) + (
                "\n\nthe platform's log holds server errors:\n" + "\n".join(server_errors[-5:]) if server_errors
                else ""))


# --- what the walk can fill: checked for every route before any call -------------------------------------
def unfillable(spec):
    """Why the walk cannot make the calls of `spec` (nothing: it can)."""
    problems = ["path parameter {!r} is not in PATH_PARAMETERS".format(name)
                for name in path_parameters(spec) if name not in PATH_PARAMETERS]
    problems += ["reference {} {!r} names kind {!r}, not in REFERENCE_KINDS".format(where, name, kind)
                 for where, names in spec.references.items() for name, kind in names.items()
                 if kind not in REFERENCE_KINDS]
    objects = {entry: "x" for entry in list(REFERENCE_KINDS) + list(OTHER_IDS.values())}
    for where, schema, document in (("body", spec.body, valid_body), ("query", spec.query, valid_query)):
        if schema is None or problems:
            continue
        # The whole document; for a body, also each minimal one (its required fields and one reference).
        minimal = [{top_name(name)} for name in spec.references.get("body", {})] if where == "body" else []
        for only in [None] + minimal:
            try:
                load_or_invalid(shared(schema), document(spec, objects, only))
            except Invalid as error:
                problems.append("the walk's {}{} for {} is refused ({}): add it to OVERRIDES".format(
                    "minimal " if only is not None else "", where, schema.__name__, error.fields))
        problems += ["{} field {} names an object, neither a reference nor in OTHER_IDS".format(where, name)
                     for name in field_paths(schema) if ID_LIKE.match(name.rsplit(".", 1)[-1])
                     and name.rsplit(".", 1)[-1] not in REFERENCES and name.rsplit(".", 1)[-1] not in OTHER_IDS
                     and name not in VALID_VALUES and _field(schema(), top_name(name)).required]
        problems += ["no wrong-typed value for body field {} ({})".format(name, type(field).__name__)
                     for name, field in top_level_fields(schema) if where == "body" and wrong_typed(field) is None]
    if spec.roles is not None and wrong_role_of(spec) is None:
        problems.append("no caller holds none of its roles {}".format(spec.roles))
    return problems


def top_level_fields(schema):
    return [(field.data_key or name, field) for name, field in schema().fields.items() if not field.dump_only]


def wrong_typed(field):
    for cls, value in WRONG_TYPED:
        if isinstance(field, cls):
            return value
    return None


def wrong_in_query(field):
    """A query value of the wrong type (every query value is a string: a string field is wrong only when
    it is limited to codes), or None when every string is of its type."""
    if isinstance(field, (fields.Boolean, fields.Integer, fields.Float, fields.Date, fields.DateTime)):
        return wrong_typed(field)
    if isinstance(field, fields.String) and any(isinstance(v, validate.OneOf) for v in validators(field)):
        return "NOT-A-CODE"
    return None


def validators(field):
    return field.validators if isinstance(field.validators, (list, tuple)) else [field.validators]


def wrong_role_of(spec):
    return next((role for role in WRONG_ROLE_CALLERS if role not in spec.roles), None)


def client_for(spec, admin):
    """The administrator, or nobody for a public route (its answer does not depend on who calls)."""
    return admin if spec.roles is not None else Api(admin.base_url)


ALL = ROUTES
WITH_PATH_PARAMETERS = [spec for spec in ROUTES if path_parameters(spec)]
WITH_INPUT_REFERENCES = [spec for spec in ROUTES if set(spec.references) - {"path"}]
WITH_INPUT = [spec for spec in ROUTES if spec.body or spec.query or spec.raw_body]
SCOPED = [spec for spec in ROUTES if spec.roles is not None and spec.references]
PROTECTED = [spec for spec in ROUTES if spec.roles is not None]
CHECKS = {"unknown path ids": WITH_PATH_PARAMETERS, "unknown ids in the input": WITH_INPUT_REFERENCES,
          "invalid input": WITH_INPUT, "foreign ids": SCOPED, "no credentials": ALL, "wrong role": PROTECTED}


def per_route(specs):
    return pytest.mark.parametrize("spec", specs, ids=route_id)


# --- the walk ---------------------------------------------------------------------------------------------
@per_route(ALL)
def test_the_walk_can_fill_every_call_of_the_route(spec):
    assert unfillable(spec) == []


def test_every_route_of_the_table_is_walked_under_its_own_name():
    names = [route_id(spec) for spec in ROUTES]
    assert len(set(names)) == len(ROUTES) > 150
    for check, specs in CHECKS.items():
        assert specs, check
    assert {route_id(spec) for spec in CHECKS["no credentials"]} == set(names)
    assert {route_id(spec) for spec in PROTECTED} | {route_id(spec) for spec in ROUTES if spec.roles is None} \
        == set(names)


@per_route(WITH_PATH_PARAMETERS)
def test_an_unknown_id_in_a_path_parameter_is_answered_404(spec, platform, admin, own):
    """Every parameter unknown, then (on a path of several) each one unknown beside real others; an id no
    store hands out is 400 or 404."""
    assert unfillable(spec) == []
    findings = Findings(platform, spec)
    names = path_parameters(spec)
    cases = [("every parameter unknown", {name: unknown(name) for name in names}, {404}, "NOT_FOUND", ())]
    for name in names if len(names) > 1 else ():
        if any(PATH_PARAMETERS[other] for other in names if other != name):
            status, _ = NOT_FOUND_ANSWERED_OTHERWISE.get((route_id(spec), name), (404, None))
            cases.append(("{} unknown".format(name), dict(real_path_values(spec, own), **{name: unknown(name)}),
                          {status}, None if status != 404 else "NOT_FOUND", [name] if status != 404 else ()))
    for name in names:
        for malformed in MALFORMED_IDS:
            cases.append(("{} {!r}".format(name, malformed[:8]), dict(real_path_values(spec, own),
                                                                      **{name: malformed}), {400, 404}, None, ()))
    client = client_for(spec, admin)
    for case, values, statuses, error, fields_named in cases:
        response = send(client, spec, filled(spec, values), valid_body(spec, own), valid_query(spec, own),
                        raw_of(spec, own))
        findings.expect(case, response, statuses, error, fields_named)
    findings.assert_none()


@per_route(WITH_INPUT_REFERENCES)
def test_an_unknown_id_in_a_body_query_or_file_is_refused_or_finds_nothing(spec, platform, admin, own):
    """Each id of the input in turn unknown, beside the required fields (the others naming unit A's objects):
    a command refuses it (400 naming the field, 404 or 422), never accepts it; a list filtered by it may be
    empty; an import reports the row invalid. Sent by the administrator, whom no scope stops."""
    assert unfillable(spec) == []
    findings = Findings(platform, spec)
    client = client_for(spec, admin)
    path = filled(spec, real_path_values(spec, own))
    for where, names in spec.references.items():
        for name, kind in names.items() if where != "path" else ():
            case = "an unknown {} in {} {}".format(kind, where, name)
            if where == "csv":
                response = send(client, spec, path, query=valid_query(spec, own),
                                raw=import_file(own, **{name: unknown(name)}))
                findings.expect(case, response, {200, 400})
                if response.status_code == 200 and response.json().get("valid") != 0:
                    findings.mismatches.append("{}: the import found the row valid: {}".format(case, response.text))
                continue
            body = valid_body(spec, own, only={top_name(name)} if where == "body" else None)
            query = valid_query(spec, own)
            schema, document = (spec.body, body) if where == "body" else (spec.query, query)
            set_at(document, name, [unknown(name)] if is_list(schema, name) else unknown(name))
            response = send(client, spec, path, body, query, raw_of(spec, own))
            if where == "body":
                findings.expect(case, response, {400, 404, 422})
                if response.status_code == 400:
                    findings.expect(case, response, {400}, fields_named=[top_name(name)])
            else:
                findings.expect(case, response, {spec.status, 400, 404})
                if response.status_code == 400:
                    findings.expect(case, response, {400}, fields_named=[top_name(name)])
    findings.assert_none()


@per_route(WITH_INPUT)
def test_an_invalid_body_or_query_is_answered_400_with_a_message_per_field(spec, platform, admin, own):
    """Sent by the administrator to unknown ids: the input is checked before anything is looked up."""
    assert unfillable(spec) == []
    findings = Findings(platform, spec)
    client = client_for(spec, admin)
    path, body, query = unknown_path(spec), valid_body(spec, own), valid_query(spec, own)
    if spec.body:
        for case, raw in (("a JSON array", b"[]"), ("a JSON string", b'"text"'), ("malformed JSON", b'{"a": '),
                          ("an empty body", b"")):
            findings.expect(case, send(client, spec, path, query=query, raw=raw), {400})
        response = send(client, spec, path, query=query, raw=json.dumps(body).encode(), content_type="text/plain")
        findings.expect("a body that is not JSON", response, {415}, "UNSUPPORTED_MEDIA_TYPE")
        findings.expect("an unknown field", send(client, spec, path, dict(body, no_such_field=1), query),
                        {400}, "VALIDATION_ERROR", ["no_such_field"])
        required = [name for name, field in top_level_fields(spec.body) if field.required]
        if required:
            findings.expect("an empty object", send(client, spec, path, {}, query), {400}, "VALIDATION_ERROR",
                            required)
        for name, field in top_level_fields(spec.body):
            wrong = dict(body, **{name: wrong_typed(field)})
            findings.expect("{} of the wrong type".format(name), send(client, spec, path, wrong, query), {400},
                            "VALIDATION_ERROR", [name])
            if not field.allow_none:
                findings.expect("{} null".format(name), send(client, spec, path, dict(body, **{name: None}), query),
                                {400}, "VALIDATION_ERROR", [name])
    if spec.raw_body:
        response = send(client, spec, path, query=query, raw=b'{"full_name": "x"}', content_type="application/json")
        findings.expect("JSON instead of CSV", response, {415}, "UNSUPPORTED_MEDIA_TYPE")
        response = send(client, spec, path, query=query, raw=b"full_name\n\xff\xfe\n")
        findings.expect("a file that is not UTF-8", response, {400}, "VALIDATION_ERROR", ["body"])
    if spec.query:
        response = send(client, spec, path, body, dict(query, no_such_field="1"), raw_of(spec, own))
        findings.expect("an unknown query parameter", response, {400}, "VALIDATION_ERROR", ["no_such_field"])
        for name, field in top_level_fields(spec.query):
            if wrong_in_query(field) is not None:
                response = send(client, spec, path, body, dict(query, **{name: wrong_in_query(field)}),
                                raw_of(spec, own))
                findings.expect("query {} of the wrong type".format(name), response, {400}, "VALIDATION_ERROR",
                                [name])
    findings.assert_none()


@per_route(SCOPED)
def test_a_caller_scoped_to_one_unit_naming_another_units_object_is_refused(spec, platform, own, other, callers):
    """Each reference in turn names unit B's object, the others unit A's, sent by a caller scoped to A holding
    the route's roles: 404 for a path (no existence leak), 403 OUTSIDE_SCOPE naming the field for a body,
    query or CSV column. A route for the province-wide administrator (or an agency) alone has no such caller:
    a scoped one holding a staff role is refused by role."""
    assert unfillable(spec) == []
    findings = Findings(platform, spec)
    roles = [role for role in spec.roles if role not in (ADMIN, SUBSCRIBER)]
    caller = callers(roles or ["hr_officer"], own["unit"])
    for where, names in spec.references.items():
        for name, kind in names.items():
            foreign = other[REFERENCE_KINDS[kind]]
            values = real_path_values(spec, own)
            body, query, raw = valid_body(spec, own), valid_query(spec, own), raw_of(spec, own)
            if where == "path":
                values[name] = foreign
            elif where == "csv":
                raw = import_file(own, **{name: foreign})
            else:
                schema, document = (spec.body, body) if where == "body" else (spec.query, query)
                set_at(document, name, [foreign] if is_list(schema, name) else foreign)
            response = send(caller, spec, filled(spec, values), body, query, raw)
            case = "unit B's {} in {} {}".format(kind, where, name)
            if not roles:
                findings.expect(case, response, {403}, "FORBIDDEN")
            elif where == "path":
                findings.expect(case, response, {404}, "NOT_FOUND")
            else:
                findings.expect(case, response, {403}, "OUTSIDE_SCOPE", [name])
    findings.assert_none()


# Credentials that name nobody: none, a bearer token the gateway did not sign, an API key it did not issue.
NOBODY = ((None, "UNAUTHENTICATED"), ({"Authorization": "Bearer not.a-token.at-all"}, "INVALID_TOKEN"),
          ({"X-API-Key": "ak_0000000000000000.no-such-secret"}, "INVALID_API_KEY"))


@per_route(ALL)
def test_a_call_without_valid_credentials_is_answered_401_unless_the_route_is_public(spec, platform, own):
    """No credentials, a forged token, an unknown API key. A public route ignores them: it answers its
    documented success, or its documented 4xx to the walk's unknown path ids."""
    assert unfillable(spec) == []
    findings = Findings(platform, spec)
    for headers, error in NOBODY:
        caller = Api(platform.url)
        caller.session.headers.update(headers or {})
        response = send(caller, spec, unknown_path(spec), valid_body(spec, own), valid_query(spec, own),
                        raw_of(spec, own))
        case = "credentials: {}".format(error)
        if spec.roles is not None:
            findings.expect(case, response, {401}, error)
        else:
            answers = {spec.status} | {status for status in documented(spec) if 400 <= status < 500 and status != 401}
            if "401" in spec.extra_responses or 401 in spec.extra_responses:
                answers.add(401)
            findings.expect(case + ", a public route", response, answers)
    findings.assert_none()


@per_route(PROTECTED)
def test_a_caller_holding_none_of_the_routes_roles_is_answered_403(spec, platform, own, callers):
    assert unfillable(spec) == []
    findings = Findings(platform, spec)
    role = wrong_role_of(spec)
    caller = own["agency_client"] if role == SUBSCRIBER else callers([role], None)
    response = send(caller, spec, unknown_path(spec), valid_body(spec, own), valid_query(spec, own),
                    raw_of(spec, own))
    findings.expect("a {} calls".format(role), response, {403}, "FORBIDDEN")
    findings.assert_none()
