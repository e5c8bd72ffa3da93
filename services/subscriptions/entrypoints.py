"""The subscriptions service's own extensions: the archive's consumers, the overflow consumer, and the
dependencies that reach the broker's management API and agencies' webhook endpoints."""
import logging
import time
from datetime import timedelta

import eventlet
from eventlet.semaphore import Semaphore
from urllib.parse import urlparse

from kombu import Exchange, Queue, binding
from nameko.constants import AMQP_URI_CONFIG_KEY
from nameko.extensions import DependencyProvider
from nameko.messaging import Consumer

from services.common import broker_setup, topology
from services.common.config import flag
from services.common.leases import replica_id
from services.common.consumer import ReliableEventHandler, ReliableQueueConsumer
from services.subscriptions.events_consumed import ARCHIVED_SOURCES
from services.subscriptions.broker import OVERFLOW_EXCHANGE, OVERFLOW_QUEUE, AgencyBroker, BrokerUnavailable
from services.subscriptions.domain.webhooks import Attempt
from services.subscriptions.webhook_sender import WebhookSender

_log = logging.getLogger(__name__)
# Every publishing service, this one included (its own notices are archived like the rest).
SOURCES = ARCHIVED_SOURCES


class ArchiveHandler(ReliableEventHandler):
    """Every event of one source service (routing key `#`), with the reliable handler's envelope and source
    checks, retries and DLQ. Its queue is `evt-<source>-all--subscriptions.<method>`."""

    def __init__(self, source_service, **kwargs):
        super().__init__(source_service, "#", **kwargs)

    def setup(self):
        super().setup()
        service = self.container.service_name
        name = "evt-{}-all--{}.{}".format(self.source_service, service, self.method_name)
        self.queue = Queue(name, durable=True, bindings=[
            binding(topology.foreign_events_exchange(self.source_service), routing_key="#"),
            binding(topology.requeue_exchange(service), routing_key=name)])


def archive_every_event(function):
    """One archiving method consuming every source's exchange (one queue per source)."""
    for source in SOURCES:
        function = ArchiveHandler.decorator(source)(function)
    return function


class OverflowConsumer(Consumer):
    """Messages the broker dropped from a full agency queue (dead-lettered with reason `maxlen`). The
    handler receives (event, agency name); an event in another format is counted all the same."""
    queue_consumer = ReliableQueueConsumer()     # accepts the CloudEvents content type

    def __init__(self, **kwargs):
        exchange = Exchange(OVERFLOW_EXCHANGE, type="fanout", durable=True)
        super().__init__(queue=Queue(OVERFLOW_QUEUE, exchange=exchange, durable=True,
                                     queue_arguments={"x-max-length": 1_000_000, "x-overflow": "drop-head"}),
                         **kwargs)

    def handle_message(self, body, message):
        headers = message.headers or {}
        queue = headers.get("x-first-death-queue") or ""
        self.container.spawn_worker(self, (body, queue.partition(".")[2]), {},
                                    handle_result=lambda worker_ctx, result=None, exc_info=None:
                                    self._settle(message, result, exc_info))

    def _settle(self, message, result, exc_info):
        self.queue_consumer.ack_message(message)     # a count may be lost, never an event: it is archived
        return result, exc_info

    def handle_undecodable(self, message, error):
        self.queue_consumer.ack_message(message)


consume_overflow = OverflowConsumer.decorator


class Broker(DependencyProvider):
    """The AgencyBroker of this deployment (config: RABBITMQ_MANAGEMENT_URL, AGENCY_USER_PREFIX,
    AGENCY_QUEUE_MAX_LENGTH), on the vhost of AMQP_URI."""

    def setup(self):
        config = self.container.config
        self.broker = AgencyBroker(
            broker_setup.Management(config.get("RABBITMQ_MANAGEMENT_URL")),
            broker_setup.vhost_of(config[AMQP_URI_CONFIG_KEY]),
            user_prefix=config.get("AGENCY_USER_PREFIX") or broker_setup.AGENCY_USER_PREFIX,
            queue_max_length=config.get("AGENCY_QUEUE_MAX_LENGTH", 100_000))
        self.broker.amqp_host = urlparse(config[AMQP_URI_CONFIG_KEY]).hostname

    def start(self):
        # The queue policy before any agency queue can fill; the reconciliation timer retries a failure.
        try:
            self.broker.apply_policies()
        except BrokerUnavailable:
            _log.warning("agency queue policy not applied yet: the management API is unavailable", exc_info=True)

    def get_dependency(self, worker_ctx):
        return self.broker


