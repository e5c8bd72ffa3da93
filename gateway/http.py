"""Routes: one decorator declares method, path, roles and schemas; it also feeds the OpenAPI document.

Every route: authenticates (unless public), checks roles, parses and validates the JSON body and
the query string with the service's own schemas (the service validates again), calls the handler,
answers JSON; every failure goes through gateway.errors.to_http.
"""
import csv
import functools
import io
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass, field

from gateway.headers import http
from gateway.memo import ARCHIVE_CURSOR_TIMEOUT_SECONDS
from werkzeug.wrappers import Response

from gateway.errors import HttpError, to_http
from gateway.audit import audit
from gateway.ownership import references_of
from gateway.personal_data import carries_personal_data
from gateway.scope import Scope
from services.common import logcontext
from services.common.schemas import load_or_invalid, shared

_log = logging.getLogger(__name__)
ROUTES = []
_PARAM = re.compile(r"{([a-z_]+)}")


@dataclass
class RouteSpec:
    method: str
    path: str                       # OpenAPI style: /api/v1/officials/{official_id}
    handler: str
    roles: tuple | None             # None: public
    body: type | None = None
    query: type | None = None
    response: type | None = None
    many: bool = False              # response is {"items": [...], "total": n}
    status: int = 200
    summary: str = ""
    tag: str = ""
    rate_limit: str | None = None   # name of a limit in gateway.ratelimit (public, login)
    extra_responses: dict = field(default_factory=dict)   # status -> description, beyond the usual ones
    raw_body: dict | None = None    # a body that is not JSON (CSV): {"media_type", "description", "example", "columns"}
    unit_scoped: bool = False       # a scoped caller's query gets `unit_ids`, their subtree (gateway.scope)
    references: dict = field(default_factory=dict)  # ids the route carries and what they name (gateway.ownership)
    personal_data: bool = False     # its answer carries personal data: every read is audited (gateway.personal_data)


@dataclass
class Call:
    """What a route handler receives besides path parameters."""
    request: object
    principal: dict | None
    body: dict | str | None         # the JSON object, or the text of a raw (CSV) body, as sent
    query: dict
    correlation_id: str
    # The body and query as the route's schemas loaded them (types, defaults): what the gateway's own
    # routes use. A route calling a service forwards `body` as sent, which the service loads again at
    # its own boundary (RPC is one: nothing but the gateway is trusted to have checked it).
    loaded_body: dict | None = None
    loaded_query: dict | None = None


def json_response(status, payload, headers=None):
    response = Response(json.dumps(payload, ensure_ascii=False, default=str), status=status,
                        mimetype="application/json")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def route(method, path, *, roles, body=None, query=None, response=None, many=False, status=200,
          summary="", tag="", rate_limit=None, raw_body=None, unit_scoped=False, extra_responses=None):
    werkzeug_path = _PARAM.sub(r"<string:\1>", path)

    def decorate(fn):
        summary_text = summary or ((fn.__doc__ or "").strip().splitlines() or [""])[0]
        spec = RouteSpec(method, path, fn.__name__, roles, body, query, response, many, status,
                         summary_text, tag, rate_limit=rate_limit, raw_body=raw_body, unit_scoped=unit_scoped,
                         references=references_of(path, body, query, raw_body),
                         extra_responses=dict(extra_responses or {}))
        spec.personal_data = carries_personal_data(spec)
        ROUTES.append(spec)

        @functools.wraps(fn)
        def endpoint(self, request, **path_args):
            return _serve(self, request, spec, fn, path_args)
        return http(method, werkzeug_path)(endpoint)
    return decorate


def _serve(service, request, spec, fn, path_args):
    correlation_id = _correlation_id(request)
    logcontext.set_correlation_id(correlation_id)
    # Follows the request into every RPC and from there into the events it causes.
    service.personnel_rpc.worker_ctx.data["correlation_id"] = correlation_id
    started = time.monotonic()
    response = _answer(service, request, spec, fn, path_args, correlation_id)
    service.metrics.observe_request(spec.path, spec.method, response.status_code, time.monotonic() - started)
    audit(service, request, spec, response, correlation_id, path_args)
    return response


