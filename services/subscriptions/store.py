"""Subscriptions storage (the only module here that speaks pymongo): agencies, the event archive, webhook
endpoints and their deliveries, dropped-event counters."""

from eventlet.semaphore import Semaphore
from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import BulkWriteError

from services.common.documents import from_document
from services.common.repository import Aggregate
from services.common.store import BaseStore
from services.subscriptions.domain.agencies import Agency
from services.subscriptions.domain.webhooks import Delivery, Endpoint
from services.subscriptions.events_published import PUBLISHED_EVENTS

AGENCIES, ARCHIVE, COUNTERS, ENDPOINTS, DELIVERIES, DROPPED, DISPATCHED = (
    "agencies", "archive", "counters", "webhook_endpoints", "webhook_deliveries", "dropped_events",
    "webhook_dispatch")
ARCHIVE_COUNTER = "archive"
# Cursors are handed out and their events inserted one at a time in this process, so a reader paging by
# cursor never sees cursor n+1 before n is stored (one subscriptions instance: docs/agencies.md).
_ARCHIVE_LOCK = Semaphore(1)


class SubscriptionsStore(BaseStore):
    service_name = "subscriptions"
    event_schemas = PUBLISHED_EVENTS
    outbox_collections = (AGENCIES, ENDPOINTS)

    agencies = Aggregate(AGENCIES, Agency, "agency")
    endpoints = Aggregate(ENDPOINTS, Endpoint, "webhook endpoint")
    deliveries = Aggregate(DELIVERIES, Delivery, "webhook delivery")

    def create_indexes(self):
        self.db[ARCHIVE].create_index([("cursor", ASCENDING)], unique=True, name="archive_cursor")
        self.db[ARCHIVE].create_index([("type", ASCENDING), ("cursor", ASCENDING)], name="archive_type")
        self.db[ARCHIVE].create_index([("addressed_to", ASCENDING), ("cursor", ASCENDING)], name="archive_addressee")
        self.db[ARCHIVE].create_index([("archived_at", ASCENDING)], name="archive_age")
        self.db[ENDPOINTS].create_index([("agency", ASCENDING)], name="endpoint_agency")
        self.db[DELIVERIES].create_index([("endpoint_id", ASCENDING), ("status", ASCENDING),
                                          ("next_attempt_at", ASCENDING)], name="delivery_due")
        self.db[DELIVERIES].create_index([("endpoint_id", ASCENDING), ("created_at", ASCENDING)],
                                         name="delivery_endpoint")

    # --- the archive ----------------------------------------------------------------------------
    def archive_many(self, entries, now):
        """Append (envelope, type, data class, addressee) entries under consecutive cursors, in their order, in
        one insert: the ids already archived (and an id twice in the batch) are left out. Returns the cursors
        given."""
        with _ARCHIVE_LOCK:
            ids = [envelope["id"] for envelope, *_ in entries]
            archived = {document["_id"] for document in self.db[ARCHIVE].find({"_id": {"$in": ids}}, {"_id": 1})}
            fresh = []
            for entry in entries:
                if entry[0]["id"] not in archived:
                    archived.add(entry[0]["id"])
                    fresh.append(entry)
            if not fresh:
                return []
            counter = self.db[COUNTERS].find_one_and_update(
                {"_id": ARCHIVE_COUNTER}, {"$inc": {"value": len(fresh)}}, upsert=True,
                return_document=ReturnDocument.AFTER)
            first = counter["value"] - len(fresh) + 1
            documents = [{"_id": envelope["id"], "cursor": first + offset, "type": event_type,
                          "data_class": data_class, "addressed_to": addressed_to, "archived_at": now,
                          "event": envelope}
                         for offset, (envelope, event_type, data_class, addressed_to) in enumerate(fresh)]
            try:
                self.db[ARCHIVE].insert_many(documents, ordered=False)
            except BulkWriteError:      # some archived meanwhile by another instance: gaps, never copies
                pass
            return [document["cursor"] for document in documents]

    def archive_head(self):
        counter = self.db[COUNTERS].find_one({"_id": ARCHIVE_COUNTER})
        return counter["value"] if counter else 0

    def archived_after(self, after, limit, types=None, addressed_to=None):
        """Archived events with a cursor above `after`, in cursor order: of `types` (None: every type) and
        addressed to nobody, plus those addressed to `addressed_to` (another agency's notices never)."""
        query = {"cursor": {"$gt": after}}
        if types is not None:
            wanted = [{"type": {"$in": sorted(types)}}]
            if addressed_to:         # an agency reading: other agencies' notices are not its own
                wanted = [dict(wanted[0], addressed_to=None), {"addressed_to": addressed_to}]
            query["$or"] = wanted
        documents = self.db[ARCHIVE].find(query, {"cursor": 1, "event": 1, "type": 1}).sort(
            "cursor", ASCENDING).limit(limit)
        return [(document["cursor"], document["type"], document["event"]) for document in documents]

    def archived_event(self, event_id):
        document = self.db[ARCHIVE].find_one({"_id": event_id}, {"event": 1})
        return document["event"] if document else None

    def forget_archived_before(self, cutoff):
        return self.db[ARCHIVE].delete_many({"archived_at": {"$lt": cutoff}}).deleted_count

    # --- dropped events (counted per agency by the overflow consumer, folded into the agency) ----------
    def count_dropped(self, agency, event_id, now):
        self.db[DROPPED].update_one({"_id": agency},
                                    {"$inc": {"count": 1}, "$setOnInsert": {"first_event_id": event_id,
                                                                            "since": now}}, upsert=True)

    def dropped_counts(self):
        return list(self.db[DROPPED].find({"count": {"$gt": 0}}))

    def take_dropped(self, agency, count):
        """Subtract what was folded into the agency (drops counted meanwhile stay for the next round): one
        atomic decrement, then the counter goes only if nothing was counted since. Not delete-if-equal then
        decrement: a drop counted between those two calls made a fresh counter that the decrement took
        negative, and those drops were never told (seen over a real driver, where each call yields)."""
        self.db[DROPPED].update_one({"_id": agency}, {"$inc": {"count": -count}})
        self.db[DROPPED].delete_one({"_id": agency, "count": {"$lte": 0}})

    # --- agencies --------------------------------------------------------------------------------
    def list_agencies(self, status=None):
        query = {} if status is None else {"status": status}
        return [from_document(Agency, document) for document in
                self.db[AGENCIES].find(query, {"_applied": 0, "_outbox": 0}).sort("_id", ASCENDING)]

    def forget_agency(self, name):
        """Take back a registration whose broker objects could not be made (nothing was published for it)."""
        self.db[AGENCIES].delete_one({"_id": name})

    # --- webhooks --------------------------------------------------------------------------------
    def endpoints_of(self, agency=None, enabled=None):
        query = {} if agency is None else {"agency": agency}
        if enabled is not None:
            query["enabled"] = enabled
        return [from_document(Endpoint, document) for document in
                self.db[ENDPOINTS].find(query, {"_applied": 0, "_outbox": 0}).sort("created_at", ASCENDING)]

    def start_dispatch(self, endpoint_id, cursor):
        """Written before the endpoint itself: it receives what is archived after `cursor`, never the past
        (a crash in between leaves an unused mark, not an endpoint flooded with the whole archive)."""
        self.db[DISPATCHED].update_one({"_id": endpoint_id}, {"$setOnInsert": {"through": cursor}}, upsert=True)

    def set_dispatched_through(self, endpoint_id, cursor):
        """How far the archive was turned into deliveries for this endpoint (only ever forward)."""
        self.db[DISPATCHED].update_one({"_id": endpoint_id, "through": {"$lt": cursor}},
                                       {"$set": {"through": cursor}})

    def dispatched_through(self, endpoint_id):
        document = self.db[DISPATCHED].find_one({"_id": endpoint_id})
        return document["through"] if document else None

    def add_deliveries(self, deliveries):
        """Insert new deliveries; ones already there (a dispatch repeated after a crash) are skipped."""
        added = 0
        for delivery in deliveries:
            if self.deliveries.add(delivery, exists_ok=True):
                added += 1
        return added

    def due_deliveries(self, now, limit, endpoint_id):
        documents = self.db[DELIVERIES].find(
            {"endpoint_id": endpoint_id, "status": "PENDING", "next_attempt_at": {"$lte": now.isoformat()}},
            {"_applied": 0, "_outbox": 0}).sort("next_attempt_at", ASCENDING).limit(limit)
        return [from_document(Delivery, document) for document in documents]

    def deliveries_of(self, endpoint_id, status, offset, limit):
        query = {"endpoint_id": endpoint_id}
        if status:
            query["status"] = status
        return self.page_of(DELIVERIES, Delivery, query, [("created_at", ASCENDING)], offset, limit)
