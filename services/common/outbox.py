"""The relay: publishes outbox entries with publisher confirms, then removes them from the outbox.

Runs right after each worker that wrote events, and as a periodic sweep for entries left behind
(for instance by a process killed between its write and its publish). At-least-once: an event
may be published twice after a crash, never lost; consumers apply each event id once.
"""
import logging
import time
from contextlib import contextmanager

from eventlet.semaphore import Semaphore

from services.common import metrics

_log = logging.getLogger(__name__)
SWEEP_BATCH = 200


class OutboxRelay:
    def __init__(self, db, collections, publisher, exchange, service=None):
        self.service = service
        self.db = db
        self.collections = collections
        self.publisher = publisher
        self.exchange = exchange
        self._locks = {}   # (collection, _id) -> Semaphore: one relay at a time per document

    def publish_documents(self, refs):
        """Publish the pending events of the given (collection, _id) documents, in order."""
        published = 0
        for collection, doc_id in dict.fromkeys(refs):
            with self._document_lock((collection, doc_id), wait=True):
                document = self.db[collection].find_one({"_id": doc_id}, {"_outbox": 1})
                if document:
                    published += self._publish_document(collection, document)
        return published

    def sweep(self, grace_seconds):
        """Publish events that stayed in an outbox longer than `grace_seconds`."""
        cutoff = time.time() - grace_seconds
        published = 0
        for collection in self.collections:
            cursor = self.db[collection].find({"_outbox.at": {"$lt": cutoff}}, {"_outbox": 1})
            for document in list(cursor.limit(SWEEP_BATCH)):
                with self._document_lock((collection, document["_id"]), wait=False) as locked:
                    if not locked:
                        continue  # a worker is relaying this document right now
                    current = self.db[collection].find_one({"_id": document["_id"]}, {"_outbox": 1})
                    # Fresh entries are left to the flush of the worker that wrote them.
                    published += self._publish_document(collection, current or {}, cutoff)
        return published

    @contextmanager
    def _document_lock(self, key, wait):
        lock = self._locks.setdefault(key, Semaphore(1))
        acquired = lock.acquire(blocking=wait)
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()
                if lock.balance == 1:
                    self._locks.pop(key, None)


    def _publish_document(self, collection, document, cutoff=None):
        sent = []
        try:
            for entry in document.get("_outbox", []):
                if cutoff is not None and entry["at"] >= cutoff:
                    break  # keep the document's order: later entries wait for their own flush
                self.publisher.publish(
                    entry["envelope"], exchange=self.exchange, routing_key=entry["routing_key"],
                    message_id=entry["id"], serializer="json")
                sent.append(entry["id"])
                metrics.count(self.service, "published", entry["routing_key"])
        finally:
            # Whatever was confirmed leaves the outbox, even if a later publish failed.
            if sent:
                self.db[collection].update_one(
                    {"_id": document["_id"]}, {"$pull": {"_outbox": {"id": {"$in": sent}}}})
        return len(sent)
