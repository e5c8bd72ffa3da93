"""The typed errors cross nameko RPC as their own classes (not RemoteError), in any process layout.

nameko rebuilds an error on the calling side only when its class is in nameko's exception registry of
*that* process; otherwise the caller gets a RemoteError (a 500 at the gateway). `make run` and compose
give every service and the gateway a process of its own, so the registration cannot ride on whatever a
process happens to import: this module is the one both sides import, the services through `domain_rpc`
and the gateway through its RPC proxy (`gateway.backends`), and it registers on import.

The wire carries only the kernel's classes: a service's own subclass (the subscriptions' EndpointDisabled
is a Conflict) leaves as the nearest kernel class with the same message and fields, so a caller never has
to import a service's domain to understand its answer (docs/architecture.md, "Errors across RPC").
"""
from nameko.exceptions import registry
from nameko.rpc import Rpc

from services.common import errors

# The wire contract: every class here, and nothing else, is rebuilt as itself by the caller.
KERNEL_ERRORS = (errors.DomainError, errors.NotFound, errors.Conflict, errors.Invalid, errors.RuleViolation,
                 errors.Forbidden, errors.Unavailable, errors.ConcurrentUpdate)


def wire_path(cls):
    """The key nameko's serializer writes for `cls` (its `exc_path`)."""
    return "{}.{}".format(cls.__module__, cls.__name__)


def register_typed_errors():
    """Fill this process's nameko registry with the kernel's errors (idempotent)."""
    for cls in KERNEL_ERRORS:
        registry[wire_path(cls)] = cls


register_typed_errors()


def on_the_wire(error):
    """`error` as it may cross RPC: itself when a kernel class, else its nearest kernel ancestor carrying
    the same message, fields (and rule and legal basis); anything else unchanged."""
    if not isinstance(error, errors.DomainError) or type(error) in KERNEL_ERRORS:
        return error
    kernel_class = next(cls for cls in type(error).__mro__ if cls in KERNEL_ERRORS)
    if issubclass(kernel_class, errors.RuleViolation):
        narrowed = kernel_class(error.message, error.rule, error.legal_basis, error.fields)
    else:
        narrowed = kernel_class(error.message, error.fields)
    narrowed.__cause__ = error
    return narrowed


class DomainRpc(Rpc):
    """nameko's @rpc whose typed errors leave as kernel classes (see `on_the_wire`)."""

    def handle_result(self, message, worker_ctx, result, exc_info):
        if exc_info is not None:
            error = on_the_wire(exc_info[1])
            if error is not exc_info[1]:
                exc_info = (type(error), error, exc_info[2])
        return super().handle_result(message, worker_ctx, result, exc_info)


# RPC entrypoint for domain services: typed errors are expected outcomes, logged as warnings.
domain_rpc = DomainRpc.decorator(expected_exceptions=(errors.DomainError,))
