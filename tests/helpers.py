"""Test helpers: bounded waits, broker peeks, envelopes."""
import time

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
