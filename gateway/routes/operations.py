"""Operations and auth: /health, /ready, /metrics, /openapi.json, /docs, token issuing."""
import hmac
import os

from marshmallow import fields, validate
from swagger_ui_bundle import swagger_ui_path
from werkzeug.wrappers import Response

from gateway.backends import SERVICES, failure_reason
from gateway.errors import HttpError
from gateway.http import json_response, route
from gateway.openapi import build_openapi
from gateway.routes.reports import STATIC
from services.common.schemas import CommandSchema, EventDataSchema

TAG = "operations"
# name -> (folder, media type): Swagger UI's own files, and the script that starts it on this page.
DOCS_ASSETS = {"swagger-ui.css": (swagger_ui_path, "text/css"),
               "swagger-ui-bundle.js": (swagger_ui_path, "application/javascript"),
               "swagger-ui-standalone-preset.js": (swagger_ui_path, "application/javascript"),
               "favicon-32x32.png": (swagger_ui_path, "image/png"),
               "docs.js": (STATIC, "application/javascript")}
DOCS_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>API - Hệ thống quản lý CBCCVC tỉnh Cà Mau</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"><link rel="icon" href="/docs/assets/favicon-32x32.png">
</head><body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/docs/assets/docs.js"></script></body></html>"""


class TokenRequest(CommandSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=100))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))


class TokenView(EventDataSchema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()


class OperationsRoutes:

    @route("POST", "/api/v1/auth/token", roles=None, body=TokenRequest, response=TokenView, tag="auth",
           rate_limit="login", extra_responses={"401": "INVALID_CREDENTIALS: wrong username or password, or an "
                                                       "inactive account (unknown usernames answered alike)"})
    def issue_token(self, call):
        """Exchange a username and password for a short-lived bearer token."""
        call.request.environ["camau.principal"] = {"subject": call.body["username"], "roles": []}
        return self.auth.login(call.body["username"], call.body["password"], self.rate_limits.client(call.request))

    @route("GET", "/health", roles=None, tag=TAG)
    def health(self, call):
        """The gateway process is alive."""
        return {"status": "ok"}

    @route("GET", "/ready", roles=None, tag=TAG, rate_limit="operations")
    def ready(self, call):
        """Usable: the broker and every service answer and the configured administrator can log in (503
        otherwise, naming what is missing). The answer is reused for READY_CACHE_SECONDS, so probes do not
        fan out to every service on each call."""
        status, body = self.memos.get("ready", self._check_readiness)
        return json_response(status, body)

    def _check_readiness(self):
        results, failures = self.backends.gather(
            {name: (name, "health", ()) for name in SERVICES})
        # The administrator is made as the gateway starts, beside the web server: /health can answer before
        # it exists, and a login then was a 401 (`make demo` right after `make run`).
        administrator = self.auth.administrator_ready(str(self.config["GATEWAY_ADMIN_USER"]))
        usable = not failures and administrator
        body = {"status": "ready" if usable else "not_ready",
                "services": {name: ("ok" if name in results else failure_reason(failures[name])) for name in SERVICES},
                "administrator": "ok" if administrator else "not yet created"}
        return (200 if usable else 503), body

    @route("GET", "/metrics", roles=None, tag=TAG, rate_limit="operations")
    def metrics_text(self, call):
        """Prometheus metrics: requests, RPC latency, events per service and type. When GATEWAY_METRICS_TOKEN
        is set, the scraper sends it as `Authorization: Bearer <token>`."""
        self._require_metrics_token(call.request)
        results, failures = self.backends.gather({name: (name, "metrics", ()) for name in SERVICES})
        reports = {name: results.get(name) for name in SERVICES}
        return Response(self.metrics.exposition(reports), mimetype="text/plain; version=0.0.4")

    def _require_metrics_token(self, request):
        expected = str(self.config.get("GATEWAY_METRICS_TOKEN") or "")
        if not expected:
            return
        scheme, _, presented = request.headers.get("Authorization", "").partition(" ")
        # compare_digest: the time taken does not tell how much of a guess was right
        if scheme.lower() != "bearer" or not hmac.compare_digest(presented.encode(), expected.encode()):
            raise HttpError(401, "UNAUTHENTICATED", "/metrics needs the GATEWAY_METRICS_TOKEN as a bearer token",
                            headers={"WWW-Authenticate": "Bearer"})

    @route("GET", "/openapi.json", roles=None, tag=TAG)
    def openapi(self, call):
        """This API's OpenAPI 3 document."""
        return build_openapi()

    @route("GET", "/docs", roles=None, tag=TAG)
    def docs(self, call):
        """Interactive API documentation (Swagger UI served by the gateway: works offline)."""
        return Response(DOCS_PAGE, mimetype="text/html")

    @route("GET", "/docs/assets/{name}", roles=None, tag=TAG)
    def docs_asset(self, call, name):
        """Static assets of the documentation page."""
        if name not in DOCS_ASSETS:
            raise HttpError(404, "NOT_FOUND", "no such asset")
        folder, media_type = DOCS_ASSETS[name]
        with open(os.path.join(folder, name), "rb") as handle:
            return Response(handle.read(), mimetype=media_type,
                            headers={"Cache-Control": "public, max-age=86400"})

