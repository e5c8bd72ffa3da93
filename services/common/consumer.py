"""`reliable_event_handler`: nameko's event_handler with validation, bounded retries and a DLQ.

- the CloudEvents envelope is validated before the handler runs; a malformed one goes straight to
  `<service>.dlq` (retrying cannot fix it), as does a payload the handler's schema rejects;
- a handler that raises anything else is retried after each delay of EVENT_RETRY_DELAYS_MS (via
  TTL queues, so no hot requeue loop), then dead-lettered with the error recorded in headers;
- storage being unreachable is retried at the longest delay until it returns (never dead-lettered);
- an event whose CloudEvents `source` is not the service whose exchange it came from is refused
  straight to the DLQ: a service's broker identity may write only to its own `<service>.events`
  (services/common/broker_setup.py), so the exchange authenticates the publisher and a `source`
  claiming another service is forged (or a bug);
- a body that cannot be decoded (not JSON, or a content type the service does not accept) goes to the
  DLQ with its raw bytes and the decode error in headers, instead of kombu's log-and-ack;
- the original message is acknowledged only after its retry or dead-letter copy is confirmed by
  the broker; if that publish fails, the message is requeued, so it is never acked-and-lost;
- an event is parked once per handler queue: after the DLQ copy is confirmed, `<queue>:<event id>`
  is recorded in the service's own database (`DeadLetterLog`), and a second delivery of the same
  event (at-least-once) that fails again is acknowledged without a second DLQ copy. A message an
  operator replayed from the DLQ (`x-replayed-from-dlq`) is parked again if it fails again.
- deliveries that arrive together are run in batches (up to EVENT_BATCH_SIZE) by one worker, each event by
  the handler as it would be alone: a batch saves the per-worker cost of nameko, and each event keeps its
  own outcome (acknowledged, retried or parked on its own) and its own correlation id.
Idempotency of the effects is the store's job (`BaseStore.commit(applied_event=...)`).
"""
import functools
import logging
import sys
import time
import traceback
from datetime import datetime, timezone
from functools import partial

import eventlet
from eventlet.semaphore import Semaphore
from kombu import Connection, Queue, binding
from kombu.exceptions import SerializationError, SerializerNotInstalled
from marshmallow import ValidationError
from pymongo.errors import ConnectionFailure, DuplicateKeyError, PyMongoError
from nameko.amqp.publish import Publisher
from nameko.constants import AMQP_URI_CONFIG_KEY
from nameko.events import EventHandler
from nameko.exceptions import ContainerBeingKilled
from nameko.extensions import register_entrypoint
from nameko.messaging import QueueConsumer

from services.common import logcontext, metrics, topology, wire
from services.common.envelope import SOURCE_PREFIX, InvalidEnvelope, validate_envelope
from services.common.errors import Invalid
from services.common.mongo import database_for

_log = logging.getLogger(__name__)
DEFAULT_RETRY_DELAYS_MS = (1000, 5000, 30000)
DEFAULT_BATCH_SIZE = 50
DEAD_LETTER_LOG_COLLECTION = "dead_lettered_events"
# A parking claim older than this was left by a worker that died before publishing: taken over.
DEAD_LETTER_CLAIM_STALE_SECONDS = 60


class ForgedSource(ValueError):
    """The event's `source` names another service than the exchange it was published on."""


class UndecodableBody(ValueError):
    """The message body could not be decoded (kombu's DecodeError or ContentDisallowed)."""


NOT_RETRIABLE = (InvalidEnvelope, ValidationError, Invalid, ForgedSource, UndecodableBody)
# Storage down is not the event's fault: such failures are retried at the longest delay for as long
# as it takes, never dead-lettered, so nothing is lost however long the outage lasts.
STORAGE_DOWN = (ConnectionFailure,)


