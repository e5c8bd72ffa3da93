"""`reliable_event_handler`: nameko's event_handler with validation, bounded retries and a DLQ.

- the CloudEvents envelope is validated before the handler runs; a malformed one goes straight to
  `<service>.dlq` (retrying cannot fix it), as does a payload the handler's schema rejects;
- a handler that raises anything else is retried after each delay of EVENT_RETRY_DELAYS_MS (via
  TTL queues, so no hot requeue loop), then dead-lettered with the error recorded in headers;
- storage being unreachable is retried at the longest delay until it returns (never dead-lettered);
- the original message is acknowledged only after its retry or dead-letter copy is confirmed by
  the broker; if that publish fails, the message is requeued, so it is never acked-and-lost.
Idempotency is the store's job (`BaseStore.commit(applied_event=...)`).
"""
import logging
import traceback
from datetime import datetime, timezone

from kombu import Connection, Queue, binding
from marshmallow import ValidationError
from pymongo.errors import ConnectionFailure
from nameko.amqp.publish import Publisher
from nameko.constants import AMQP_URI_CONFIG_KEY
from nameko.events import EventHandler
from nameko.standalone.events import get_event_exchange

from services.common import metrics, topology
from services.common.envelope import InvalidEnvelope, validate_envelope
from services.common.errors import Invalid

_log = logging.getLogger(__name__)
DEFAULT_RETRY_DELAYS_MS = (1000, 5000, 30000)
NOT_RETRIABLE = (InvalidEnvelope, ValidationError, Invalid)
# Storage down is not the event's fault: such failures are retried at the longest delay for as long
# as it takes, never dead-lettered, so nothing is lost however long the outage lasts.
STORAGE_DOWN = (ConnectionFailure,)


class ReliableEventHandler(EventHandler):

    def setup(self):
        super().setup()
        config = self.container.config
        service = self.container.service_name
        self.retry_delays = [int(d) for d in config.get("EVENT_RETRY_DELAYS_MS", DEFAULT_RETRY_DELAYS_MS)]
        source_exchange = get_event_exchange(self.source_service, config)
        self.queue = Queue(self.queue.name, durable=True, bindings=[
            binding(source_exchange, routing_key=self.event_type),
            binding(topology.requeue_exchange(service), routing_key=self.queue.name),
        ])
        self.publisher = Publisher(config[AMQP_URI_CONFIG_KEY], use_confirms=True,
                                   declare=topology.service_topology(service, self.retry_delays))

    def start(self):
        # Declared up front so operators (and a replay) find `<service>.dlq` before any failure.
        with Connection(self.container.config[AMQP_URI_CONFIG_KEY], connect_timeout=10) as connection:
            channel = connection.default_channel
            for entity in topology.service_topology(self.container.service_name, self.retry_delays):
                entity.maybe_bind(channel)
                entity.declare()
        super().start()

    def handle_message(self, body, message):
        try:
            validate_envelope(body)
        except InvalidEnvelope as error:
            self._settle_failure(message, error, "".join(traceback.format_exception_only(error)),
                                 retriable=False)
            return
        message.headers.setdefault("nameko.correlation_id", body["correlationid"])
        super().handle_message(body, message)

    def handle_message_processed(self, message, result=None, exc_info=None):
        if exc_info is None:
            self.queue_consumer.ack_message(message)
            metrics.count(self.container.service_name, "consumed", self.event_type)
            return
        error = exc_info[1]
        details = "".join(traceback.format_exception(*exc_info))[-4000:]
        self._settle_failure(message, error, details, retriable=not isinstance(error, NOT_RETRIABLE))

    def _settle_failure(self, message, error, details, retriable):
        headers = dict(message.headers or {})
        attempt = int(headers.get("x-retry-count", 0))
        service = self.container.service_name
        headers.update({"x-last-error": "{}: {}".format(type(error).__name__, error)[:1000],
                        "x-original-queue": self.queue.name})
        delay = self._retry_delay(error, attempt, retriable)
        try:
            if delay is not None:
                if not isinstance(error, STORAGE_DOWN):   # an outage does not use up the retries
                    headers["x-retry-count"] = attempt + 1
                self._republish(message, headers, topology.retry_exchange(service, delay), self.queue.name)
                metrics.count(service, "retried", self.event_type)
                _log.warning("event %s failed (%s); retry in %d ms", self.queue.name, error, delay)
            else:
                headers.update({"x-error": headers["x-last-error"], "x-traceback": details,
                                "x-dead-lettered-at": datetime.now(timezone.utc).isoformat()})
                self._republish(message, headers, "", "{}.dlq".format(service))
                metrics.count(service, "dead_lettered", self.event_type)
                _log.error("event %s dead-lettered after %d attempt(s): %s", self.queue.name,
                           attempt + 1, error)
        except Exception:
            _log.exception("could not park failed event; requeueing it")
            self.queue_consumer.requeue_message(message)
            return
        self.queue_consumer.ack_message(message)

    def _retry_delay(self, error, attempt, retriable):
        """Milliseconds before the next try, or None: dead-letter it."""
        if isinstance(error, STORAGE_DOWN):
            return self.retry_delays[-1]
        if retriable and attempt < len(self.retry_delays):
            return self.retry_delays[attempt]
        return None

    def _republish(self, message, headers, exchange, routing_key):
        # The raw body is passed through untouched (content_type set => kombu does not re-encode).
        self.publisher.publish(message.body, exchange=exchange, routing_key=routing_key,
                               headers=headers, content_type=message.content_type,
                               content_encoding=message.content_encoding,
                               message_id=message.properties.get("message_id"))


reliable_event_handler = ReliableEventHandler.decorator
