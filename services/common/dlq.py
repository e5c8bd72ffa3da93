"""Operate a service's dead-letter queue.

    python -m services.common.dlq list personnel
    python -m services.common.dlq replay personnel [--limit N]

`replay` sends each dead-lettered message back to the queue of the handler that failed (through
`<service>.requeue`) with its retry count reset; a message is removed from the DLQ only after the
broker confirmed its copy. Handlers are idempotent, so a replay applies each event once.
"""
import argparse
import json
import sys

from kombu import Connection, Producer

from services.common import topology

REPLAY_DROPPED_HEADERS = ("x-retry-count", "x-death", "x-first-death-exchange", "x-first-death-queue",
                          "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue",
                          "x-last-death-reason")


def list_dead_letters(amqp_uri, service, limit=100):
    """Peek at the DLQ (messages are returned to it)."""
    found = []
    with Connection(amqp_uri, connect_timeout=5) as connection:
        queue = topology.dead_letter_queue(service)(connection.default_channel)
        queue.declare()
        messages = []
        for _ in range(limit):
            message = queue.get(no_ack=False)
            if message is None:
                break
            messages.append(message)
            headers = message.headers or {}
            found.append({"queue": headers.get("x-original-queue"), "error": headers.get("x-error"),
                          "dead_lettered_at": headers.get("x-dead-lettered-at"),
                          "retries": int(headers.get("x-retry-count", 0)),
                          **_body_of(message)})
        for message in messages:
            message.reject(requeue=True)
    return found


def _body_of(message):
    """The JSON body, or the raw bytes (as text) of one that could not be decoded."""
    try:
        return {"body": json.loads(message.body)}
    except ValueError:
        raw = message.body      # bytes, or text when the message declared a content encoding
        return {"body": None,
                "raw_body": raw.decode("utf-8", errors="backslashreplace") if isinstance(raw, bytes) else raw,
                "decode_error": (message.headers or {}).get("x-decode-error")}


def replay(amqp_uri, service, limit=None):
    replayed = 0
    with Connection(amqp_uri, connect_timeout=5) as connection:
        channel = connection.channel()
        channel.confirm_select()
        queue = topology.dead_letter_queue(service)(channel)
        queue.declare()
        producer = Producer(channel, exchange=topology.requeue_exchange(service))
        while limit is None or replayed < limit:
            message = queue.get(no_ack=False)
            if message is None:
                break
            headers = {key: value for key, value in (message.headers or {}).items()
                       if key not in REPLAY_DROPPED_HEADERS}
            headers["x-replayed-from-dlq"] = True
            producer.publish(message.body, routing_key=headers["x-original-queue"], headers=headers,
                             content_type=message.content_type,
                             content_encoding=message.content_encoding, delivery_mode=2)
            message.ack()
            replayed += 1
    return replayed


def main(argv=None):
    from services.common.config import load_config
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["list", "replay"])
    parser.add_argument("service")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    uri = load_config()["AMQP_URI"]
    if args.command == "list":
        print(json.dumps(list_dead_letters(uri, args.service, args.limit or 100), indent=2,
                         ensure_ascii=False))
    else:
        print("replayed {} message(s) from {}.dlq".format(replay(uri, args.service, args.limit),
                                                            args.service))
    return 0


if __name__ == "__main__":
    sys.exit(main())
