"""Typed errors shared by every service; the gateway maps them to HTTP status in one place.

Pure Python on purpose: domain code raises these. `services.common.rpc_errors` registers them
with nameko so they cross RPC as themselves.
"""


class DomainError(Exception):
    code = "ERROR"

    def __init__(self, message, fields=None):
        super().__init__(message, fields or {})
        self.message = message
        self.fields = fields or {}

    def __str__(self):
        return self.message


class NotFound(DomainError):
    code = "NOT_FOUND"


class Conflict(DomainError):
    code = "CONFLICT"


class Invalid(DomainError):
    """Input that breaks a schema or a rule: carries one message per field."""
    code = "VALIDATION_ERROR"


class RuleViolation(DomainError):
    """A legal or business rule refuses the command (HTTP 422): names the rule and its legal basis."""
    code = "RULE_VIOLATION"

    def __init__(self, message, rule, legal_basis, fields=None):
        Exception.__init__(self, message, rule, legal_basis, fields or {})
        self.message, self.rule, self.legal_basis = message, rule, legal_basis
        self.fields = fields or {}


class Forbidden(DomainError):
    code = "FORBIDDEN"


class Unavailable(DomainError):
    """A dependency (storage, broker, another service) cannot answer now."""
    code = "SERVICE_UNAVAILABLE"


class ConcurrentUpdate(Conflict):
    """Optimistic concurrency lost: the document changed since it was read."""
    code = "CONCURRENT_UPDATE"
