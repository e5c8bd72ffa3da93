"""Every failure maps to one HTTP answer shape, in one place."""
import pytest
from nameko.exceptions import RemoteError, RpcTimeout, UnknownService

from gateway.errors import HttpError, to_http
from services.common import errors


@pytest.mark.parametrize("error,status,code", [
    (errors.Invalid("bad", fields={"x": ["wrong"]}), 400, "VALIDATION_ERROR"),
    (errors.Forbidden("no"), 403, "FORBIDDEN"),
    (errors.NotFound("none"), 404, "NOT_FOUND"),
    (errors.Conflict("twice"), 409, "CONFLICT"),
    (errors.ConcurrentUpdate("race"), 409, "CONCURRENT_UPDATE"),
    (RpcTimeout(2), 503, "SERVICE_UNAVAILABLE"),
    (UnknownService("training"), 503, "SERVICE_UNAVAILABLE"),
    (RemoteError("ServerSelectionTimeoutError", "no mongo"), 503, "SERVICE_UNAVAILABLE"),
    (ConnectionResetError("broker went away"), 503, "SERVICE_UNAVAILABLE"),
    (HttpError(413, "PAYLOAD_TOO_LARGE", "big"), 413, "PAYLOAD_TOO_LARGE"),
    (RuntimeError("bug"), 500, "INTERNAL_ERROR"),
])
def test_each_failure_has_its_status_and_code(error, status, code):
    got_status, body, _ = to_http(error)
    assert (got_status, body["error"]) == (status, code)
    assert set(body) == {"error", "message", "fields"}


def test_field_messages_are_kept_for_the_client():
    _, body, _ = to_http(errors.Invalid("bad", fields={"national_id": ["9 or 12 digits"]}))
    assert body["fields"] == {"national_id": ["9 or 12 digits"]}


def test_an_unexpected_error_does_not_leak_its_details():
    _, body, _ = to_http(RuntimeError("password=hunter2"))
    assert "hunter2" not in body["message"]


def test_a_rule_violation_is_422_naming_the_rule_and_its_legal_basis():
    status, body, _ = to_http(errors.RuleViolation("cap exceeded", rule="EXCELLENT_CAP",
                                                   legal_basis="Decree 335/2025 art. 20(5)"))
    assert status == 422
    assert (body["rule"], body["legal_basis"]) == ("EXCELLENT_CAP", "Decree 335/2025 art. 20(5)")


def test_a_rule_violation_crosses_rpc_as_itself():
    from nameko.exceptions import deserialize, serialize
    import services.common.rpc_errors  # noqa: F401
    error = deserialize(serialize(errors.RuleViolation("no", "R1", "Law X", {"year": ["bad"]})))
    assert isinstance(error, errors.RuleViolation)
    assert (error.rule, error.legal_basis, error.fields) == ("R1", "Law X", {"year": ["bad"]})
