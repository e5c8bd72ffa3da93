"""The embedded store (`mongomock://`) with the two lookups every service path makes answered the way
a MongoDB index would answer them, instead of by mongomock's scan of the whole collection.

mongomock evaluates its general filter matcher against every document for every query, update and
unique-index check, so a point read in a collection of N documents costs N matcher calls: the
services' event handlers spent ~70 % of their time there (see README, Performance). Fast paths that
change no result (every candidate still goes through mongomock's own matcher), and a hash index for
unique-index checks:

- a filter with an equality on `_id`, or `_id: {"$in": [...]}`, reads those documents from mongomock's
  `_id`-keyed dict;
- any other filter goes through embedded_indexes.py: an equality (or `$in`) on the first key of a
  declared index reads the ids that key's hash holds; plain equalities, `$ne`, `$in`, `$nin` and ranges
  on plain values are decided without the matcher; sorted, skipped and limited cursors copy only the
  documents of their window;
- a filter made only of range conditions (`$lt`, `$lte`, `$gt`, `$gte` on plain values; the shape of the
  outbox sweep's `{"_outbox.at": {"$lt": ...}}`, which every service runs every few seconds, OUTBOX_SWEEP_SECONDS)
  reads only the documents that hold a value in the condition's top-level field (not absent, not an
  empty array): a range never matches a missing value, and almost every document's outbox is empty. Those
  documents are kept, per field asked about, as a set of _ids that every write adds to (the hook of the
  unique-index check, which mongomock calls after each insert and update) and that reads prune, so the
  sweep costs what is pending instead of a scan of every document (MongoDB's `outbox_pending` index);
- documents taken by `_id` are checked only against the rest of the filter, and `$in` / `$nin` hash
  their search list once per call (mongomock scans it, with a regex check per item, per value tested);
- a unique index is checked through a hash of key values -> _ids, registered by every insert and
  update (mongomock checks uniqueness after each) and verified against the stored documents, so
  stale entries (deletes, rollbacks) never count; unhashable, boolean or array keys and partial
  indexes use mongomock's own check.

Only the embedded store is patched; a real MongoDB (`MONGO_URI=mongodb://...`) is untouched.
"""
import functools
import types

from bson import ObjectId
from packaging import version as _version
from mongomock import collection as _collection
from mongomock import store as _mongomock_store
from mongomock import DuplicateKeyError, helpers
from mongomock import filtering
from mongomock.filtering import filter_applies

from services.common import embedded_copies, embedded_indexes, embedded_sorted

PLAIN = (str, int, float, ObjectId)
_scan_every_document = _collection.Collection._iter_documents
_mongomock_get_dataset = _collection.Collection._get_dataset
_check_uniques_by_scan = _collection.Collection._ensure_uniques
_mongomock_in = filtering._in_op
_MISSING = object()


