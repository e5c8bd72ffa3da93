"""Routes: one decorator declares method, path, roles and schemas; it also feeds the OpenAPI document.

Every route: authenticates (unless public), checks roles, parses and validates the JSON body and
the query string with the service's own schemas (the service validates again), calls the handler,
answers JSON; every failure goes through gateway.errors.to_http.
"""
import functools
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass, field

from gateway.headers import http
from werkzeug.wrappers import Response

from gateway.errors import HttpError, to_http
from gateway.audit import audit
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
    extra_responses: dict = field(default_factory=dict)
    raw_body: dict | None = None    # a body that is not JSON (CSV): {"media_type", "description", "example"}
    unit_scoped: bool = False       # a scoped caller's query gets `unit_ids`, their subtree (gateway.scope)


@dataclass
class Call:
    """What a route handler receives besides path parameters."""
    request: object
    principal: dict | None
    body: dict | None
    query: dict
    correlation_id: str


def json_response(status, payload, headers=None):
    response = Response(json.dumps(payload, ensure_ascii=False, default=str), status=status,
                        mimetype="application/json")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def route(method, path, *, roles, body=None, query=None, response=None, many=False, status=200,
          summary="", tag="", rate_limit=None, raw_body=None, unit_scoped=False):
    werkzeug_path = _PARAM.sub(r"<string:\1>", path)

    def decorate(fn):
        summary_text = summary or ((fn.__doc__ or "").strip().splitlines() or [""])[0]
        spec = RouteSpec(method, path, fn.__name__, roles, body, query, response, many, status,
                         summary_text, tag, rate_limit=rate_limit, raw_body=raw_body, unit_scoped=unit_scoped)
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
    audit(service, request, spec, response, correlation_id)
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
        if spec.body:
            load_or_invalid(shared(spec.body), payload)
        query = {key: request.args.get(key) for key in request.args}
        if spec.query:
            load_or_invalid(shared(spec.query), query)
        scope = Scope(service.backends, principal)
        if scope.restricted:
            scope.check_path(path_args)
            scope.check_payload(payload)
            scope.check_payload(query)
            if spec.unit_scoped:     # after validation: a client cannot send unit_ids itself
                query["unit_ids"] = scope.unit_ids()
        result = fn(service, Call(request, principal, payload, query, correlation_id), **path_args)
        if isinstance(result, Response):
            return result
        return json_response(spec.status, result, {"X-Request-ID": correlation_id})
    except Exception as error:  # every failure, typed or not, becomes one HTTP answer
        status, body, headers = to_http(error)
        headers = dict(headers, **{"X-Request-ID": correlation_id})
        return json_response(status, body, headers)


def _correlation_id(request):
    given = request.headers.get("X-Request-ID", "")
    return given if re.fullmatch(r"[A-Za-z0-9._-]{8,64}", given) else uuid.uuid4().hex


def _read_body(request, limit):
    if request.content_length is not None and request.content_length > limit:
        raise HttpError(413, "PAYLOAD_TOO_LARGE", "the body exceeds {} bytes".format(limit))
    raw = request.stream.read(limit + 1)
    if len(raw) > limit:
        raise HttpError(413, "PAYLOAD_TOO_LARGE", "the body exceeds {} bytes".format(limit))
    if not raw.strip():
        raise HttpError(400, "VALIDATION_ERROR", "a JSON object is required as the body",
                        fields={"_schema": ["a JSON object is required"]})
    if "json" not in (request.mimetype or ""):
        raise HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise HttpError(400, "MALFORMED_JSON", "the body is not valid JSON: {}".format(error)) from None
