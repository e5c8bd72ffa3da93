"""The gateway as API consumers meet it: auth, bad input, errors, OpenAPI, health, partial answers."""
import math
import time

from openapi_spec_validator import validate

from tests.e2e.test_headline_flows import setup_unit_and_official


def test_every_non_public_route_refuses_a_request_without_a_token(anonymous):
    document = anonymous.get("/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if operation.get("security") == []:
                continue
            concrete = path.replace("{", "").replace("}", "")
            response = anonymous.session.request(method.upper(), anonymous.base_url + concrete, json={}, timeout=10)
            assert response.status_code == 401, (method, path, response.text)
            assert response.json()["error"] == "UNAUTHENTICATED"


def test_a_viewer_may_read_but_not_write(api, anonymous):
    api.created("/api/v1/users", {"username": "an.viewer", "full_name": "Lê An", "password": "viewer-password-1",
                                  "roles": ["viewer"]})
    anonymous.login("an.viewer", "viewer-password-1")
    response = anonymous.post("/api/v1/units", {"code": "X1", "name": "X", "unit_type": "SO", "level": "PROVINCE",
                                                "valid_from": "2017-01-01"})
    assert response.status_code == 403 and response.json()["error"] == "FORBIDDEN"
    assert anonymous.get("/api/v1/units").status_code == 200


def test_wrong_credentials_get_401(anonymous):
    response = anonymous.post("/api/v1/auth/token", {"username": "admin", "password": "nope"})
    assert response.status_code == 401


def test_bad_input_gets_a_message_per_field_and_writes_nothing(api):
    response = api.post("/api/v1/units", {"code": "S", "name": "", "level": "GALAXY", "valid_from": "soon",
                                          "extra": 1, "$where": "sleep(1000)"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "VALIDATION_ERROR"
    assert {"code", "name", "unit_type", "level", "valid_from", "extra", "$where"} <= set(body["fields"])
    assert api.get("/api/v1/units").json()["total"] == 0


def test_objects_where_scalars_belong_are_refused(api):
    response = api.post("/api/v1/officials", {"full_name": {"$ne": None}, "national_id": {"$gt": ""}})
    assert response.status_code == 400
    assert {"full_name", "national_id"} <= set(response.json()["fields"])


def test_malformed_json_oversized_bodies_and_wrong_media_types_are_refused(api, system_config):
    url = api.base_url + "/api/v1/units"
    malformed = api.session.post(url, data=b"{not json", headers={"Content-Type": "application/json"}, timeout=10)
    assert malformed.status_code == 400 and malformed.json()["error"] == "MALFORMED_JSON"
    big = api.session.post(url, data=b"{" + b" " * (system_config["GATEWAY_MAX_BODY_BYTES"] + 10) + b"}",
                           headers={"Content-Type": "application/json"}, timeout=10)
    assert big.status_code == 413
    form = api.session.post(url, data="code=X", headers={"Content-Type": "application/x-www-form-urlencoded"},
                            timeout=10)
    assert form.status_code == 415


def test_unknown_ids_are_404(api):
    for path in ("/api/v1/officials/off-missing", "/api/v1/units/unit-missing", "/api/v1/reviews/rv-missing",
                 "/api/v1/training/courses/c-missing", "/api/v1/inspections/i-missing"):
        response = api.get(path)
        assert response.status_code == 404, (path, response.text)
        assert response.json()["error"] == "NOT_FOUND"


def test_a_duplicate_national_id_is_409(api):
    unit, position, official = setup_unit_and_official(api)
    again = api.post("/api/v1/officials", {
        "full_name": "Người khác", "national_id": official["national_id"], "birth_date": "1990-01-01",
        "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003",
        "service_start_date": "2015-01-01"})
    assert again.status_code == 409 and "national_id" in again.json()["fields"]


def test_the_openapi_document_is_valid_and_lists_roles(anonymous):
    document = anonymous.get("/openapi.json").json()
    validate(document)
    assert document["paths"]["/api/v1/units"]["post"]["x-roles"] == ["admin", "hr_officer"]
    assert document["paths"]["/api/v1/feedback"]["post"]["security"] == []
    assert "text/html" in anonymous.get("/docs").headers["Content-Type"]
    assert "SwaggerUIBundle" in anonymous.get("/docs/assets/swagger-ui-bundle.js").text
    assert anonymous.get("/docs/assets/..%2Fconfig.yml").status_code == 404
    example = document["paths"]["/api/v1/officials"]["post"]["requestBody"]["content"]["application/json"]["example"]
    assert {"full_name", "national_id", "category", "unit_id"} <= set(example)
    csv_body = document["paths"]["/api/v1/officials/import"]["post"]["requestBody"]
    assert "qualifications_obtained_on" in csv_body["description"]
    assert csv_body["content"]["text/csv"]["example"].startswith("full_name,")


def test_health_and_readiness(anonymous):
    assert anonymous.get("/health").json() == {"status": "ok"}
    ready = anonymous.get("/ready")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    assert ready.json()["administrator"] == "ok"     # ready means usable: logging in works


def test_a_stopped_service_gives_a_marked_partial_profile_within_the_timeout(api, system, system_config):
    _, _, official = setup_unit_and_official(api)
    system["training"].stop()

    started = time.monotonic()
    response = api.get("/api/v1/officials/{}/profile".format(official["id"]))
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    profile = response.json()
    assert profile["partial"] is True and profile["training"] is None
    assert {u["service"] for u in profile["unavailable"]} == {"training"}
    assert {u["section"] for u in profile["unavailable"]} == {"training", "training_needs"}
    assert profile["official"]["id"] == official["id"]
    assert elapsed < system_config["GATEWAY_AGGREGATE_TIMEOUT_SECONDS"] + 2
    ready = api.get("/ready")
    assert ready.status_code == 503 and ready.json()["services"]["training"] != "ok"
    single = api.get("/api/v1/training/courses")
    assert single.status_code == 503 and single.json()["error"] == "SERVICE_UNAVAILABLE"
    # The gateway is not left with hung workers: it still answers at once.
    assert api.get("/health").status_code == 200


def test_logging_in_too_often_is_429_with_retry_after(anonymous, system_config):
    limit = system_config["GATEWAY_LOGIN_RATE_PER_MINUTE"]
    started = time.monotonic()
    # a different username each time: the same one would be locked after five failures (gateway.lockout)
    statuses = [anonymous.post("/api/v1/auth/token", {"username": "nobody{}".format(attempt), "password": "wrong"})
                .status_code for attempt in range(limit)]
    assert statuses == [401] * limit
    # The bucket refills at limit/60 per second: on a slow machine (Argon2 per login) a few more get through.
    refused, allowed_more = None, 0
    for _ in range(limit):
        response = anonymous.post("/api/v1/auth/token", {"username": "admin", "password": "e2e-password"})
        if response.status_code == 429:
            refused = response
            break
        allowed_more += 1
    assert refused is not None, "never limited"
    assert allowed_more <= math.ceil((time.monotonic() - started) * limit / 60)
    assert int(refused.headers["Retry-After"]) >= 1


def test_metrics_show_requests_rpc_latency_and_events_per_service(api, anonymous):
    setup_unit_and_official(api)
    text = anonymous.get("/metrics").text
    assert 'camau_http_requests_total{method="POST",route="/api/v1/officials",status="201"} 1.0' in text
    assert 'camau_rpc_seconds_count{method="register_official",outcome="ok",service="personnel"} 1.0' in text
    # Labelled by the replica that answered (issue 24): each replica's counters are a series of their own.
    from services.common.heartbeat import replica_id
    assert 'camau_events_total{{event_type="official_registered",outcome="published",replica="{}",' \
           'service="personnel"}}'.format(replica_id()) in text
    assert 'camau_service_up{service="training"} 1.0' in text
    assert 'camau_gateway_replica{{replica="{}"}} 1.0'.format(replica_id()) in text
