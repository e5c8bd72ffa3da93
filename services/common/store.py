"""Base of every service's store: one atomic MongoDB write carries a state change and its events.

Why embedded outboxes: a document's new state, the events it produces (`_outbox`) and the ids of the
events already applied to it (`_applied`) change in one single-document write, which is atomic on
every MongoDB deployment (and in mongomock) without multi-document transactions. The relay
(services/common/outbox.py) publishes `_outbox` entries with confirms and then pulls them.
"""
import base64
import json
import logging
import math
import time
import uuid
from contextlib import contextmanager

from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from services.common.envelope import new_event, sequence_of
from services.common.documents import from_document, to_document
from services.common.errors import ConcurrentUpdate, Conflict, Invalid, NotFound
from services.common.projections import apply_in_order, keep_incoming
from services.common.schemas import shared
from services.common.summaries import buckets_of

_log = logging.getLogger(__name__)

APPLIED_EVENTS_KEPT = 500
DECODE_CHUNK = 1000          # ids per `$in` when decoding changed documents (bounded, issue 16)
# Decoded documents on a real MongoDB: (client, collection, class) -> memo (embedded: kept on the collection).
_MEMOS = {}
# Reads of the state leave out the write bookkeeping (up to APPLIED_EVENTS_KEPT ids, pending events,
# summary buckets to recount).
STATE_ONLY = {"_applied": 0, "_outbox": 0, "_recount": 0, "_recount_at": 0}
SUMMARIES = "summaries"      # every store's counters (services/common/summaries.py), its sequence, build marks
RECOUNT_BATCH = 200
BULK_NOTE_BEAT_SECONDS = 10        # a bulk write's note is refreshed this often...
BULK_NOTE_DEAD_SECONDS = 120       # ...and taken for its dead process's after this long without


