"""Publishing a batch of messages with publisher confirms and a single wait for all of them.

nameko's Publisher (like kombu's `confirm_publish`) waits for the broker's confirm after every message:
one network round trip per event. The outbox relay instead puts its channel in confirm mode, publishes a
whole batch, then waits until the broker has acked or nacked every delivery tag (RabbitMQ may confirm
several at once with `multiple`). Only acked messages count as published; the rest stay in their
outbox and are sent again later, so nothing is lost when the broker fails mid-batch.
"""
import logging
import time

from eventlet.semaphore import Semaphore
from kombu import Connection, Producer

from services.common import wire

_log = logging.getLogger(__name__)


class ConfirmedBatchPublisher:
    def __init__(self, amqp_uri, exchange, confirm_timeout=30.0):
        self.amqp_uri = amqp_uri
        self.exchange = exchange
        self.confirm_timeout = confirm_timeout
        self._connection = self._channel = self._producer = None
        self._next_tag = 1
        self._waiting = {}          # delivery tag -> key, until the broker settles it
        self._acked = []
        self._lock = Semaphore(1)   # one batch at a time on the channel

    def publish(self, messages):
        """`messages`: [(key, body, routing_key, message_id)] -> the keys the broker confirmed, in order."""
        if not messages:
            return []
        with self._lock:
            self._acked = []
            try:
                self._open()
                for key, body, routing_key, message_id in messages:
                    self._waiting[self._next_tag] = key
                    self._next_tag += 1
                    # The CloudEvents AMQP binding, structured mode (services/common/wire.py).
                    properties = dict(wire.publish_properties(body), message_id=message_id)
                    self._producer.publish(body, exchange=self.exchange, routing_key=routing_key,
                                           delivery_mode=2, **properties)
                self._wait_for_confirms()
            except Exception:
                _log.warning("batch publish interrupted: %d of %d confirmed, the rest stays in the outbox",
                             len(self._acked), len(messages), exc_info=True)
                self.close()
            return list(self._acked)

    def close(self):
        connection, self._connection = self._connection, None
        self._channel = self._producer = None
        self._waiting.clear()
        if connection is not None:
            try:
                connection.release()
            except Exception:  # already broken; nothing more to release
                pass

    def _open(self):
        if self._connection is not None:
            return
        self._connection = Connection(self.amqp_uri, connect_timeout=5)
        self._channel = self._connection.channel()
        self._channel.confirm_select()
        self._channel.events["basic_ack"].add(self._on_ack)
        self._channel.events["basic_nack"].add(self._on_nack)
        self._next_tag = 1
        self.exchange(self._channel).declare()
        self._producer = Producer(self._channel, exchange=self.exchange)

    def _wait_for_confirms(self):
        deadline = time.monotonic() + self.confirm_timeout
        while self._waiting:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the broker did not confirm {} message(s)".format(len(self._waiting)))
            self._connection.drain_events(timeout=remaining)

    def _settled(self, delivery_tag, multiple):
        tags = [t for t in self._waiting if t <= delivery_tag] if multiple else [delivery_tag]
        return [self._waiting.pop(t) for t in sorted(tags) if t in self._waiting]

    def _on_ack(self, delivery_tag, multiple):
        self._acked.extend(self._settled(delivery_tag, multiple))

    def _on_nack(self, delivery_tag, multiple):
        refused = self._settled(delivery_tag, multiple)
        _log.warning("the broker refused %d message(s); they stay in the outbox", len(refused))
