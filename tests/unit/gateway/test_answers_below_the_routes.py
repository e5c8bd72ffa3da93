"""What fails around a route's own handling still answers with the platform's error body, and leaks nothing
(nameko's own answer is a text 500 naming the exception and its message)."""
import json

from nameko.exceptions import RemoteError

from gateway.headers import SecureHttpRequestHandler


def _answer(error):
    response = SecureHttpRequestHandler("GET", "/x").response_from_exception(error)
    return response.status_code, json.loads(response.get_data(as_text=True)), response


def test_an_unexpected_error_around_a_route_is_a_500_with_the_error_body_and_no_detail():
    status, body, response = _answer(RuntimeError("password=hunter2 in a traceback"))
    assert status == 500 and body["error"] == "INTERNAL_ERROR" and "hunter2" not in json.dumps(body)
    assert response.mimetype == "application/json"


def test_storage_down_around_a_route_is_a_503_with_retry_after():
    status, body, response = _answer(RemoteError("ServerSelectionTimeoutError", "mongo:27017 refused"))
    assert (status, body["error"]) == (503, "SERVICE_UNAVAILABLE") and response.headers["Retry-After"] == "5"
    assert "mongo:27017" not in body["message"]
