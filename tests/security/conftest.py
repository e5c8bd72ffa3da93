from tests.e2e.conftest import anonymous, api, system, system_config  # noqa: F401  (shared fixtures)
