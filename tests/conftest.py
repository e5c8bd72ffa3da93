"""Suite-wide setup. nameko's pytest plugin no longer monkeypatches; services need it (green threads)."""
import eventlet

eventlet.monkey_patch()  # noqa: E402  (must run before anything imports socket/threading)

import pytest  # noqa: E402

from services.common.config import load_config  # noqa: E402


@pytest.fixture(scope="session")
def base_config():
    return load_config()