def _answer(service, request, spec, fn, path_args, correlation_id):
    try:
        if spec.rate_limit:
            service.rate_limits.check(spec.rate_limit, request)
        principal = None
        if spec.roles is not None:
            principal = service.auth.principal(request)
            request.environ["camau.principal"] = principal
            service.auth.require(principal, spec.roles)
        payload = _read_body(request, service.max_body_bytes) if spec.body else None
        if spec.raw_body:
            payload = _read_text(request, service.max_body_bytes, spec.raw_body["media_type"])
        loaded_body = load_or_invalid(shared(spec.body), payload) if spec.body else None
        query = {key: request.args.get(key) for key in request.args}
        loaded_query = load_or_invalid(shared(spec.query), query) if spec.query else query
        scope = Scope(service.backends, principal)
        if scope.restricted:   # checked on the loaded values: defaults count (no parent given = top level)
            csv_rows = _csv_rows(payload) if spec.references.get("csv") else ()
            scope.check(spec.references, path_args, loaded_body, loaded_query, csv_rows)
            if spec.unit_scoped:     # after validation: a client cannot send unit_ids itself
                query["unit_ids"] = scope.unit_ids()
        # Read before the list: the list then holds everything archived up to it (docs/agencies.md).
        cursor = archive_cursor(service) if spec.many and spec.method == "GET" and spec.roles else None
        result = fn(service, Call(request, principal, payload, query, correlation_id, loaded_body, loaded_query),
                    **path_args)
        if isinstance(result, Response):
            return result
        headers = {"X-Request-ID": correlation_id}
        if cursor is not None:
            headers[ARCHIVE_CURSOR_HEADER] = str(cursor)
        return json_response(spec.status, result, headers)
    except Exception as error:  # every failure, typed or not, becomes one HTTP answer
        status, body, headers = to_http(error)
        if status == 500:   # logged with this id (services.common.logcontext): one a user can quote to support
            body["message"] = "{} (request {})".format(body["message"], correlation_id)
        headers = dict(headers, **{"X-Request-ID": correlation_id})
        return json_response(status, body, headers)


ARCHIVE_CURSOR_HEADER = "X-Archive-Cursor"


def archive_cursor(service):
    """The event archive's newest cursor (services/subscriptions), or None when it cannot say quickly."""
    def ask():
        try:
            return service.backends.call("subscriptions", "archive_head",
                                         timeout=ARCHIVE_CURSOR_TIMEOUT_SECONDS)["cursor"]
        except Exception:   # the list is served without it rather than late
            return None
    return service.memos.get("archive_cursor", ask)


def _correlation_id(request):
    given = request.headers.get("X-Request-ID", "")
    return given if re.fullmatch(r"[A-Za-z0-9._-]{8,64}", given) else uuid.uuid4().hex


def _read_raw(request, limit):
    if request.content_length is not None and request.content_length > limit:
        raise HttpError(413, "PAYLOAD_TOO_LARGE", "the body exceeds {} bytes".format(limit))
    raw = request.stream.read(limit + 1)
    if len(raw) > limit:
        raise HttpError(413, "PAYLOAD_TOO_LARGE", "the body exceeds {} bytes".format(limit))
    return raw


def _read_text(request, limit, media_type):
    """A raw text body (CSV): read here, not in the route, so its columns are checked like any body."""
    raw = _read_raw(request, limit)
    if (request.mimetype or "") not in (media_type, "text/plain"):
        raise HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "send the file as {} (UTF-8)".format(media_type))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "VALIDATION_ERROR", "the file is not UTF-8",
                        fields={"body": ["save the file as UTF-8"]}) from None


def _csv_rows(text):
    """The rows of a CSV body, for the scope check of its columns (the service reads it again to import)."""
    try:
        return list(csv.DictReader(io.StringIO(text)))
    except csv.Error as error:
        raise HttpError(400, "VALIDATION_ERROR", "the file is not valid CSV: {}".format(error),
                        fields={"body": [str(error)]}) from None


def _read_body(request, limit):
    raw = _read_raw(request, limit)
    if not raw.strip():
        raise HttpError(400, "VALIDATION_ERROR", "a JSON object is required as the body",
                        fields={"_schema": ["a JSON object is required"]})
    if "json" not in (request.mimetype or ""):
        raise HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json")
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise HttpError(400, "MALFORMED_JSON", "the body is not valid JSON: {}".format(error)) from None
    except RecursionError:      # deeper than the parser's stack: far beyond any body of this API
        raise HttpError(400, "MALFORMED_JSON", "the body is nested too deeply") from None
    if _depth_over(body, MAX_BODY_DEPTH):
        raise HttpError(400, "MALFORMED_JSON", "the body is nested deeper than {} levels".format(MAX_BODY_DEPTH))
    return body


# No body of this API nests deeper than a few levels; a deeper one would only carry recursion into the
# schemas, the RPC encoder and the services (a body of 100,000 brackets was a 500).
MAX_BODY_DEPTH = 32


def _depth_over(value, limit):
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            pending.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False
