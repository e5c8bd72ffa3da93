"""MongoDB as a nameko dependency: one database per service, indexes at start, outbox relay.

`mongomock://...` selects the embedded store (one per URI per process, so a container restarted
in the same process finds its data, as a real database would keep it).
"""
import logging
from weakref import WeakKeyDictionary

import eventlet
import mongomock
import pymongo
from nameko.amqp.publish import Publisher
from nameko.constants import AMQP_URI_CONFIG_KEY
from nameko.extensions import DependencyProvider
from nameko.standalone.events import get_event_exchange

from services.common import logcontext
from services.common.outbox import OutboxRelay

_log = logging.getLogger(__name__)
_EMBEDDED_CLIENTS = {}


def get_client(uri):
    if uri.startswith("mongomock://"):
        if uri not in _EMBEDDED_CLIENTS:
            _EMBEDDED_CLIENTS[uri] = mongomock.MongoClient()
        return _EMBEDDED_CLIENTS[uri]
    return pymongo.MongoClient(uri, serverSelectionTimeoutMS=3000, connectTimeoutMS=3000)


def database_for(config, service_name):
    client = get_client(config.get("MONGO_URI", "mongomock://localhost"))
    return client[config.get("MONGO_DB_PREFIX", "") + service_name]


class Storage(DependencyProvider):
    """Gives each worker a `store_cls` instance; publishes what the worker wrote once it is done."""

    def __init__(self, store_cls):
        self.store_cls = store_cls
        self._sweeper = None
        self._stores = WeakKeyDictionary()

    def setup(self):
        config = self.container.config
        self.db = database_for(config, self.container.service_name)
        self.store_cls(self.db).ensure_indexes()
        exchange = get_event_exchange(self.store_cls.service_name, config)
        publisher = Publisher(config[AMQP_URI_CONFIG_KEY], use_confirms=True, declare=[exchange])
        self.relay = OutboxRelay(self.db, self.store_cls.outbox_collections, publisher, exchange,
                                 service=self.container.service_name)
        self.sweep_seconds = float(config.get("OUTBOX_SWEEP_SECONDS", 2))
        self.grace_seconds = float(config.get("OUTBOX_GRACE_SECONDS", 5))

    def start(self):
        self._sweeper = self.container.spawn_managed_thread(self._sweep_forever,
                                                            identifier="outbox-sweeper")

    def stop(self):
        if self._sweeper is not None:
            self._sweeper.kill()
            self._sweeper = None

    kill = stop

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
        if store is None or not store.written:
            return
        try:
            self.relay.publish_documents(store.written)
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
