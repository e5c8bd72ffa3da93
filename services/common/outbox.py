"""The relay: publishes outbox entries with publisher confirms, then removes them from the outbox.

Workers hand the documents they wrote to the relay, which publishes whatever is pending in batches
(one confirm wait per batch, see confirms.py); a periodic sweep publishes entries left behind (for
instance by a process killed between its write and its publish). At-least-once: an event may be
published twice after a crash, never lost; consumers apply each event id once. Per document, events
leave in the order they were written: only a confirmed prefix of an outbox is marked sent.
"""
import logging
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager

from eventlet.semaphore import Semaphore

from services.common import metrics

_log = logging.getLogger(__name__)
SWEEP_BATCH = 200
PUBLISH_BATCH = 500     # documents per confirm wait
MARK_SENT_BATCH = 100   # documents per "mark sent" update (each compares its entries with the batch's ids)


class OutboxRelay:
    def __init__(self, db, collections, publisher, service=None):
        self.service = service
        self.db = db
        self.collections = collections
        self.publisher = publisher      # a ConfirmedBatchPublisher
        self._locks = {}   # (collection, _id) -> Semaphore: one relay at a time per document

    def publish_documents(self, refs):
        """Publish the pending events of the given (collection, _id) documents; the number confirmed."""
        refs = sorted(dict.fromkeys(refs), key=str)
        published = 0
        for start in range(0, len(refs), PUBLISH_BATCH):
            chunk = refs[start:start + PUBLISH_BATCH]
            with ExitStack() as stack:
                for ref in chunk:
                    stack.enter_context(self._document_lock(ref, wait=True))
                published += self._publish(self._load(chunk))
        return published

    def sweep(self, grace_seconds):
        """Publish events that stayed in an outbox longer than `grace_seconds`."""
        cutoff = time.time() - grace_seconds
        published = 0
        for collection in self.collections:
            cursor = self.db[collection].find({"_outbox.at": {"$lt": cutoff}}, {"_id": 1})
            refs = [(collection, document["_id"]) for document in cursor.limit(SWEEP_BATCH)]
            with ExitStack() as stack:
                # A document a worker is relaying right now is left to that worker's flush.
                mine = [ref for ref in refs if stack.enter_context(self._document_lock(ref, wait=False))]
                published += self._publish(self._load(mine), cutoff)
        return published

    def _load(self, refs):
        ids = defaultdict(list)
        for collection, doc_id in refs:
            ids[collection].append(doc_id)
        return [(collection, document) for collection, doc_ids in ids.items()
                for document in self.db[collection].find({"_id": {"$in": doc_ids}}, {"_outbox": 1})]

    def _publish(self, documents, cutoff=None):
        messages = []
        for collection, document in documents:
            for entry in document.get("_outbox", []):
                if cutoff is not None and entry["at"] >= cutoff:
                    break  # keep the document's order: later entries wait for their own flush
                messages.append(((collection, document["_id"], entry["id"], entry["routing_key"]),
                                 entry["envelope"], entry["routing_key"], entry["id"]))
        confirmed = set(self.publisher.publish(messages))
        sent, interrupted = defaultdict(list), set()
        for key, *_ in messages:
            collection, doc_id, entry_id, routing_key = key
            if (collection, doc_id) in interrupted:
                continue
            if key in confirmed:
                sent[(collection, doc_id)].append(entry_id)
                metrics.count(self.service, "published", routing_key)
            else:
                interrupted.add((collection, doc_id))   # the document's confirmed prefix ends here
        self._mark_sent(sent)
        return sum(map(len, sent.values()))

    def _mark_sent(self, sent):
        """Few updates: entry ids are unique, so pulling a batch's ids from each of its documents is exact."""
        documents = defaultdict(list)
        for collection, doc_id in sent:
            documents[collection].append(doc_id)
        for collection, doc_ids in documents.items():
            for start in range(0, len(doc_ids), MARK_SENT_BATCH):
                chunk = doc_ids[start:start + MARK_SENT_BATCH]
                ids = [entry_id for doc_id in chunk for entry_id in sent[(collection, doc_id)]]
                self.db[collection].update_many({"_id": {"$in": chunk}}, {"$pull": {"_outbox": {"id": {"$in": ids}}}})

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
