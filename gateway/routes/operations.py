"""Operations and auth: /health, /ready, /openapi.json, /docs, token issuing."""
import html

from marshmallow import fields, validate
from nameko.exceptions import RpcTimeout
from werkzeug.wrappers import Response

from gateway.backends import SERVICES
from gateway.errors import HttpError
from gateway.http import json_response, route
from gateway.openapi import build_openapi
from services.common.schemas import CommandSchema, EventDataSchema

TAG = "operations"


class TokenRequest(CommandSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=100))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))


class TokenView(EventDataSchema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()


class OperationsRoutes:

    @route("POST", "/api/v1/auth/token", roles=None, body=TokenRequest, response=TokenView, tag="auth",
           rate_limit="login")
    def issue_token(self, call):
        """Exchange a username and password for a short-lived bearer token."""
        call.request.environ["camau.principal"] = {"subject": call.body["username"], "roles": []}
        return self.auth.login(call.body["username"], call.body["password"])

    @route("GET", "/health", roles=None, tag=TAG)
    def health(self, call):
        """The gateway process is alive."""
        return {"status": "ok"}

    @route("GET", "/ready", roles=None, tag=TAG)
    def ready(self, call):
        """The broker and every service answer (503 otherwise, naming what is missing)."""
        results, failures = self.backends.gather(
            {name: (name, "health", ()) for name in SERVICES})
        body = {"status": "ready" if not failures else "not_ready",
                "services": {name: ("ok" if name in results else _why(failures[name])) for name in SERVICES}}
        return json_response(200 if not failures else 503, body)

    @route("GET", "/metrics", roles=None, tag=TAG)
    def metrics_text(self, call):
        """Prometheus metrics: requests, RPC latency, events per service and type."""
        results, failures = self.backends.gather({name: (name, "metrics", ()) for name in SERVICES})
        reports = {name: results.get(name) for name in SERVICES}
        return Response(self.metrics.exposition(reports), mimetype="text/plain; version=0.0.4")

    @route("GET", "/openapi.json", roles=None, tag=TAG)
    def openapi(self, call):
        """This API's OpenAPI 3 document."""
        return build_openapi()

    @route("GET", "/docs", roles=None, tag=TAG)
    def docs(self, call):
        """A readable list of the API's operations (no external assets)."""
        document = build_openapi()
        rows = []
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                roles = ", ".join(operation.get("x-roles", [])) or "public"
                rows.append("<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>".format(
                    method.upper(), html.escape(path), html.escape(operation.get("summary", "")), roles))
        page = ("<!doctype html><html lang='vi'><meta charset='utf-8'><title>API</title>"
                "<h1>{}</h1><p>Machine-readable: <a href='/openapi.json'>/openapi.json</a></p>"
                "<table border=1 cellpadding=4><tr><th>Method</th><th>Path</th><th>Summary</th><th>Roles</th></tr>"
                "{}</table></html>").format(html.escape(document["info"]["title"]), "".join(rows))
        return Response(page, mimetype="text/html")


def _why(error):
    if isinstance(error, RpcTimeout):
        return "no answer in time"
    if isinstance(error, HttpError):
        return error.code
    return type(error).__name__
