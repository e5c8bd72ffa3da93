"""Subscriptions storage (the only module here that speaks pymongo): agencies, the event archive, webhook
endpoints and their deliveries, dropped-event counters."""

import time
import uuid
from dataclasses import dataclass

from pymongo import ASCENDING
from pymongo.errors import BulkWriteError, DuplicateKeyError

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
# A range of cursors handed out but not yet written is abandoned after this long (its writer died): readers
# then move past it, and its cursors stay unused.
PENDING_RANGE_SECONDS = 60


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
        given.

        Never a skipped event, with any number of subscriptions replicas (issue 24): the range of cursors is
        taken and marked pending in one atomic update of the counter, and unmarked once written; readers stop
        below the lowest pending range (`archive_head`), so a reader never moves past cursor n while a replica
        is still writing it, even when later cursors were written first."""
        ids = [envelope["id"] for envelope, *_ in entries]
        archived = {document["_id"] for document in self.db[ARCHIVE].find({"_id": {"$in": ids}}, {"_id": 1})}
        fresh = []
        for entry in entries:
            if entry[0]["id"] not in archived:
                archived.add(entry[0]["id"])
                fresh.append(entry)
        if not fresh:
            return []
        first = self._reserve_cursors(len(fresh))
        documents = [{"_id": envelope["id"], "cursor": first + offset, "type": event_type,
                      "data_class": data_class, "addressed_to": addressed_to, "archived_at": now,
                      "event": envelope}
                     for offset, (envelope, event_type, data_class, addressed_to) in enumerate(fresh)]
        try:
            self.db[ARCHIVE].insert_many(documents, ordered=False)
        except BulkWriteError:      # some archived meanwhile by another replica: gaps, never copies
            pass
        self._written(first)
        return [document["cursor"] for document in documents]

    def _reserve_cursors(self, count):
        """The first of `count` consecutive cursors, their range marked pending in the same single-document
        update (conditional on the value read, taken again when another replica took cursors meanwhile): a
        reader can never see the new value without the mark."""
        while True:
            counter = self.db[COUNTERS].find_one({"_id": ARCHIVE_COUNTER}) or {"value": 0}
            first = counter["value"] + 1
            mark = {"first": first, "at": time.time()}
            if "_id" not in counter:
                try:
                    self.db[COUNTERS].insert_one({"_id": ARCHIVE_COUNTER, "value": count, "pending": [mark]})
                    return first
                except DuplicateKeyError:       # another replica made it first
                    continue
            taken = self.db[COUNTERS].update_one({"_id": ARCHIVE_COUNTER, "value": counter["value"]},
                                                 {"$inc": {"value": count}, "$push": {"pending": mark}})
            if taken.matched_count:
                return first

    def _written(self, first):
        self.db[COUNTERS].update_one({"_id": ARCHIVE_COUNTER}, {"$pull": {"pending": {"first": first}}})

    def archive_head(self, now=None):
        """The newest cursor below which every cursor is written (or abandoned): what a reader may read up to."""
        counter = self.db[COUNTERS].find_one({"_id": ARCHIVE_COUNTER})
        if not counter:
            return 0
        cutoff = (now if now is not None else time.time()) - PENDING_RANGE_SECONDS
        pending = [entry["first"] for entry in counter.get("pending", []) if entry["at"] >= cutoff]
        return min(pending) - 1 if pending else counter["value"]

    def archived_after(self, after, limit, types=None, addressed_to=None):
        """Archived events with a cursor above `after` up to the head (`archive_head`), in cursor order: of
        `types` (None: every type) and addressed to nobody, plus those addressed to `addressed_to` (another
        agency's notices never)."""
        query = {"cursor": {"$gt": after, "$lte": self.archive_head()}}
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

    def deliveries_of(self, endpoint_id, status, offset, limit):
        query = {"endpoint_id": endpoint_id}
        if status:
            query["status"] = status
        return self.page_of(DELIVERIES, Delivery, query, [("created_at", ASCENDING)], offset, limit)

    # --- webhook claims (issue 24): replicas share the due deliveries -----------------------------
    # Kept apart from the rest: every replica's dispatcher claims a due delivery, and one of its endpoint's
    # lanes, before attempting it. Claims change no `_version`: a claim is not a change of the delivery,
    # and the attempt's own versioned save must not collide with it.
    def claim_delivery(self, endpoint_id, due_by, by, lanes, at, seconds):
        """(Delivery, DeliveryClaim) of the endpoint's next delivery due by `due_by`, claimed by replica `by`
        until `at + seconds` (epoch seconds), together with one of the endpoint's `lanes`; None when nothing
        is due or every lane is held (the delivery is let go again at once).

        The delivery: one conditional update on its document (unclaimed, or its claim expired), so a due
        delivery is attempted by exactly one replica, and a dead replica's claim is taken over after it
        expires. The lanes: fields of the endpoint's dispatch document (`lanes.<n>`), each claimed the same
        way, so at most `lanes` attempts per endpoint run at once across every replica (a per-process count
        allowed that many per replica)."""
        token, until = uuid.uuid4().hex, at + seconds
        document = self.db[DELIVERIES].find_one_and_update(
            {"endpoint_id": endpoint_id, "status": "PENDING", "next_attempt_at": {"$lte": due_by.isoformat()},
             "claimed_until": {"$not": {"$gt": at}}},
            {"$set": {"claimed_by": by, "claim_token": token, "claimed_until": until}},
            sort=[("next_attempt_at", ASCENDING)], projection={"_applied": 0, "_outbox": 0})
        if document is None:
            return None
        for lane in range(lanes):
            field = "lanes.{}".format(lane)
            taken = self.db[DISPATCHED].find_one_and_update(
                {"_id": endpoint_id, field + ".until": {"$not": {"$gt": at}}},
                {"$set": {field: {"by": by, "token": token, "delivery_id": document["_id"], "until": until}}},
                projection={"_id": 1})
            if taken is not None:
                return from_document(Delivery, document), DeliveryClaim(document["_id"], endpoint_id, lane, token, by)
        self.db[DELIVERIES].update_one({"_id": document["_id"], "claim_token": token}, {"$set": {"claimed_until": 0}})
        return None

    def renew_delivery_claim(self, claim, at, seconds):
        """Whether `claim` still holds its delivery and its lane, pushed on to `at + seconds` (right before the
        attempt: a claim may wait for a free sending slot of its process). False once another replica took
        either over (this one's claim had expired): the attempt is then left to that replica."""
        until, lane = at + seconds, "lanes.{}".format(claim.lane)
        held = self.db[DELIVERIES].update_one({"_id": claim.delivery_id, "claim_token": claim.token},
                                              {"$set": {"claimed_until": until}}).matched_count
        return bool(held) and self.db[DISPATCHED].update_one(
            {"_id": claim.endpoint_id, lane + ".token": claim.token}, {"$set": {lane + ".until": until}}).matched_count == 1

    def release_delivery_claim(self, claim):
        """The attempt is over (recorded, or not made): its delivery and lane are free again. `claimed_by`
        stays, naming the replica that made the last attempt."""
        lane = "lanes.{}".format(claim.lane)
        self.db[DELIVERIES].update_one({"_id": claim.delivery_id, "claim_token": claim.token},
                                       {"$set": {"claimed_until": 0}})
        self.db[DISPATCHED].update_one({"_id": claim.endpoint_id, lane + ".token": claim.token},
                                       {"$set": {lane + ".until": 0}})

    def attempts_in_flight(self, endpoint_id, at):
        """How many of the endpoint's lanes are held at `at` (by any replica)."""
        document = self.db[DISPATCHED].find_one({"_id": endpoint_id}, {"lanes": 1}) or {}
        return sum(1 for lane in (document.get("lanes") or {}).values() if lane.get("until", 0) > at)


@dataclass(frozen=True)
class DeliveryClaim:
    """One replica's claim on one delivery and one lane of its endpoint. `token` is this claim's own: a
    renewal or release by an older claim of the same delivery (one that expired) matches nothing."""
    delivery_id: str
    endpoint_id: str
    lane: int
    token: str
    by: str
