"""Test helpers: bounded waits, broker peeks, envelopes, a client of the gateway."""
import os
import random
import socket
import time

import requests
from kombu import Connection, Exchange, Queue


class ManualClock:
    """A clock that moves only when a test moves it (`clock.now += seconds`)."""

    def __init__(self, now=0.0):
        self.now = now

    def __call__(self):
        return self.now


def wait_until(predicate, timeout=5.0, interval=0.05, message="condition not met"):
    """Poll `predicate` until it returns a truthy value, at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("{} within {} s".format(message, timeout))
        time.sleep(interval)


def publish_raw(amqp_uri, exchange, routing_key, body, headers=None):
    """Publish as another agency would (JSON body, persistent), with a confirm."""
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as connection:
        producer = connection.Producer(serializer="json")
        producer.publish(body, exchange=Exchange(exchange, type="topic", durable=True),
                         routing_key=routing_key, headers=headers or {}, delivery_mode=2,
                         declare=[Exchange(exchange, type="topic", durable=True)])


def drain(amqp_uri, queue_name, limit=1000):
    """Take (ack) every message now in a queue: [(body, headers)]."""
    taken = []
    with Connection(amqp_uri) as connection:
        queue = Queue(queue_name, durable=True)(connection.default_channel)
        queue.declare()
        for _ in range(limit):
            message = queue.get(no_ack=False)
            if message is None:
                break
            taken.append((message.decode(), message.headers))
            message.ack()
    return taken


def bind_spy_queue(amqp_uri, exchange, routing_key, name):
    """A durable queue bound to an events exchange, to see what a service published."""
    with Connection(amqp_uri) as connection:
        queue = Queue(name, Exchange(exchange, type="topic", durable=True), routing_key=routing_key,
                      durable=True)(connection.default_channel)
        queue.declare()
    return name


# Ports below the kernel's ephemeral range (32768-60999 on Linux: outgoing connections never take these),
# a block per pytest process of tools/parallel_tests.py.
PORTS_PER_WORKER = 1000       # 12 blocks: up to 8 workers of make test and the 2 of its wire-protocol pass
FIRST_WORKER_PORT = 20000
_ports = random.Random()


def free_port():
    """A port free now for a test's gateway. In a worker of tools/parallel_tests.py, from that worker's own block:
    a port found free by one worker could otherwise be taken by another's gateway before this one binds it (the
    gateway refuses a held port)."""
    worker = int(os.environ.get("TEST_WORKER_NUMBER") or 0)
    if worker:
        start = FIRST_WORKER_PORT + (worker - 1) * PORTS_PER_WORKER
        for _ in range(200):
            port = _ports.randrange(start, start + PORTS_PER_WORKER)
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Api:
    """A client of the gateway as an API consumer uses it."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.session = requests.Session()

    def login(self, username, password):
        response = self.post("/api/v1/auth/token", {"username": username, "password": password})
        assert response.status_code == 200, response.text
        self.session.headers["Authorization"] = "Bearer " + response.json()["access_token"]
        return self

    def get(self, path, **params):
        return self.session.get(self.base_url + path, params=params, timeout=15)

    def post(self, path, body=None, **kwargs):
        return self.session.post(self.base_url + path, json=body, timeout=15, **kwargs)

    def created(self, path, body):
        response = self.post(path, body)
        assert response.status_code == 201, response.text
        return response.json()