def _iter_documents(self, filter, ordered=True):
    if not isinstance(filter, dict) or self._store.is_empty:
        return _scan_every_document(self, filter)
    if not filter:
        with self._store._rwlock.reader():
            return iter(list(self._store._documents.values()))
    wanted_id = filter.get("_id")
    # Documents taken by their _id key meet the _id condition (same equality as mongomock's): only the
    # rest of the filter is left to check (testing `_id: {$in: n ids}` again cost O(n) per document).
    rest = {key: value for key, value in filter.items() if key != "_id"}
    if _is_plain(wanted_id):
        with self._store._rwlock.reader():
            found = self._store._documents.get(wanted_id)
        return iter([found] if found is not None and (not rest or filter_applies(rest, found)) else [])
    if isinstance(wanted_id, dict) and list(wanted_id) == ["$in"] and all(map(_is_plain, wanted_id["$in"])):
        # In the order asked (MongoDB promises no order without a sort; mongomock's scan gave insertion order).
        with self._store._rwlock.reader():
            stored = self._store._documents
            documents = [stored[key] for key in dict.fromkeys(wanted_id["$in"]) if key in stored]
        return embedded_indexes.iter_documents(self, rest, documents) if rest else iter(documents)
    # An equality on a declared index's key reads the ids its hash holds (embedded_indexes.py), in the
    # collection's order; every candidate is decided by plain comparisons or mongomock's matcher.
    ids = embedded_indexes.candidates(self, filter)
    if ids is None:       # a range on the first key of an ordered index: the ids within it (embedded_sorted.py)
        ids = embedded_sorted.range_ids(self, filter)
    if ids is None:
        required = _range_fields(filter)
        if required is not None:      # the outbox sweep's shape: only the documents holding a value there
            documents = [document for document in _holders(self._store, required[0])
                         if _holds_values(document, required)]
            return embedded_indexes.iter_documents(self, filter, documents)
    with self._store._rwlock.reader():
        stored = self._store._documents
        if ids is None:
            documents = list(stored.values())
        elif ordered and len(ids) * 8 < len(stored):    # a few: put in the collection's order by position
            positions = _positions(self._store)
            documents = [stored[key] for key in sorted((key for key in ids if key in stored), key=positions.get)]
        elif ordered:       # in the collection's order, as mongomock's scan gives them: a pass over every key
            documents = [stored[key] for key in stored if key in ids]
        else:               # a count: only the candidates
            documents = [stored[key] for key in ids if key in stored]
    return embedded_indexes.iter_documents(self, filter, documents)


_mongomock_count_documents = _collection.Collection.count_documents


def _count_documents(self, filter, **kwargs):
    """mongomock's count, over the indexed candidates without putting them in the collection's order first
    (a summary's recount asks for a unit's bucket among hundreds of thousands of documents)."""
    if set(kwargs) - {"limit", "maxTimeMS", "hint"} or not isinstance(filter, dict) or not filter \
            or self._store.is_empty:
        return _mongomock_count_documents(self, filter, **kwargs)
    limit = kwargs.get("limit")
    if limit is not None and (not isinstance(limit, (int, float)) or limit <= 0):
        return _mongomock_count_documents(self, filter, **kwargs)      # its own error
    count = embedded_sorted.count(self, filter)       # equalities on an index's first keys: a range's size
    if count is None:
        count = len(list(_iter_documents(self, helpers.patch_datetime_awareness_in_document(filter), ordered=False)))
    return count if limit is None else min(count, int(limit))


def _positions(store):
    """{_id: position} of the collection's documents in its stored order (an OrderedDict: an update keeps a
    document's place, a delete and insert puts it last), built on first use and then kept by every insert
    and delete (_set_document, _delete_document), so a few candidates are ordered without a pass over all."""
    entry = store.__dict__.get("_camau_positions")
    if entry is None or entry[0] is not store._documents:
        with store._rwlock.reader():
            positions = {doc_id: position for position, doc_id in enumerate(store._documents)}
        entry = store.__dict__["_camau_positions"] = [store._documents, positions, len(positions)]
    return entry[1]


_mongomock_set_document = _mongomock_store.CollectionStore.__setitem__
_mongomock_delete_document = _mongomock_store.CollectionStore.__delitem__


def _set_document(self, key, value):
    _mongomock_set_document(self, key, value)
    entry = self.__dict__.get("_camau_positions")
    if entry is not None and entry[0] is self._documents and key not in entry[1]:
        entry[1][key] = entry[2]
        entry[2] += 1


def _delete_document(self, key):
    _mongomock_delete_document(self, key)
    embedded_sorted.deleted(self, key)
    entry = self.__dict__.get("_camau_positions")
    if entry is not None and entry[0] is self._documents:
        entry[1].pop(key, None)


def _is_plain(value):
    return isinstance(value, PLAIN) and not isinstance(value, bool)


RANGE_OPERATORS = frozenset(("$lt", "$lte", "$gt", "$gte"))