class DeadLetterLog:
    """Which events a service parked, per handler queue, in the service's own database.

    Two deliveries of one failing event may fail at the same moment in two workers, so a worker first
    *claims* the parking (an insert on a unique _id: one wins), publishes the DLQ copy, then marks it
    parked. A claim left by a worker that died before publishing goes stale and is taken over, so a
    claim never loses an event. Only operations that both MongoDB and mongomock support.
    """
    CLAIMED, PARKED, BUSY = "claimed", "parked", "busy"

    def __init__(self, db, stale_after_seconds=DEAD_LETTER_CLAIM_STALE_SECONDS):
        self.collection = db[DEAD_LETTER_LOG_COLLECTION]
        self.stale_after = stale_after_seconds

    @staticmethod
    def key(queue, event_id):
        return "{}:{}".format(queue, event_id)

    def claim(self, queue, event_id, now):
        """CLAIMED: park it; PARKED: already in the DLQ; BUSY: another worker is parking it right now."""
        key = self.key(queue, event_id)
        try:
            self.collection.insert_one({"_id": key, "queue": queue, "event_id": event_id, "state": "parking",
                                        "claimed_at": now})
            return self.CLAIMED
        except DuplicateKeyError:
            pass
        found = self.collection.find_one({"_id": key}) or {}
        if found.get("state", "parked") == "parked":      # entries written before claims were kept: parked
            return self.PARKED
        if found.get("claimed_at", now) > now - self.stale_after:
            return self.BUSY
        taken = self.collection.update_one({"_id": key, "state": "parking", "claimed_at": found["claimed_at"]},
                                           {"$set": {"claimed_at": now}})
        return self.CLAIMED if taken.matched_count else self.BUSY

    def mark_parked(self, queue, event_id, when):
        self.collection.update_one({"_id": self.key(queue, event_id)},
                                   {"$set": {"queue": queue, "event_id": event_id, "state": "parked", "at": when}},
                                   upsert=True)

    def release(self, queue, event_id):
        """The DLQ copy could not be published: let the next delivery claim it again."""
        self.collection.delete_one({"_id": self.key(queue, event_id), "state": "parking"})


