"""MongoDB as a nameko dependency: one database per service, indexes at start, outbox relay.

`mongomock://...` selects the embedded store (one per URI per process, so a container restarted
in the same process finds its data, as a real database would keep it); any other URI a MongoDB
client, also one per URI per process.
"""
import logging
from weakref import WeakKeyDictionary

import eventlet
import mongomock
import pymongo
import pymongo.uri_parser
from eventlet.queue import LightQueue
from nameko.constants import AMQP_URI_CONFIG_KEY
from nameko.extensions import DependencyProvider
from nameko.standalone.events import get_event_exchange

from services.common import embedded, embedded_guard, logcontext
from services.common.confirms import ConfirmedBatchPublisher
from services.common.leases import ensure_indexes_once
from services.common.outbox import PUBLISH_BATCH, OutboxRelay

_log = logging.getLogger(__name__)
_CLIENTS = {}           # URI -> the process's one client for it
STOP_FLUSH_SECONDS = 30
_STOP = object()        # queued by stop(): everything written before it is relayed first


def get_client(uri):
    """The process's client for `uri`, made at the first call. One per URI, as pymongo advises: each
    MongoClient has its own connection pool and monitor threads (a handshake per connection, a heartbeat
    every 10 s), and none was ever closed, so a client per store (each service's Storage, the gateway's,
    a consumer's dead-letter log) multiplied them, and the test suite, which starts a system per test,
    leaked them by the hundred."""
    client = _CLIENTS.get(uri)
    if client is None:
        client = _new_client(uri)
        kept = _CLIENTS.setdefault(uri, client)     # containers start side by side: one made wins
        if kept is not client:
            client.close()
        client = kept
    return client


# A real MongoDB's client, unless MONGO_URI sets an option itself (pymongo would let these override the URI):
# - w=majority, journaled: a write is acknowledged once a majority of a replica set has it on disk, so a commit
#   and the events in its outbox cannot be rolled back by a failover after the relay has published them;
# - majority reads: what a command reads to decide a write, and what the relay reads to publish, are
#   majority-committed, never a primary's write that a failover could undo;
# - timeouts that ride out an election (10-12 s with the defaults of a replica set): a primary going away is a
#   wait, not an error, and wtimeout bounds a write waiting for a majority that is not there.
# On a single server (a trial, the wire-protocol tests) these are what it does anyway. docs/architecture.md,
# "Storage durability".
DURABLE_CLIENT_OPTIONS = {
    "w": "majority", "journal": True, "wTimeoutMS": 10000, "readConcernLevel": "majority",
    "serverSelectionTimeoutMS": 30000, "connectTimeoutMS": 10000, "socketTimeoutMS": 60000,
    "retryWrites": True, "retryReads": True,
}


def client_options(uri):
    """DURABLE_CLIENT_OPTIONS, less those the URI sets itself."""
    given = pymongo.uri_parser.parse_uri(uri)["options"]
    return {name: value for name, value in DURABLE_CLIENT_OPTIONS.items() if name not in given}


def _new_client(uri):
    if uri.startswith("mongomock://"):
        embedded.install()
        return mongomock.MongoClient()
    return pymongo.MongoClient(uri, **client_options(uri))


def database_for(config, service_name):
    client = get_client(config.get("MONGO_URI", "mongomock://localhost"))
    return client[config.get("MONGO_DB_PREFIX", "") + service_name]


class Storage(DependencyProvider):
    """Gives each worker a `store_cls` instance; relays what the workers wrote.

    A finished worker hands its written documents to a relay thread, which publishes every document
    waiting at that moment as one batch. The worker does not wait for the broker: its writes are
    already durable with their events, and a sweep publishes whatever a crash leaves behind.
    """

    def __init__(self, store_cls):
        self.store_cls = store_cls
        self._relay_thread = self._sweeper = None
        self._stores = WeakKeyDictionary()

    def setup(self):
        config = self.container.config
        embedded_guard.hold(config, self.container.service_name)     # one process per service on the embedded store
        self._held = True
        self.db = database_for(config, self.container.service_name)
        ensure_indexes_once(self.store_cls(self.db), config)     # summaries built by one replica at a time
        exchange = get_event_exchange(self.store_cls.service_name, config)
        self.publisher = ConfirmedBatchPublisher(config[AMQP_URI_CONFIG_KEY], exchange)
        self.relay = OutboxRelay(self.db, self.store_cls.outbox_collections, self.publisher,
                                 service=self.container.service_name)
        self.sweep_seconds = float(config.get("OUTBOX_SWEEP_SECONDS", 2))
        self.grace_seconds = float(config.get("OUTBOX_GRACE_SECONDS", 5))
        self._written = LightQueue()

    def start(self):
        self._relay_thread = self.container.spawn_managed_thread(self._relay_forever, identifier="outbox-relay")
        self._sweeper = self.container.spawn_managed_thread(self._sweep_forever, identifier="outbox-sweeper")

    def stop(self):
        """Workers have finished (nameko stops dependencies after them): relay what they wrote, then stop."""
        if self._relay_thread is None:
            return self.kill()
        self._sweeper.kill()
        self._written.put(_STOP)
        with eventlet.Timeout(STOP_FLUSH_SECONDS, False):
            self._relay_thread.wait()
        self.kill()

    def kill(self):
        for thread in (self._sweeper, self._relay_thread):
            if thread is not None:
                thread.kill()
        self._sweeper = self._relay_thread = None
        self.publisher.close()
        if getattr(self, "_held", False):
            self._held = False
            embedded_guard.release(self.container.config, self.container.service_name)

    def worker_setup(self, worker_ctx):
        logcontext.set_correlation_id(worker_ctx.data.get("correlation_id"))

    def worker_teardown(self, worker_ctx):
        logcontext.set_correlation_id(None)

    def get_dependency(self, worker_ctx):
        store = self.store_cls(self.db, correlation_id=worker_ctx.data.get("correlation_id"))
        self._stores[worker_ctx] = store
        return store

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        store = self._stores.pop(worker_ctx, None)
        if store is not None and store.written:
            self._written.put(store.written)

    def _relay_forever(self):
        while True:
            refs = self._written.get()
            if refs is _STOP:
                return
            self._relay_batch(list(refs))

    def _relay_batch(self, refs):
        while self._written.qsize() and len(refs) < PUBLISH_BATCH:
            more = self._written.get_nowait()
            if more is _STOP:
                self._written.put(_STOP)   # after this batch
                break
            refs.extend(more)
        try:
            self.relay.publish_documents(refs)
        except Exception:  # the sweep publishes them later; nothing is lost
            _log.warning("outbox publish deferred to the sweep", exc_info=True)

    def _sweep_forever(self):
        while True:
            eventlet.sleep(self.sweep_seconds)
            try:
                count = self.relay.sweep(self.grace_seconds)
                if count:
                    _log.info("outbox sweep published %d left-behind event(s)", count)
            except Exception:
                _log.warning("outbox sweep failed; will retry", exc_info=True)
            if self.store_cls.summaries:
                try:
                    count = self.store_cls(self.db).recount_marked(self.grace_seconds)
                    if count:
                        _log.info("summary sweep recounted %d document(s) left marked", count)
                except Exception:
                    _log.warning("summary sweep failed; will retry", exc_info=True)
