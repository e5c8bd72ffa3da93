"""The audit trail: every write and every read of personal data, by whom, from where, with what outcome,
on what (the query string, the ids in the path and the ids of the items answered)."""
import json
import logging

_log = logging.getLogger(__name__)
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# A page holds at most a few hundred items; the entry names the first ones and says how many there were.
MAX_RETURNED_IDS = 100


def audit(service, request, spec, response, correlation_id, path_args):
    """Record the request when it writes, or reads what its route's schema marks as personal data
    (RouteSpec.personal_data, gateway.personal_data): by users and API keys alike."""
    principal = request.environ.get("camau.principal")
    is_write = request.method in WRITE_METHODS
    personal_read = request.method == "GET" and spec.roles is not None and spec.personal_data
    if not (is_write or personal_read):
        return
    returned = _returned_ids(response)
    try:
        service.auth.store.audit({
            "actor": principal["subject"] if principal else "anonymous",
            "roles": principal["roles"] if principal else [],
            "method": request.method, "path": request.path, "status": response.status_code,
            "query": request.query_string.decode("utf-8", "replace"), "path_ids": dict(path_args),
            "returned_ids": returned[:MAX_RETURNED_IDS], "returned_count": len(returned),
            "client": request.remote_addr, "request_id": correlation_id,
            "action": "write" if is_write else "personal_data_read"})
    except Exception:  # the audit store failing must be seen, but not turn an answer into a 500
        _log.exception("could not write the audit entry of %s %s", request.method, request.path)


def _returned_ids(response):
    """The ids of the object or the page's items a successful JSON answer carries (none otherwise)."""
    if response.status_code >= 300 or response.mimetype != "application/json":
        return []
    try:
        body = json.loads(response.get_data())
    except ValueError:
        return []
    items = body.get("items") if isinstance(body, dict) and isinstance(body.get("items"), list) else [body]
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]