def event_handler_workers(config, max_workers):
    """How many of a process's `max_workers` its event handlers may hold at once (EVENT_HANDLER_WORKERS;
    default half, at least one): the rest stay free for the gateway's RPCs, so a burst of events (an import,
    a replay) cannot take every worker while a request waits for one (docs/architecture.md, "Interactive
    work first")."""
    wanted = config.get("EVENT_HANDLER_WORKERS") or max(1, max_workers // 2)
    return max(1, min(int(wanted), max_workers))


class ReliableQueueConsumer(QueueConsumer):
    """nameko's QueueConsumer, except that a provider with `handle_undecodable` gets the messages
    kombu cannot decode (kombu's default, ConsumerMixin.on_decode_error, logs and acks them: lost).

    A shared extension of its own class, so the reliable event handlers of a container share one
    consumer connection, apart from the RPC entrypoints' (whose decode errors stay nameko's).
    """

    @property
    def prefetch_count(self):
        """Unacknowledged events the connection may hold (PREFETCH_COUNT; nameko's own: max_workers)."""
        return int(self.container.config.get("PREFETCH_COUNT") or self.container.max_workers)

    @property
    def accept(self):
        # Events arrive in the CloudEvents structured format (services/common/wire.py), or as plain JSON.
        return list(dict.fromkeys(list(self.container.accept) + list(wire.ACCEPTED)))

    def setup(self):
        super().setup()
        # The service topology (retry, requeue and dead-letter exchanges and queues) its handlers declare
        # at start: every handler of a container declares the same, so the first one does, once.
        self.topology_lock = Semaphore()
        self.declared_topologies = set()
        self.event_slots = Semaphore(event_handler_workers(self.container.config, self.container.max_workers))

    def get_consumers(self, consumer_cls, channel):
        consumers = super().get_consumers(consumer_cls, channel)
        for provider, consumer in self._consumers.items():
            handler = getattr(provider, "handle_undecodable", None)
            if handler is not None:
                consumer.on_decode_error = handler
        return consumers


class ReliableEventHandler(EventHandler):

    queue_consumer = ReliableQueueConsumer()

    @classmethod
    def decorator(cls, *args, **kwargs):
        """nameko's entrypoint decorator, registering on the method made batch-aware (`runs_event_batches`)."""
        def registering(handler):
            method = runs_event_batches(handler)
            register_entrypoint(method, cls(*args, **kwargs))
            return method
        return registering

    def setup(self):
        super().setup()
        config = self.container.config
        service = self.container.service_name
        self.retry_delays = [int(d) for d in config.get("EVENT_RETRY_DELAYS_MS", DEFAULT_RETRY_DELAYS_MS)]
        self.expected_source = SOURCE_PREFIX + self.source_service
        # Bound without declaring: broker_setup declared every `<service>.events`, and declaring
        # another service's exchange would need configure permission on it.
        self.queue = Queue(self.queue.name, durable=True, bindings=[
            binding(topology.foreign_events_exchange(self.source_service), routing_key=self.event_type),
            binding(topology.requeue_exchange(service), routing_key=self.queue.name),
        ])
        self.publisher = Publisher(config[AMQP_URI_CONFIG_KEY], use_confirms=True,
                                   declare=topology.service_topology(service, self.retry_delays))
        self._dead_letter_log = None
        self.batch_size = max(1, int(config.get("EVENT_BATCH_SIZE") or DEFAULT_BATCH_SIZE))
        self._pending = []          # checked deliveries (body, message) waiting for a worker
        self._flushing = False      # a thread is handing the pending deliveries to workers

    @property
    def dead_letter_log(self):
        # Opened at the first failure only: most handlers never park anything.
        if self._dead_letter_log is None:
            self._dead_letter_log = DeadLetterLog(database_for(self.container.config,
                                                               self.container.service_name))
        return self._dead_letter_log

    def start(self):
        # Declared up front so operators (and a replay) find `<service>.dlq` before any failure; once per
        # container (a connection and a dozen declarations each, for the five to eight handlers of a service).
        wanted = (self.container.service_name, tuple(self.retry_delays))
        with self.queue_consumer.topology_lock:
            if wanted not in self.queue_consumer.declared_topologies:
                with Connection(self.container.config[AMQP_URI_CONFIG_KEY], connect_timeout=10) as connection:
                    channel = connection.default_channel
                    for entity in topology.service_topology(*wanted):
                        entity.maybe_bind(channel)
                        entity.declare()
                self.queue_consumer.declared_topologies.add(wanted)
        super().start()

    def handle_message(self, body, message):
        """Called in a thread of its own per delivery (nameko's QueueConsumer). A checked delivery joins the
        pending ones; the first thread to find none being handed out hands them to workers, a batch at a
        time, each batch waiting for one of the event handlers' slots (`event_handler_workers`), held until
        its outcomes are settled. While it waits, the deliveries arriving meanwhile join the next batch."""
        if not self._checked(body, message):
            return
        self._pending.append((body, message))
        if self._flushing:
            return
        self._flushing = True
        try:
            eventlet.sleep(0)       # the deliveries already read from the socket join this first batch
            while self._pending:
                self.queue_consumer.event_slots.acquire()
                batch, self._pending = self._pending[:self.batch_size], self._pending[self.batch_size:]
                if not self._spawn(batch):
                    self.queue_consumer.event_slots.release()
        finally:
            self._flushing = False

    def _checked(self, body, message):
        """The envelope is valid and its source is the exchange's service; otherwise the delivery is parked."""
        try:
            validate_envelope(body)
        except InvalidEnvelope as error:
            self._settle_failure(message, error, "".join(traceback.format_exception_only(error)),
                                 retriable=False, event_id=_event_id(message))
            return False
        if body["source"] != self.expected_source:
            error = ForgedSource("source {!r} on {}.events, expected {!r}".format(
                body["source"], self.source_service, self.expected_source))
            self._settle_failure(message, error, str(error), retriable=False, event_id=body["id"])
            return False
        message.headers.setdefault("nameko.correlation_id", body["correlationid"])
        return True

    def _spawn(self, batch):
        """One worker for the batch; False (every delivery requeued) when the container is being killed."""
        try:
            self.container.spawn_worker(self, (EventBatch(batch),), {},
                                        context_data=self.unpack_message_headers(batch[0][1]),
                                        handle_result=partial(self._settle_batch, batch))
        except ContainerBeingKilled:
            for _, message in batch:
                self.queue_consumer.requeue_message(message)
            return False
        return True

    def _settle_batch(self, batch, worker_ctx, result=None, exc_info=None):
        """Each delivery as it went: the batch's outcomes, or, when the worker itself failed (a dependency
        could not be set up), that failure for every one of them."""
        try:
            outcomes = result if exc_info is None else [exc_info] * len(batch)
            for (_, message), outcome in zip(batch, outcomes):
                self.handle_message_processed(message, None, outcome)
        finally:
            self.queue_consumer.event_slots.release()
        return result, exc_info

    def handle_undecodable(self, message, error):
        """kombu's on_decode_error, called in the consumer thread: park it from a thread of its own,
        as nameko handles every message, so the consumer keeps draining meanwhile."""
        reason = UndecodableBody("{}: {}".format(type(error).__name__, error))
        self.container.spawn_managed_thread(
            partial(self._settle_failure, message, reason, str(reason), retriable=False,
                    extra_headers={"x-decode-error": str(reason)[:1000]}),
            identifier="{}.handle_undecodable".format(type(self).__name__))

    def handle_message_processed(self, message, result=None, exc_info=None):
        if exc_info is None:
            self.queue_consumer.ack_message(message)
            metrics.count(self.container.service_name, "consumed", self.event_type)
            return
        error = exc_info[1]
        details = "".join(traceback.format_exception(*exc_info))[-4000:]
        self._settle_failure(message, error, details, retriable=not isinstance(error, NOT_RETRIABLE),
                             event_id=_event_id(message))

    def _settle_failure(self, message, error, details, retriable, event_id=None, extra_headers=None):
        headers = dict(message.headers or {})
        attempt = int(headers.get("x-retry-count", 0))
        service = self.container.service_name
        headers.update({"x-last-error": "{}: {}".format(type(error).__name__, error)[:1000],
                        "x-original-queue": self.queue.name}, **(extra_headers or {}))
        delay = self._retry_delay(error, attempt, retriable)
        try:
            if delay is not None:
                if not isinstance(error, STORAGE_DOWN):   # an outage does not use up the retries
                    headers["x-retry-count"] = attempt + 1
                self._republish(message, headers, topology.retry_exchange(service, delay), self.queue.name)
                metrics.count(service, "retried", self.event_type)
                _log.warning("event %s failed (%s); retry in %d ms", self.queue.name, error, delay)
            else:
                self._dead_letter(message, headers, error, details, attempt, event_id)
        except Exception:
            _log.exception("could not park failed event; requeueing it")
            self.queue_consumer.requeue_message(message)
            return
        self.queue_consumer.ack_message(message)

    def _dead_letter(self, message, headers, error, details, attempt, event_id):
        """Park the message in `<service>.dlq` once per event id and handler queue (DeadLetterLog)."""
        service = self.container.service_name
        claim = self._claim(event_id, headers)
        if claim == DeadLetterLog.PARKED:
            metrics.count(service, "already_dead_lettered", self.event_type)
            _log.warning("event %s %s failed again; already in %s.dlq, not parked twice",
                         self.queue.name, event_id, service)
            return
        if claim == DeadLetterLog.BUSY:
            # Another worker is parking the same event right now: look again after the longest delay,
            # when it is parked (then dropped as a duplicate) or its claim has gone stale.
            self._republish(message, headers, topology.retry_exchange(service, self.retry_delays[-1]),
                            self.queue.name)
            return
        headers.update({"x-error": headers["x-last-error"], "x-traceback": details,
                        "x-dead-lettered-at": datetime.now(timezone.utc).isoformat()})
        try:
            self._republish(message, headers, topology.dead_letter_exchange(service),
                            topology.dead_letter_routing_key(service))
        except Exception:
            self._log_call(DeadLetterLog.release, event_id)
            raise
        self._log_call(DeadLetterLog.mark_parked, event_id, headers["x-dead-lettered-at"])
        metrics.count(service, "dead_lettered", self.event_type)
        _log.error("event %s dead-lettered after %d attempt(s): %s", self.queue.name, attempt + 1, error)

    def _claim(self, event_id, headers):
        """An operator's replay came out of the DLQ, so it is parked again if it fails again. When the log
        cannot be reached, park: a duplicate in the DLQ beats a loss."""
        if event_id is None or headers.get("x-replayed-from-dlq"):
            return DeadLetterLog.CLAIMED
        try:
            return self.dead_letter_log.claim(self.queue.name, event_id, time.time())
        except PyMongoError:
            _log.warning("dead-letter log unreachable; parking %s without the duplicate check", event_id,
                         exc_info=True)
            return DeadLetterLog.CLAIMED

    def _log_call(self, operation, event_id, *args):
        if event_id is None:
            return
        try:
            operation(self.dead_letter_log, self.queue.name, event_id, *args)
        except PyMongoError:
            _log.warning("dead-letter log: could not %s %s; a redelivery may park it again",
                         operation.__name__, event_id, exc_info=True)

    def _retry_delay(self, error, attempt, retriable):
        """Milliseconds before the next try, or None: dead-letter it."""
        if isinstance(error, STORAGE_DOWN):
            return self.retry_delays[-1]
        if retriable and attempt < len(self.retry_delays):
            return self.retry_delays[attempt]
        return None

    def _republish(self, message, headers, exchange, routing_key):
        # The raw body is passed through untouched (content_type set => kombu does not re-encode;
        # a message without one is labelled as bytes rather than serialised again).
        self.publisher.publish(message.body, exchange=exchange, routing_key=routing_key,
                               headers=headers,
                               content_type=message.content_type or "application/octet-stream",
                               content_encoding=message.content_encoding or "binary",
                               message_id=message.properties.get("message_id"))


def _event_id(message):
    """The CloudEvents id of a decoded message, when it has one."""
    try:
        body = message.payload
    except (SerializationError, SerializerNotInstalled):   # undecodable: no id to deduplicate by
        return None
    event_id = body.get("id") if isinstance(body, dict) else None
    return event_id if isinstance(event_id, str) else None


class EventBatch:
    """Deliveries of one handler's queue run by one worker: each event through the handler as if alone."""

    def __init__(self, deliveries):
        self.deliveries = deliveries        # [(body, message)]

    def __len__(self):
        return len(self.deliveries)

    def run(self, service, handler):
        """[None | exc_info] per delivery. Each event's writes carry its own correlation id (the store's, and
        the log's), as they would in a worker of its own."""
        store = getattr(service, "store", None)
        outcomes = []
        for body, message in self.deliveries:
            correlation_id = message.headers.get("nameko.correlation_id") or body.get("correlationid")
            logcontext.set_correlation_id(correlation_id)
            if hasattr(store, "correlation_id"):
                store.correlation_id = correlation_id
            try:
                handler(service, body)
                outcomes.append(None)
            except Exception:
                outcomes.append(sys.exc_info())
        return outcomes

    def run_whole(self, service, handler):
        """A `whole_batches` handler: the events at once, its per-event errors as exc_info."""
        errors = handler(service, [body for body, _ in self.deliveries])
        return [None if error is None else (type(error), error, error.__traceback__) for error in errors]


def whole_batches(handler):
    """Marks a handler that takes a batch's events at once, for a write it can make in bulk (the archive):
    `handler(self, events)` returns, per event, None or the exception that event failed with; raising fails
    them all. Called with one event (a test, a replay), it gets a list of one and raises that event's error."""
    handler.takes_whole_batches = True
    return handler


def runs_event_batches(handler):
    """`handler(self, event)` is written for one event; the entrypoint gives it an EventBatch, which runs it
    per event (or at once: `whole_batches`). Idempotent: a method carrying several entrypoints (the archive's,
    one per source) is wrapped once."""
    if getattr(handler, "runs_event_batches", False):
        return handler
    whole = getattr(handler, "takes_whole_batches", False)

    @functools.wraps(handler)
    def handle(self, event):
        if isinstance(event, EventBatch):
            return event.run_whole(self, handler) if whole else event.run(self, handler)
        if whole:
            (error,) = handler(self, [event])
            if error is not None:
                raise error
            return None
        return handler(self, event)
    handle.runs_event_batches = True
    return handle


reliable_event_handler = ReliableEventHandler.decorator
