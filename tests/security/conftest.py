"""Security tests drive the whole system like the e2e tests (every service and the gateway over HTTP)."""
from tests.e2e.conftest import anonymous, api, system, system_config  # noqa: F401  (fixtures)
