"""The one place where failures become HTTP answers: {"error": CODE, "message": ..., "fields": {...}}."""
import logging

from amqp.exceptions import ConnectionError as AmqpConnectionError
from kombu.exceptions import OperationalError
from nameko.exceptions import RemoteError, RpcTimeout, UnknownService

from services.common import errors

_log = logging.getLogger(__name__)

STATUS_BY_ERROR = {
    errors.Invalid: 400,
    errors.RuleViolation: 422,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.ConcurrentUpdate: 409,
    errors.Conflict: 409,
    errors.Unavailable: 503,
}

# The broker going away while a request is in flight: not a bug, a temporary outage.
BROKER_UNAVAILABLE = (OperationalError, AmqpConnectionError, ConnectionError)
# pymongo's errors arrive as RemoteError with these type names: storage is down, not a bug.
STORAGE_UNAVAILABLE = {"ServerSelectionTimeoutError", "AutoReconnect", "ConnectionFailure",
                       "NetworkTimeout", "NotPrimaryError", "ExecutionTimeout"}


class HttpError(Exception):
    """Raised by the gateway itself (auth, body parsing, limits)."""

    def __init__(self, status, code, message, fields=None, headers=None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.fields = fields or {}
        self.headers = headers or {}


def to_http(exc):
    """(status, body, headers) for any exception reaching a route."""
    if isinstance(exc, HttpError):
        return exc.status, _body(exc.code, exc.message, exc.fields), exc.headers
    if isinstance(exc, errors.RuleViolation):
        return 422, dict(_body(exc.code, exc.message, exc.fields), rule=exc.rule,
                         legal_basis=exc.legal_basis), {}
    for cls, status in STATUS_BY_ERROR.items():
        if isinstance(exc, cls):
            return status, _body(exc.code, exc.message, exc.fields), {}
    if isinstance(exc, (RpcTimeout, TimeoutError)):
        return 503, _body("SERVICE_UNAVAILABLE", "a service did not answer in time; retry later"), \
            {"Retry-After": "5"}
    if isinstance(exc, UnknownService):
        return 503, _body("SERVICE_UNAVAILABLE", "a service is not running; retry later"), {"Retry-After": "5"}
    if isinstance(exc, BROKER_UNAVAILABLE):
        return 503, _body("SERVICE_UNAVAILABLE", "the message broker is unavailable; retry later"), \
            {"Retry-After": "5"}
    if isinstance(exc, RemoteError) and exc.exc_type in STORAGE_UNAVAILABLE:
        return 503, _body("SERVICE_UNAVAILABLE", "storage is unavailable; retry later"), {"Retry-After": "5"}
    _log.error("unexpected error behind the gateway", exc_info=exc)
    return 500, _body("INTERNAL_ERROR", "unexpected error; it has been logged"), {}


def _body(code, message, fields=None):
    return {"error": code, "message": message, "fields": fields or {}}
