"""Suite-wide setup. nameko's pytest plugin no longer monkeypatches; services need it (green threads)."""
import warnings

warnings.filterwarnings("ignore", message=".*Eventlet is deprecated.*")
import eventlet  # noqa: E402

eventlet.monkey_patch()  # noqa: E402  (must run before anything imports socket/threading)

import os  # noqa: E402
import uuid  # noqa: E402

import pytest  # noqa: E402
from nameko.standalone.rpc import ClusterRpcProxy  # noqa: E402

from services.common import broker_setup  # noqa: E402
from services.common.config import load_config  # noqa: E402


@pytest.fixture(scope="session")
def base_config():
    return load_config()


@pytest.fixture
def config(base_config, rabbit_config, rabbit_manager):
    return prepared_config(base_config, rabbit_config, rabbit_manager)


def prepared_config(base_config, rabbit_config, rabbit_manager):
    """A fresh RabbitMQ vhost (nameko's rabbit_config) prepared like production (alternate-exchange
    policy), a fresh embedded store, short retry delays and sweeps."""
    vhost = rabbit_config["vhost"]
    rabbit_manager._put("policies", vhost, broker_setup.POLICY_NAME, json=broker_setup.POLICY)
    broker_setup.declare_unrouted(rabbit_config["AMQP_URI"])
    config = dict(base_config)
    config.update(_fresh_storage())
    config.update({
        "AMQP_URI": rabbit_config["AMQP_URI"],
        "EVENT_RETRY_DELAYS_MS": [100, 200],
        "OUTBOX_SWEEP_SECONDS": 0.2,
        "OUTBOX_GRACE_SECONDS": 0.5,
    })
    return config


def _fresh_storage():
    """The embedded store, or the real MongoDB named by MONGO_URI (one database set per test)."""
    uri = os.environ.get("MONGO_URI", "")
    token = uuid.uuid4().hex[:10]
    if uri and not uri.startswith("mongomock://"):
        return {"MONGO_URI": uri, "MONGO_DB_PREFIX": "test_{}_".format(token)}
    return {"MONGO_URI": "mongomock://test-{}".format(token), "MONGO_DB_PREFIX": "camau_"}


@pytest.fixture
def rpc(config):
    with ClusterRpcProxy(config, timeout=10) as proxy:
        yield proxy
