"""Integration fixtures: a fresh RabbitMQ vhost per test (nameko's rabbit_config), prepared like
production (alternate exchange policy), a fresh embedded store, short retry delays."""
import uuid

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from services.common import broker_setup


@pytest.fixture
def config(base_config, rabbit_config, rabbit_manager):
    vhost = rabbit_config["vhost"]
    rabbit_manager._put("policies", vhost, broker_setup.POLICY_NAME, json=broker_setup.POLICY)
    broker_setup.declare_unrouted(rabbit_config["AMQP_URI"])
    config = dict(base_config)
    config.update({
        "AMQP_URI": rabbit_config["AMQP_URI"],
        "MONGO_URI": "mongomock://test-{}".format(uuid.uuid4().hex),
        "EVENT_RETRY_DELAYS_MS": [100, 200],
        "OUTBOX_SWEEP_SECONDS": 0.2,
        "OUTBOX_GRACE_SECONDS": 0.5,
        "WEB_SERVER_ADDRESS": "127.0.0.1:0",
    })
    return config


@pytest.fixture
def rpc(config):
    with ClusterRpcProxy(config, timeout=10) as proxy:
        yield proxy
