"""Prepare a RabbitMQ vhost: the unrouted-events exchange and the policy that makes it the
alternate exchange of every `<service>.events` exchange, so no event is silently dropped.

    python -m services.common.broker_setup            # uses AMQP_URI and RABBITMQ_MANAGEMENT_URL

docker-compose.yml runs it as the one-shot `broker-setup` service before any other service starts
(not a definitions file loaded at broker boot: RabbitMQ then skips creating the user of
RABBITMQ_DEFAULT_USER/PASS, and the file would have to carry a password hash).
"""
import json
import os
import subprocess
import sys
from urllib.parse import quote, unquote, urlparse

import requests
from kombu import Connection

from services.common import topology

POLICY_NAME = "unrouted-events"
POLICY = {"pattern": topology.EVENTS_EXCHANGE_PATTERN, "apply-to": "exchanges", "priority": 0,
          "definition": {"alternate-exchange": topology.UNROUTED_EXCHANGE}}


def vhost_of(amqp_uri):
    path = urlparse(amqp_uri).path
    return unquote(path[1:]) if len(path) > 1 else "/"


def declare_unrouted(amqp_uri):
    with Connection(amqp_uri, connect_timeout=5) as connection:
        channel = connection.default_channel
        for entity in topology.unrouted_topology():
            entity.maybe_bind(channel)
            entity.declare()


def apply_policy(amqp_uri, management_url=None):
    """Through the management API when reachable, else with rabbitmqctl on this host."""
    vhost = vhost_of(amqp_uri)
    management_url = management_url or os.environ.get("RABBITMQ_MANAGEMENT_URL",
                                                      "http://guest:guest@127.0.0.1:15672")
    parsed = urlparse(management_url)
    base = "{}://{}:{}".format(parsed.scheme, parsed.hostname, parsed.port or 15672)
    try:
        response = requests.put(
            "{}/api/policies/{}/{}".format(base, quote(vhost, safe=""), POLICY_NAME),
            json=POLICY, auth=(unquote(parsed.username or "guest"), unquote(parsed.password or "guest")),
            timeout=5)
        response.raise_for_status()
        return "management API"
    except requests.RequestException:
        subprocess.run(["rabbitmqctl", "set_policy", "-p", vhost, "--apply-to", "exchanges",
                        POLICY_NAME, POLICY["pattern"], json.dumps(POLICY["definition"])],
                       check=True, capture_output=True, timeout=30)
        return "rabbitmqctl"


def prepare(amqp_uri, management_url=None):
    declare_unrouted(amqp_uri)
    return apply_policy(amqp_uri, management_url)


if __name__ == "__main__":
    from services.common.config import load_config
    uri = load_config()["AMQP_URI"]
    how = prepare(uri)
    print("broker ready: {} policy on vhost {!r} (via {})".format(POLICY_NAME, vhost_of(uri), how))
    sys.exit(0)