def _range_fields(filter):
    """The top-level fields a document must hold for `filter` to match, when every condition is a range
    on a plain value (dotted keys included), else None."""
    fields = []
    for key, condition in filter.items():
        if key.startswith("$") or not isinstance(condition, dict) or not condition:
            return None
        if not set(condition) <= RANGE_OPERATORS or not all(map(_is_plain, condition.values())):
            return None
        fields.append(key.split(".", 1)[0])
    return fields


def _holds_values(document, fields):
    """False only when a field is absent or an empty array: no value there to compare."""
    for field in fields:
        held = document.get(field, _MISSING)
        if held is _MISSING or (isinstance(held, list) and not held):
            return False
    return True


def _holders(store, field):
    """The stored documents holding a value in `field`, in the collection's order (as mongomock's scan gives
    them; MongoDB promises none without a sort). The set of their _ids is built by one scan the first time
    `field` is asked about, then grown by every write (_note_holders) and pruned here of documents gone or
    emptied since."""
    tracked = store.__dict__.setdefault("_camau_holders", {})
    entry = tracked.get(field)
    with store._rwlock.reader():
        stored = store._documents
        if entry is None or entry[0] is not stored:       # first use, or the collection was dropped
            entry = tracked[field] = (stored, {doc_id for doc_id, document in stored.items()
                                               if _holds_values(document, (field,))})
        ids = entry[1]
        for doc_id in list(ids):
            document = stored.get(doc_id)
            if document is None or not _holds_values(document, (field,)):
                ids.discard(doc_id)
        # A pass over the keys, not the documents: the matcher runs only on the holders.
        return [stored[doc_id] for doc_id in stored if doc_id in ids] if ids else []


def _note_holders(store, document):
    """A written document joins the holders of each field asked about that it holds a value in."""
    tracked = store.__dict__.get("_camau_holders")
    if tracked and isinstance(document, dict):
        for field, (stored, ids) in tracked.items():
            if stored is store._documents and _holds_values(document, (field,)):
                doc_id = document["_id"]
                ids.add(helpers.hashdict(doc_id) if isinstance(doc_id, dict) else doc_id)


def _ensure_uniques(self, new_data):
    """mongomock's contract: `new_data` is already stored; raise DuplicateKeyError if another
    stored document has the same values for a unique index. Called after every insert and update: the
    equality hashes of declared indexes register the document's values here too, and the range holders
    (_holders) see it."""
    embedded_indexes.registered(self, new_data)
    embedded_sorted.registered(self._store, new_data)
    _note_holders(self._store, new_data)
    try:
        return _check_unique_indexes(self, new_data)
    except DuplicateKeyError:
        embedded_sorted.rolled_back(self._store)      # mongomock undoes the write the indexes followed
        raise


def _check_unique_indexes(self, new_data):
    for name, index in list(self._store.indexes.items()):
        if not index.get("unique"):
            continue
        keys = [key for key, _ in index["key"]]
        by_values = _hash_index(self, name, keys, index)
        values = _key_values(new_data, keys)
        if by_values is None or values is None or not _is_plain(new_data.get("_id")):
            _unusable(self, name)
            return _check_uniques_by_scan(self, new_data)
        if index.get("sparse") and set(values) == {None}:
            continue
        holders = by_values.setdefault(values, set())
        holders.add(new_data["_id"])
        with self._store._rwlock.reader():
            current = {doc_id for doc_id in holders
                       if _key_values(self._store._documents.get(doc_id), keys) == values}
        by_values[values] = current
        if len(current) > 1:
            # mongomock now rolls the write back to a state this index has not seen: rebuild next time.
            self._store.__dict__["_unique_hashes"].pop(name, None)
            raise DuplicateKeyError("E11000 Duplicate Key Error", 11000)