class BaseStore:
    service_name = None          # set by each service's store
    event_schemas = {}           # DomainEvent class -> marshmallow schema of its payload (PUBLISHED_EVENTS)
    outbox_collections = ()      # collections whose documents may carry an `_outbox`
    summaries = ()               # Summary declarations: counters kept beside collections (summaries.py)

    def __init__(self, db, correlation_id=None):
        self.db = db
        self.correlation_id = correlation_id
        self.written = []        # (collection, _id) with fresh outbox entries, for the relay
        self._read = {}          # (collection, _id) -> the document as get_versioned read it
        self._deferred = None    # inside recounts_deferred(): the buckets whose recount waits for its end
        self._bulk_note = None   # and its note: [id, when it last said it is alive]

    # --- indexes -------------------------------------------------------------------------------
    def ensure_indexes(self):
        for name in self.outbox_collections:
            self.db[name].create_index([("_outbox.at", ASCENDING)], name="outbox_pending")
        self.create_indexes()
        if self.summaries:
            self.db[SUMMARIES].create_index([("summary", ASCENDING)], name="summary_name")
            for name in {summary.collection for summary in self.summaries}:
                self.db[name].create_index([("_recount_at", ASCENDING)], sparse=True, name="recount_pending")
            self.build_summaries()

    def create_indexes(self):
        """Each store declares its own indexes here."""

    # --- the one write primitive ------------------------------------------------------------
    def commit(self, collection, doc_id, state, events=(), expected_version=None,
               applied_event=None, duplicate_error=None, exists_ok=False):
        """Insert (expected_version None) or update one document with its events, atomically.

        Returns False, writing nothing, when `applied_event` was already applied to that document
        (or, with `exists_ok`, when a document with that id already exists);
        raises ConcurrentUpdate when the document changed since `expected_version` was read.
        """
        coll = self.db[collection]
        # Each event carries the version this write gives the document (the version check makes it exact).
        outbox = self._outbox_entries(events, doc_id, 1 if expected_version is None else expected_version + 1)
        marks = self._summary_marks(collection, doc_id, expected_version, state)
        if marks and self._deferred is not None:      # a bulk write: its end recounts (recounts_deferred)
            self._deferred.update(marks)
            marks = []
            self._beat()
        if expected_version is None:
            document = dict(state, _id=doc_id, _version=1, _outbox=outbox,
                            _applied=[applied_event] if applied_event else [])
            if marks:
                document.update(_recount=marks, _recount_at=time.time())
            try:
                coll.insert_one(document)
            except DuplicateKeyError:
                if exists_ok or (applied_event and self._already_applied(coll, doc_id, applied_event)):
                    return False
                raise duplicate_error or Conflict("{} {} already exists".format(collection, doc_id))
        else:
            query = {"_id": doc_id, "_version": expected_version}
            push = {"_outbox": {"$each": outbox}}
            if applied_event:
                query["_applied"] = {"$ne": applied_event}
                push["_applied"] = {"$each": [applied_event], "$slice": -APPLIED_EVENTS_KEPT}
            update = {"$inc": {"_version": 1}, "$push": push}
            changed = self._changed_fields(collection, doc_id, expected_version, state)
            if marks:     # in the same write: a change that moves a counter cannot be lost
                changed = dict(changed, _recount_at=time.time())
                update["$addToSet"] = {"_recount": {"$each": marks}}
            if changed:
                update["$set"] = changed
            result = coll.update_one(query, update)
            if result.matched_count == 0:
                if applied_event and self._already_applied(coll, doc_id, applied_event):
                    return False
                raise ConcurrentUpdate("{} {} changed meanwhile; retry".format(collection, doc_id))
        if outbox:
            self.written.append((collection, doc_id))
        if marks:
            self._recount_now(collection, doc_id)
        return True

    def project(self, collection, cls, incoming, applied_event, merge=keep_incoming):
        """Store news about another service's entity (`incoming`, carrying `source_version` and
        `source_time`) in order: older news than what is stored changes nothing
        (services/common/projections.py), the same event id twice has one effect. Returns the copy kept,
        or None when the news was older."""
        current, version = self.get_versioned(collection, cls, incoming.id)
        kept = apply_in_order(current, incoming, merge)
        if kept is None:
            return None
        raced = ConcurrentUpdate("{} {} was projected meanwhile; retry".format(collection, incoming.id))
        self.commit(collection, incoming.id, self.state_of(kept), expected_version=version,
                    applied_event=applied_event, duplicate_error=raced)
        return kept

    # --- summaries (services/common/summaries.py) --------------------------------------------
    def _summaries_of(self, collection):
        return [summary for summary in self.summaries if summary.collection == collection]

    def _summary_marks(self, collection, doc_id, expected_version, state):
        """The buckets a write leaves and enters ([] when it moves no counter)."""
        summaries = self._summaries_of(collection)
        if not summaries:
            return []
        before = None
        if expected_version is not None:
            read = self._read.get((collection, doc_id))
            before = read if read is not None and read["_version"] == expected_version else \
                self.db[collection].find_one({"_id": doc_id, "_version": expected_version}, STATE_ONLY)
        left, entered = buckets_of(summaries, before), buckets_of(summaries, state)
        return [] if left == entered else sorted(set(left) | set(entered))

    @contextmanager
    def recounts_deferred(self):
        """A bulk write (an import, a migration): the buckets its writes move are recounted once at its end
        instead of after each write, and its documents carry no marks (at 436,000 ratings the marks cost
        200 MB of memory). A note in the summaries' collection says a bulk write is under way: a process that
        dies before the end leaves it, and the next start builds those summaries again from the documents
        (build_summaries)."""
        if self._deferred is not None:          # inside another: that one recounts
            yield
            return
        note = "rebuild:{}".format(uuid.uuid4().hex)
        now = time.time()
        self.db[SUMMARIES].insert_one({"_id": note, "summaries": [summary.name for summary in self.summaries],
                                       "started_at": now, "alive_at": now})
        self._deferred, self._bulk_note = set(), [note, now]
        try:
            yield
        finally:
            buckets, self._deferred, self._bulk_note = self._deferred, None, None
            for bucket in sorted(buckets):
                self.recount(bucket)
            self.db[SUMMARIES].delete_one({"_id": note})

    def _beat(self):
        """A bulk write's note says it is alive (a start rebuilds only after notes that stopped beating)."""
        note, last = self._bulk_note
        now = time.time()
        if now - last >= BULK_NOTE_BEAT_SECONDS:
            self.db[SUMMARIES].update_one({"_id": note}, {"$set": {"alive_at": now}})
            self._bulk_note[1] = now

    def _recount_now(self, collection, doc_id):
        """Recount what the write just marked; a failure leaves the mark to the sweep (the write stands)."""
        try:
            self.recount_document(collection, doc_id)
        except Exception:       # noqa: BLE001 - the counters are put right by recount_marked
            _log.warning("summary recount of %s %s left to the sweep", collection, doc_id, exc_info=True)

    def recount_document(self, collection, doc_id):
        """Recount the buckets `doc_id` is marked with, then unmark it unless it was written again since
        (that write recounts, or the sweep does)."""
        document = self.db[collection].find_one({"_id": doc_id}, {"_recount": 1, "_version": 1})
        if not document or not document.get("_recount"):
            return
        for bucket in document["_recount"]:
            self.recount(bucket)
        self.db[collection].update_one({"_id": doc_id, "_version": document["_version"]},
                                       {"$unset": {"_recount": "", "_recount_at": ""}})

    def recount(self, bucket):
        """Set `bucket`'s counter to a fresh count, unless a count numbered after this one is there. A bucket
        of no summary declared now (one renamed or removed since it was marked) has nothing to count."""
        summary = next((summary for summary in self.summaries if summary.owns(bucket)), None)
        if summary is None:
            return
        number = self.db[SUMMARIES].find_one_and_update(
            {"_id": "sequence"}, {"$inc": {"value": 1}}, upsert=True, return_document=ReturnDocument.AFTER)["value"]
        count = self.db[summary.collection].count_documents(summary.counted_by(bucket))
        try:
            self.db[SUMMARIES].update_one({"_id": bucket, "number": {"$lt": number}},
                                          {"$set": dict(summary.counter(bucket, count), number=number)}, upsert=True)
        except DuplicateKeyError:
            pass        # a later count holds the bucket: it saw every write this one saw

    def recount_marked(self, grace_seconds):
        """The sweep: recount documents marked longer than `grace_seconds` ago (their writer died or
        failed before recounting); the number of documents recounted."""
        cutoff, done = time.time() - grace_seconds, 0
        for collection in sorted({summary.collection for summary in self.summaries}):
            marked = self.db[collection].find({"_recount_at": {"$lt": cutoff}}, {"_id": 1}).limit(RECOUNT_BATCH)
            for document in list(marked):
                try:
                    self.recount_document(collection, document["_id"])
                    done += 1
                except Exception:     # noqa: BLE001 - one document must not hold up the others
                    _log.warning("summary sweep could not recount %s %s", collection, document["_id"],
                                 exc_info=True)
        return done

    def build_summaries(self):
        """Count every bucket of a summary declared since the data was written (once: a mark remembers it),
        or moved by a bulk write whose process died (its note stopped beating); a process that dies half-way
        builds again at its next start. A summary whose dimensions changed starts from no counters: the old
        ones name other buckets."""
        notes = list(self.db[SUMMARIES].find({"_id": {"$regex": "^rebuild:"}}))
        dead = [note for note in notes if note.get("alive_at", 0) < time.time() - BULK_NOTE_DEAD_SECONDS]
        for summary in self.summaries:
            mark = "built:{}:{}:{}".format(summary.name, summary.dimensions, summary.where)
            built = self.db[SUMMARIES].count_documents({"_id": mark}, limit=1)
            if built and not any(summary.name in note["summaries"] for note in dead):
                continue
            if not built:
                self.db[SUMMARIES].delete_many({"summary": summary.name})
            fields = {field: 1 for field in [dimension.field for dimension in summary.dimensions] +
                      [field for field, _ in summary.where]}
            buckets = {summary.bucket(document) for document in self.db[summary.collection].find({}, fields)}
            buckets |= {counter["_id"] for counter in self.db[SUMMARIES].find({"summary": summary.name}, {"_id": 1})}
            for bucket in sorted(buckets - {None}):
                self.recount(bucket)
            self.db[SUMMARIES].update_one({"_id": mark}, {"$set": {"built_at": time.time()}}, upsert=True)
        for note in dead:
            self.db[SUMMARIES].delete_one({"_id": note["_id"], "alive_at": note.get("alive_at")})

    def counters(self, summary, **match):
        """The counter documents of `summary` whose dimensions match (a list: any of its values)."""
        query = {"summary": summary.name}
        for name, value in match.items():
            if isinstance(value, (list, tuple, set, frozenset)):
                query[name] = {"$in": [getattr(item, "value", item) for item in value]}
            elif value is not None:
                query[name] = getattr(value, "value", value)     # an enum: its stored code
        return list(self.db[SUMMARIES].find(query, {"_id": 0}))

    def _changed_fields(self, collection, doc_id, expected_version, state):
        """The fields of `state` that differ from the document read at `expected_version` (all of
        them when it was not read here): the version check makes the rest already stored."""
        read = self._read.pop((collection, doc_id), None)
        if read is None or read["_version"] != expected_version:
            return state
        return {key: value for key, value in state.items() if key not in read or read[key] != value}

    def _already_applied(self, coll, doc_id, event_id):
        return coll.count_documents({"_id": doc_id, "_applied": event_id}, limit=1) > 0

    def _outbox_entries(self, events, doc_id, version):
        """The events of a write of `doc_id` at `version`, in their order. Those about the document itself
        carry `sequence`: that version, then their position among them, so that no two events about one
        subject share a place in its order. An event about another entity (probation_ended names the
        official, its write is the probation's) carries none: this document's version does not count that
        entity's changes, and its consumers order it by time."""
        entries, position = [], 0
        for event in events:
            sequence = None
            if str(event.subject) == str(doc_id):
                position += 1
                sequence = sequence_of(version, position)
            entries.append(self._outbox_entry(event, sequence))
        return entries

    def _outbox_entry(self, event, sequence=None):
        """The typed event as an outbox entry: routing key from its class, payload from its fields dumped
        (and validated by new_event) through the schema its class has in the service's catalog."""
        schema = self.event_schemas.get(type(event))
        if schema is None:
            raise ValueError("event {} ({!r}) is not in {}'s catalog".format(
                type(event).__name__, getattr(event, "event_type", None), self.service_name))
        data = shared(schema).dump(event.data)
        envelope = new_event(self.service_name, event.event_type, data, event.subject,
                             correlation_id=self.correlation_id, data_schema=schema, sequence=sequence)
        return {"id": envelope["id"], "routing_key": event.event_type, "at": time.time(),
                "envelope": envelope}

    # --- operations --------------------------------------------------------------------------
    def ping(self):
        self.db.command("ping")
        return "ok"

    def outbox_pending(self):
        return sum(self.db[name].count_documents({"_outbox.0": {"$exists": True}})
                   for name in self.outbox_collections)

    # --- mapping and reading helpers -------------------------------------------------------
    @staticmethod
    def state_of(entity):
        """A domain dataclass as the stored fields of its document (the id is the document's _id)."""
        document = to_document(entity)
        document.pop("id", None)
        return document

    def get_versioned(self, collection, cls, doc_id, label=None):
        """(entity, version) to change and commit at that version; commit() then writes only the
        fields that changed. A missing document: NotFound naming `label`, or (None, None) without one."""
        document = self._state(collection, doc_id, label)
        if document is None:
            return None, None
        self._read[(collection, doc_id)] = document
        return from_document(cls, document), document["_version"]

    def get_entity(self, collection, cls, doc_id, label):
        return from_document(cls, self._state(collection, doc_id, label))

    def _state(self, collection, doc_id, label):
        """The stored state of one document; missing: NotFound naming `label`, or None without one."""
        document = self.db[collection].find_one({"_id": doc_id}, STATE_ONLY)
        if document is None and label:
            raise NotFound("{} {} not found".format(label, doc_id))
        return document

    def entities(self, collection, cls, query):
        """Every `cls` matching `query`, each document decoded once per version and kept for this process
        (reports read every official of a scope: reading only `_version` of those unchanged, and
        decoding only the changed ones, instead of copying and decoding every document per request).
        A document changed since is decoded again: every write increments its `_version`."""
        memo = self._memo(collection, cls)
        heads = [(d["_id"], d["_version"]) for d in self.db[collection].find(query, {"_version": 1})]
        changed = [doc_id for doc_id, version in heads if memo.get(doc_id, (None,))[0] != version]
        for start in range(0, len(changed), DECODE_CHUNK):
            for document in self.db[collection].find({"_id": {"$in": changed[start:start + DECODE_CHUNK]}},
                                                     STATE_ONLY):
                memo[document["_id"]] = (document["_version"], from_document(cls, document), {})
        return [memo[doc_id][1] for doc_id, _ in heads if doc_id in memo]

    def _memo(self, collection, cls):
        coll = self.db[collection]
        stored = getattr(coll, "_store", None)        # the embedded store: with the collection's documents
        if stored is not None and hasattr(stored, "_documents"):
            memos = stored.__dict__.setdefault("_decoded", {})
            entry = memos.get(cls)
            if entry is None or entry[0] is not stored._documents:     # dropped and recreated: start again
                entry = memos[cls] = (stored._documents, {})
            return entry[1]
        return _MEMOS.setdefault((id(self.db.client), coll.full_name, cls), {})

    def page_of(self, collection, cls, query, sort, offset, limit):
        """(one page of `cls` matching `query` in `sort` order, the total). A short page tells the total
        itself (nothing further matches), so only a full page costs a count."""
        cursor = self.db[collection].find(query, STATE_ONLY).sort(sort).skip(offset).limit(limit)
        documents = list(cursor)
        if (limit == 0 or len(documents) < limit) and (documents or offset == 0):   # limit 0: every document
            total = offset + len(documents)
        else:
            total = self.db[collection].count_documents(query)
        return [from_document(cls, document) for document in documents], total

    def keyset_page(self, collection, cls, query, keys, after, offset, limit, total=True):
        """(one page of `cls` matching `query` in `keys` order, the total or None when not asked, the cursor
        of the page after it or None after the last page). `keys`: field names (ascending) or (field,
        direction) pairs, the last one unique (e.g. `_id`).

        `after` (a cursor this returned) starts after that document by a range on the keys, which an index on
        `keys` answers at any depth; without it `offset` skips as before. The cursor is opaque to callers."""
        keys = [(key, ASCENDING) if isinstance(key, str) else key for key in keys]
        if after:
            values = _cursor_values(after, len(keys))
            ranges = [dict({field: values[i] for i, (field, _) in enumerate(keys[:position])},
                           **{keys[position][0]: {"$gt" if keys[position][1] == ASCENDING else "$lt":
                                                  values[position]}})
                      for position in range(len(keys))]
            paged = {"$and": [query, {"$or": ranges}]} if query else {"$or": ranges}
            offset = 0
        else:
            paged = query
        cursor = self.db[collection].find(paged, STATE_ONLY).sort(keys)
        documents = list(cursor.skip(offset).limit(limit))
        full = limit and len(documents) == limit
        following = _cursor_of([_field(documents[-1], field) for field, _ in keys]) if full else None
        if not total:
            count = None
        elif not after and (limit == 0 or len(documents) < limit) and (documents or offset == 0):
            count = offset + len(documents)
        else:
            count = self.db[collection].count_documents(query)
        return [from_document(cls, document) for document in documents], count, following


def _field(document, path):
    """The value at a dotted path of a document (None when absent)."""
    for part in path.split("."):
        document = document.get(part) if isinstance(document, dict) else None
    return document


def _cursor_of(values):
    return base64.urlsafe_b64encode(json.dumps(values, ensure_ascii=False).encode()).decode().rstrip("=")


def _cursor_value(value):
    """A value a cursor may carry: null, a string, or a number BSON holds (a 64-bit integer, a finite float);
    anything else names no row of a list (and a larger integer cannot even be sent to MongoDB)."""
    if value is None or isinstance(value, str):
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -2 ** 63 <= value < 2 ** 63
    return isinstance(value, float) and math.isfinite(value)


def _cursor_values(cursor, count):
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError:
        values = None
    if not isinstance(values, list) or len(values) != count or not all(map(_cursor_value, values)):
        raise Invalid("not a cursor of this list", fields={"after": ["use the `next` of the previous page"]})
    return values
