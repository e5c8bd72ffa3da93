"""Suite-wide setup. nameko's pytest plugin no longer monkeypatches; services need it (green threads)."""
import warnings

warnings.filterwarnings("ignore", message=".*Eventlet is deprecated.*")
import eventlet  # noqa: E402

eventlet.monkey_patch()  # noqa: E402  (must run before anything imports socket/threading)

import os  # noqa: E402
import uuid  # noqa: E402

import pytest  # noqa: E402
from argon2 import PasswordHasher  # noqa: E402
from nameko.standalone.rpc import ClusterRpcProxy  # noqa: E402

from gateway import identity  # noqa: E402
from services.common import broker_setup  # noqa: E402
from services.common.config import load_config  # noqa: E402

# Passwords are hashed and checked by the gateway's own code, with Argon2id, but at the lowest cost Argon2
# accepts. The production parameters (argon2-cffi's defaults, RFC 9106's low-memory profile: 64 MiB, 3
# passes, 4 lanes) take ~140 ms of CPU per hash or check, and the suite makes thousands (every gateway
# start, login and new password): minutes of its CPU on two cores, for nothing any test looks at.
# tests/unit/gateway/test_auth.py checks that the gateway itself keeps the production parameters.
PRODUCTION_PASSWORD_HASHER = identity._hasher
identity._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
identity._DUMMY_HASH = identity._hasher.hash("timing-equaliser-for-unknown-users")   # same work as a known user


@pytest.fixture(scope="session")
def base_config():
    return load_config()


@pytest.fixture(scope="session")
def broker_management(request):
    """The broker's management API as broker_setup uses it (nameko's --rabbit-ctl-uri account)."""
    return broker_setup.Management(request.config.getoption("RABBIT_API_URI"))


@pytest.fixture
def config(base_config, rabbit_config, broker_management):
    return prepared_config(base_config, rabbit_config, broker_management)


def prepared_config(base_config, rabbit_config, broker_management):
    """A fresh RabbitMQ vhost (nameko's rabbit_config) prepared like production (every events
    exchange declared, alternate-exchange policy), a fresh embedded store, short retry delays and sweeps."""
    broker_setup.prepare_vhost(rabbit_config["AMQP_URI"], broker_management)
    config = dict(base_config)
    config.update(_fresh_storage())
    vhost = broker_setup.vhost_of(rabbit_config["AMQP_URI"])
    config.update({
        "AMQP_URI": rabbit_config["AMQP_URI"],
        # The subscriptions service makes agencies' broker users: named after the test's vhost, as users are
        # global to the broker (tests that register agencies delete them).
        "RABBITMQ_MANAGEMENT_URL": broker_management.url,
        "AGENCY_USER_PREFIX": vhost + "-agency-",
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


@pytest.fixture(scope="session")
def test_broker_users(broker_management):
    """Broker users the tests made. A user is deleted at the start of the next test that makes some
    (its vhost, and its connections, are gone by then) and the rest at the end of the session:
    deleting it during its own test's teardown would close connections its containers still hold."""
    made = []
    yield made
    delete_broker_users(broker_management, made)


def delete_broker_users(management, users):
    while users:
        management.delete("users", users.pop())


@pytest.fixture
def identity_uris(config, broker_management, test_broker_users):
    """{identity: AMQP URI} of the four services and the gateway, each its own user with the
    permissions `make run` and compose give it (broker_setup), on this test's vhost. Users are global
    to the broker, so their names carry the vhost's: parallel runs on one broker never share a user."""
    delete_broker_users(broker_management, test_broker_users)
    vhost = broker_setup.vhost_of(config["AMQP_URI"])
    passwords = {identity: uuid.uuid4().hex for identity in broker_setup.IDENTITIES}
    users = broker_setup.provision_identities(broker_management, vhost, passwords, prefix=vhost + "-")
    test_broker_users.extend(users.values())
    return {identity: broker_setup.amqp_uri_for(config["AMQP_URI"], users[identity], passwords[identity])
            for identity in users}


@pytest.fixture
def rpc(config):
    with ClusterRpcProxy(config, timeout=10) as proxy:
        yield proxy
