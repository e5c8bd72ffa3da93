"""Security tests run the whole system like the e2e tests: the same fixtures, the real broker."""
from tests.e2e.conftest import *  # noqa: F401,F403
