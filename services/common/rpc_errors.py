"""Let the typed errors cross nameko RPC as their own classes (not RemoteError)."""
from nameko.exceptions import registry

from services.common import errors

for _cls in (errors.DomainError, errors.NotFound, errors.Conflict, errors.Invalid, errors.RuleViolation,
             errors.Forbidden, errors.Unavailable, errors.ConcurrentUpdate):
    registry["{}.{}".format(_cls.__module__, _cls.__name__)] = _cls

from nameko.rpc import rpc as _rpc  # noqa: E402

# RPC entrypoint for domain services: typed errors are expected outcomes, logged as warnings.
domain_rpc = _rpc(expected_exceptions=(errors.DomainError,))