def _hash_index(collection, name, keys, index):
    """values -> {_id}, built from the stored documents on first use, then kept by every write;
    None once a document's values cannot be hashed exactly (mongomock's scan decides from then on).
    Rebuilt when the index or the collection's documents were replaced (drop, drop_index)."""
    store = collection._store
    cache = store.__dict__.setdefault("_unique_hashes", {})
    entry = cache.get(name)
    if entry is None or entry[0] is not index or entry[1] is not store._documents:
        built = {}
        with store._rwlock.reader():
            documents = list(store._documents.values())
        for document in documents:
            values = _key_values(document, keys)
            if values is None or not _is_plain(document["_id"]) or index.get("partialFilterExpression"):
                built = None
                break
            built.setdefault(values, set()).add(document["_id"])
        entry = cache[name] = (index, store._documents, built)
    return entry[2]


def _unusable(collection, name):
    store = collection._store
    store.__dict__.setdefault("_unique_hashes", {})[name] = (store.indexes.get(name), store._documents, None)


def _key_values(document, keys):
    """The hashable tuple of a document's values for `keys` (missing -> None), or None when a value is
    an array, a sub-document, a boolean or unhashable (left to mongomock's own check)."""
    if document is None:
        return _MISSING
    values = []
    for key in keys:
        try:
            value = helpers.get_value_by_dot(document, key)
        except KeyError:
            value = None
        if value is not None and not _is_plain(value):
            return None
        values.append(value)
    return tuple(values)


def _in_op(document_value, search_values):
    """mongomock's `$in` with the search list hashed once per call (C-level) instead of a Python-level
    regex check and list scan per value: the outbox relay pulls hundreds of event ids at a time."""
    try:
        wanted = frozenset(search_values)
        kinds = set(map(type, search_values))
    except TypeError:     # unhashable search values (sub-documents): mongomock's own way
        return _mongomock_in(document_value, search_values)
    if any(issubclass(kind, filtering._RE_TYPES) for kind in kinds):
        return _mongomock_in(document_value, search_values)
    if document_value is filtering.NOTHING:
        return None in wanted
    try:
        return any(value in wanted for value in filtering._force_list(document_value))
    except TypeError:     # an array or sub-document among the document's values
        return _mongomock_in(document_value, search_values)


def _sorted_documents(collection, spec, sort):
    """The stored documents matching `spec` in `sort` order, uncopied: mongomock's _get_dataset before
    its copy of each document."""
    dataset = collection._iter_documents(spec)
    if sort:
        if isinstance(sort, dict):
            sort = sort.items()
        for sort_key, sort_direction in reversed(sort):
            if sort_key == "$natural":
                if sort_direction < 0:
                    dataset = iter(reversed(list(dataset)))
                continue
            if sort_key.startswith("$"):
                raise NotImplementedError("Sorting by {} is not implemented in mongomock yet".format(sort_key))
            dataset = iter(sorted(dataset, key=lambda x, key=sort_key: filtering.resolve_sort_key(key, x),
                                  reverse=sort_direction < 0))
    return dataset


def _get_dataset(self, spec, sort, fields, as_class):
    for document in _sorted_documents(self, spec, sort):
        yield self._copy_only_fields(document, fields, as_class)


def install():
    """Idempotent: the embedded store uses the fast paths from then on, in this process."""
    _collection.Collection._iter_documents = _iter_documents
    _mongomock_store.CollectionStore.__setitem__ = _set_document
    _mongomock_store.CollectionStore.__delitem__ = _delete_document
    _collection.Collection.count_documents = _count_documents
    _collection.Collection._ensure_uniques = _ensure_uniques
    _collection.Collection._get_dataset = _get_dataset
    operators = filtering._filterer_inst._operator_map
    operators["$in"] = _in_op
    operators["$nin"] = lambda document_value, search_values: not _in_op(document_value, search_values)
    # mongomock parses the same version strings ("3.6", "4.0") on every insert and projection.
    _collection.version = types.SimpleNamespace(parse=functools.lru_cache(maxsize=32)(_version.parse))
    embedded_copies.install()
    embedded_indexes.install()
