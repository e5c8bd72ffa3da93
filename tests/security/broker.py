"""Acting on the broker as one identity: publish with a confirm, take a message, bind a queue."""
import json

from kombu import Connection, Exchange


def publish_as(amqp_uri, exchange, routing_key, body=None, raw=None, content_type="application/json"):
    """Publish and wait for the broker's confirm; a refusal raises (amqp.exceptions.AccessRefused).
    The exchange is never declared: only publishing itself is under test."""
    target = Exchange(exchange, type="topic", no_declare=True) if exchange else ""
    payload = raw if raw is not None else json.dumps(body or {}).encode("utf-8")
    with Connection(amqp_uri, connect_timeout=5, transport_options={"confirm_publish": True}) as connection:
        connection.Producer().publish(payload, exchange=target, routing_key=routing_key,
                                      content_type=content_type, content_encoding="utf-8", delivery_mode=2)


def get_as(amqp_uri, queue):
    """basic.get one message (acked) from `queue`, or None when it is empty."""
    with Connection(amqp_uri, connect_timeout=5) as connection:
        return connection.channel().basic_get(queue=queue, no_ack=True)


def bind_as(amqp_uri, queue, exchange, routing_key, declare_queue=False):
    with Connection(amqp_uri, connect_timeout=5) as connection:
        channel = connection.channel()
        if declare_queue:
            channel.queue_declare(queue=queue, durable=True, auto_delete=False)
        channel.queue_bind(queue=queue, exchange=exchange, routing_key=routing_key)


def ready_count(amqp_uri, queue):
    """Messages ready in `queue` (a passive declare: no permission needed, nothing created)."""
    with Connection(amqp_uri, connect_timeout=5) as connection:
        _, count, _ = connection.channel().queue_declare(queue=queue, passive=True)
        return count
