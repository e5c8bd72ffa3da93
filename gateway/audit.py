"""The audit trail: every write and every read of personal data, by whom, from where, with what outcome."""
import logging

_log = logging.getLogger(__name__)
# Reads under these paths return personal data of officials or citizens (DOMAIN rule 11).
PERSONAL_DATA_PREFIXES = ("/api/v1/officials", "/api/v1/reviews", "/api/v1/feedback", "/api/v1/users")
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def audit(service, request, spec, response, correlation_id):
    """Every write and every read of personal data, by whom, from where, with what outcome."""
    principal = request.environ.get("camau.principal")
    is_write = request.method in WRITE_METHODS
    personal_read = request.method == "GET" and spec.roles is not None and \
        request.path.startswith(PERSONAL_DATA_PREFIXES)
    if not (is_write or personal_read):
        return
    try:
        service.auth.store.audit({
            "actor": principal["subject"] if principal else "anonymous",
            "roles": principal["roles"] if principal else [],
            "method": request.method, "path": request.path, "status": response.status_code,
            "client": request.remote_addr, "request_id": correlation_id,
            "action": "write" if is_write else "personal_data_read"})
    except Exception:  # the audit store failing must be seen, but not turn an answer into a 500
        _log.exception("could not write the audit entry of %s %s", request.method, request.path)