class Settings(DependencyProvider):
    """The service's settings, read once (docs/agencies.md lists them; .env.example documents them)."""

    def setup(self):
        config = self.container.config
        delays = config.get("WEBHOOK_RETRY_DELAYS_SECONDS")
        self.settings = {
            "retention": timedelta(days=float(config.get("ARCHIVE_RETENTION_DAYS", 400))),
            "lag_notice_interval": timedelta(seconds=float(config.get("AGENCY_LAG_NOTICE_SECONDS", 3600))),
            "retry_delays": tuple(float(delay) for delay in delays) if delays else None,
            "disable_after": timedelta(hours=float(config.get("WEBHOOK_DISABLE_AFTER_HOURS", 120))),
            "secret_overlap": timedelta(hours=float(config.get("WEBHOOK_SECRET_OVERLAP_HOURS", 24))),
            "allow_insecure_http": flag(config.get("WEBHOOK_ALLOW_HTTP", False)),
            "max_endpoints": int(config.get("WEBHOOK_MAX_ENDPOINTS_PER_AGENCY", 5)),
        }

    def get_dependency(self, worker_ctx):
        return self.settings


class Webhooks(DependencyProvider):
    """Sends webhook deliveries in managed threads of their own, so that the dispatch timer never waits for a
    receiver: at most WEBHOOK_CONCURRENCY attempts at once in this process, each under a hard deadline (a
    receiver answering a byte at a time cannot hold one for longer).

    Every replica's dispatcher sends, so what one replica may send is decided in the database, not here
    (issue 24): a delivery is claimed, with one of its endpoint's PER_ENDPOINT_IN_FLIGHT lanes, before its
    attempt (SubscriptionsStore.claim_delivery), so each due delivery is attempted by one replica and an
    endpoint has at most that many attempts running across all of them (a slow or hostile receiver holds
    two, not all). A claim lasts WEBHOOK_CLAIM_SECONDS from the attempt's start: longer than the hard
    deadline, so it never expires under a live attempt, and a dead replica's claims are taken over after it."""
    PER_ENDPOINT_IN_FLIGHT = 2

    def setup(self):
        config = self.container.config
        self.timeout = float(config.get("WEBHOOK_TIMEOUT_SECONDS", 10))
        self.claim_seconds = float(config.get("WEBHOOK_CLAIM_SECONDS", 60))
        if self.claim_seconds <= self.timeout * 2:
            raise ValueError("WEBHOOK_CLAIM_SECONDS ({}) must exceed an attempt's hard deadline, twice "
                             "WEBHOOK_TIMEOUT_SECONDS ({})".format(self.claim_seconds, self.timeout * 2))
        networks = config.get("WEBHOOK_PRIVATE_NETWORKS") or []
        self.sender = WebhookSender(timeout_seconds=self.timeout, allowed_networks=networks)
        self.slots = Semaphore(int(config.get("WEBHOOK_CONCURRENCY", 10)))
        self.replica = replica_id()       # `claimed_by` of this replica's claims

    def get_dependency(self, worker_ctx):
        return self

    def deliver(self, url, envelope, secrets, message_id, now):
        """The sender's Attempt, or a timed-out one after twice the timeout, whatever the receiver does."""
        started = time.monotonic()
        with eventlet.Timeout(self.timeout * 2, False):
            return self.sender.deliver(url, envelope, secrets, message_id, now)
        return Attempt(at=now, status_code=None, latency_ms=round((time.monotonic() - started) * 1000),
                       error="no complete answer within {} s".format(self.timeout * 2))

    def start_attempt(self, delivery, attempt):
        """Run `attempt(delivery)` (a claimed delivery) in a thread of its own, once a sending slot is free."""
        def run():
            with self.slots:
                attempt(delivery)
        self.container.spawn_managed_thread(run, identifier="webhook-delivery")
        return True
