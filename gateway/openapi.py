"""OpenAPI 3 document generated from the routes and the services' marshmallow schemas."""
import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, fields

from gateway.examples import example_for
from gateway.http import ROUTES

_PARAM = re.compile(r"{([a-z_]+)}")


class ErrorBody(Schema):
    error = fields.String(required=True, metadata={"description": "machine-readable code"})
    message = fields.String(required=True)
    fields_ = fields.Dict(data_key="fields", keys=fields.String(), metadata={
        "description": "one list of messages per invalid field"})


def _schema_name(schema):
    cls = schema if isinstance(schema, type) else type(schema)
    module = cls.__module__.split(".")
    prefix = module[1].capitalize() if module[0] == "services" and len(module) > 2 else "Gateway"
    return prefix + cls.__name__


def build_openapi(version="0.1.0"):
    spec = APISpec(title="Cà Mau civil-service platform API", version=version, openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin(schema_name_resolver=_schema_name)],
                   info={"description": "Personnel, training, inspection and citizen feedback of Cà Mau "
                                        "province. Errors: {error, message, fields}."})
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    spec.components.schema("Error", schema=ErrorBody)
    paths = {}
    for route in ROUTES:
        paths.setdefault(route.path, {})[route.method.lower()] = _operation(route)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


def _operation(route):
    operation = {"operationId": route.handler, "summary": route.summary, "tags": [route.tag or "operations"],
                 "responses": _responses(route)}
    parameters = [{"in": "path", "name": name, "required": True, "schema": {"type": "string"}}
                  for name in _PARAM.findall(route.path)]
    if route.query:
        parameters.append({"in": "query", "schema": route.query})
    if parameters:
        operation["parameters"] = parameters
    if route.body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": route.body, "example": example_for(route.body)}}}
    if route.raw_body:
        operation["requestBody"] = {"required": True, "description": route.raw_body["description"], "content": {
            route.raw_body["media_type"]: {"schema": {"type": "string"}, "example": route.raw_body["example"]}}}
    if route.roles is None:
        operation["security"] = []
    else:
        operation["security"] = [{"bearer": []}]
        operation["x-roles"] = list(route.roles)
        operation["description"] = "Roles: " + ", ".join(route.roles)
        if route.references:     # gateway.ownership: each id is checked against a scoped caller's unit subtree
            operation["x-unit-scope"] = {where: sorted(names) for where, names in route.references.items()}
            operation["description"] += ". Ids checked against a scoped caller's units: " + "; ".join(
                "{} {}".format(where, ", ".join(sorted(names))) for where, names in route.references.items())
        if route.personal_data and route.method == "GET":  # gateway.personal_data
            operation["x-audited-read"] = True
            operation["description"] += ". Answers personal data: every read is in the audit trail"
    return operation


def _responses(route):
    error = {"content": {"application/json": {"schema": "Error"}}}
    ok = {"description": "OK"}
    if route.response is not None:
        schema = route.response
        if route.many:
            schema = {"type": "object", "properties": {"items": {"type": "array", "items": route.response},
                                                      "total": {"type": "integer"}}}
            if route.query is not None and "after" in route.query._declared_fields:     # keyset pages
                schema["properties"]["total"]["nullable"] = True
                schema["properties"]["next"] = {"type": "string", "nullable": True, "description":
                                                "the cursor of the following page (`after`); null after the last"}
        ok["content"] = {"application/json": {"schema": schema}}
    responses = {str(route.status): ok}
    if route.body or route.query or "{" in route.path:
        responses["400"] = dict(error, description="invalid input, one message per field")
    if route.roles is not None:
        responses["401"] = dict(error, description="missing, invalid or expired token")
        responses["403"] = dict(error, description="the token's roles do not allow this, or (OUTSIDE_SCOPE) an id "
                                                   "in the body, query or file names an object outside the "
                                                   "caller's unit scope")
    if "{" in route.path or route.body:
        responses["404"] = dict(error, description="an id in the path or the body is unknown, or the path's "
                                                   "object is outside the caller's unit scope")
    if route.method in ("POST", "PUT", "PATCH"):
        responses["409"] = dict(error, description="conflicts with the current state")
        responses["422"] = dict(error, description="refused by a legal or business rule, named with its legal "
                                                   "basis in `rule` and `legal_basis`")
        responses["413"] = dict(error, description="body too large")
    if route.body or route.raw_body:
        media_type = route.raw_body["media_type"] if route.raw_body else "application/json"
        responses["415"] = dict(error, description="the body is not " + media_type)
    if route.rate_limit:
        responses["429"] = dict(error, description="too many requests from this client; see Retry-After")
    responses["503"] = dict(error, description="a service or storage is unavailable; retry")
    for status, description in route.extra_responses.items():
        responses[str(status)] = dict(error, description=description)
    return responses
