"""The embedded store's ordered indexes (issue 16): a sorted page read by walking an index, as MongoDB does.

A list sorted by an index's keys (`enrolled_on`, `_id`), after equalities on the index's first keys
(`status`), is read by walking the index from the first entry of those equalities and stopping once the
page is full, instead of deciding and sorting every matching document (200,000 completed enrollments
of a province's ten years: 600 ms a first page, then the cost of the page).

Each declared index whose keys all ascend and name plain top-level fields keeps, once a query could use it,
a sorted list of (key, _id) built from the stored documents and kept by every insert and update (the same
hook as the equality hashes: mongomock's `_ensure_uniques`), with each document's current key beside it so
an update moves its entry. Entries are still checked: a document gone (deleted) or whose key differs from
its entry is skipped, and every document walked is decided against the whole filter. A write mongomock
rolls back (a duplicate key) drops the index, rebuilt at its next use. A value that is not plain (an array,
a sub-document...) makes the index unusable until rebuilt; the other paths answer then.

A range on an index's first key (`received_on` between two days: a year's feedback among ten years) reads
only the ids within it (`range_ids`), put back in the collection's order and decided like any candidates.

Pages are walked only when the order is fully determined (the sort ends with `_id`), so the page is exactly the one
mongomock's stable sort gives; tests/unit/common/test_embedded_sorted.py checks it against mongomock on random
documents, writes, filters and pages.
"""
import bisect

from mongomock import filtering

_MISSING = object()
_HIGH = ((float("inf"),),)      # sorts after every encoded value (a pair whose first item is a type order)
_ORDER = {str: filtering._get_compare_type(""), type(None): filtering._get_compare_type(None),
          int: filtering._get_compare_type(0), float: filtering._get_compare_type(0.0)}


def _encoded(value):
    """(BSON type order, value) of a plain value (strings, numbers, null), else None."""
    kind = type(value)
    if kind is str or kind is int or (kind is float and value == value):
        return (_ORDER[kind], value)
    if value is None or value is _MISSING:
        return (_ORDER[type(None)], None)
    return None


class OrderedIndex:
    """(key, _id) of every stored document, in key order, for one declared index's fields."""

    def __init__(self, fields, documents):
        self.fields = fields
        self.documents = documents            # the store's dict it was built from (a drop replaces it)
        self.entries, self.key_of, self.usable = [], {}, True
        pairs = []
        for doc_id, document in documents.items():
            key = self.key(document)
            if key is None or type(doc_id) not in (str, int):     # ids of mixed types do not sort together
                self.usable = False
                return
            pairs.append((key, doc_id))
            self.key_of[doc_id] = key
        pairs.sort()
        self.entries = pairs

    def key(self, document):
        encoded = tuple(_encoded(document.get(field, _MISSING)) for field in self.fields)
        return None if None in encoded else encoded

    def register(self, document):
        doc_id = document.get("_id")
        key = self.key(document)
        if key is None or type(doc_id) not in (str, int):
            self.usable = False
            return
        old = self.key_of.get(doc_id)
        if old == key:
            return
        if old is not None:
            position = bisect.bisect_left(self.entries, (old, doc_id))
            if position < len(self.entries) and self.entries[position] == (old, doc_id):
                del self.entries[position]
        bisect.insort(self.entries, (key, doc_id))
        self.key_of[doc_id] = key

    def walk(self, prefix, backward):
        """The _ids of the entries whose key starts with `prefix`, in key order (reversed if `backward`),
        with the key each entry holds."""
        size = len(prefix)
        if backward:
            position = bisect.bisect_left(self.entries, (prefix + _HIGH,)) - 1
            while position >= 0:
                key, doc_id = self.entries[position]
                if key[:size] != prefix:
                    return
                yield key, doc_id
                position -= 1
        else:
            position = bisect.bisect_left(self.entries, (prefix,))
            while position < len(self.entries):
                key, doc_id = self.entries[position]
                if key[:size] != prefix:
                    return
                yield key, doc_id
                position += 1


def _indexes(store):
    return store.__dict__.setdefault("_ordered_indexes", {})


def registered(store, document):
    """Every insert and update (mongomock's `_ensure_uniques` hook): the built indexes follow it."""
    for index in _indexes(store).values():
        if index.documents is store._documents and index.usable:
            index.register(document)


def deleted(store, doc_id):
    """A document left the collection (mongomock's store deletes it): its entries go, so an index's entries
    are exactly the stored documents' keys (`count` relies on it)."""
    for index in _indexes(store).values():
        if index.documents is store._documents and index.usable:
            old = index.key_of.pop(doc_id, None)
            if old is not None:
                position = bisect.bisect_left(index.entries, (old, doc_id))
                if position < len(index.entries) and index.entries[position] == (old, doc_id):
                    del index.entries[position]


def count(collection, filter):
    """How many documents a filter made only of equalities on the first keys of a declared ascending index
    matches: the size of that prefix's range of entries (each entry is a stored document's current key),
    or None for any other filter."""
    if not isinstance(filter, dict) or not filter or any(key.startswith("$") for key in filter):
        return None
    equal = _equalities(filter)
    if set(equal) != set(filter):
        return None
    store = collection._store
    for name, fields, ascending in _orderable(store):
        if not ascending or set(fields[:len(equal)]) != set(equal):
            continue
        index = _built(store, name, fields)
        if not index.usable:
            continue
        prefix = tuple(_encoded(equal[field]) for field in fields[:len(equal)])
        return bisect.bisect_left(index.entries, (prefix + _HIGH,)) - bisect.bisect_left(index.entries, (prefix,))
    return None


def _orderable(store):
    """(name, fields, ascending throughout) of each declared index an ordered index can stand for: plain
    top-level fields, every document in it (not sparse, not partial)."""
    for name, declared in list(store.indexes.items()):
        fields = [field for field, _ in declared["key"]]
        if name == "_id_" or declared.get("sparse") or declared.get("partialFilterExpression") \
                or any(field.startswith("$") or "." in field for field in fields):
            continue
        yield name, fields, all(direction == 1 for _, direction in declared["key"])


def _built(store, name, fields):
    """The ordered index `name` of `store`, built from the stored documents if it is not kept yet."""
    index = _indexes(store).get(name)
    if index is None or index.documents is not store._documents or index.fields != fields:
        with store._rwlock.reader():
            index = _indexes(store)[name] = OrderedIndex(fields, store._documents)
    return index


def rolled_back(store):
    """mongomock undid a write these indexes may have seen: built again at their next use."""
    _indexes(store).clear()


def _equalities(filter):
    """{field: plain value} of the top-level equalities (and of a top-level `$and`'s parts)."""
    found = {}
    for condition in [filter] + [part for part in filter.get("$and", []) if isinstance(part, dict)]:
        for field, value in condition.items():
            if field.startswith("$"):
                continue
            if isinstance(value, dict) and list(value) == ["$eq"]:
                value = value["$eq"]
            if _encoded(value) is not None and value is not None and not isinstance(value, dict):
                found[field] = value
    return found


def plan(collection, filter, sort):
    """(index, prefix, backward) to read `filter` in `sort` order by walking a declared index, or None."""
    if not isinstance(filter, dict) or not sort:
        return None
    sort = list(sort.items()) if isinstance(sort, dict) else list(sort)
    if sort[-1][0] != "_id" or len({direction for _, direction in sort}) != 1:
        return None
    names = [name for name, _ in sort]
    equal = _equalities(filter)
    store = collection._store
    usable = []
    for name, fields, ascending in _orderable(store):
        size = len(fields) - len(names)
        if ascending and size >= 0 and fields[size:] == names and all(field in equal for field in fields[:size]):
            usable.append((size, name, fields))
    # The longest equality prefix first: (status, enrolled_on, _id) walks only the status asked for, where
    # (enrolled_on, _id) would walk every enrollment deciding each.
    for size, name, fields in sorted(usable, key=lambda candidate: -candidate[0]):
        index = _built(store, name, fields)
        if index.usable:
            return index, tuple(_encoded(equal[field]) for field in fields[:size]), sort[0][1] < 0
    return None


_RANGES = frozenset(("$gt", "$gte", "$lt", "$lte"))


def _range(filter):
    """(field, lowest, highest) of a top-level range on plain values of one kind (strings or numbers);
    a missing bound is None. None when the filter has no such range."""
    for condition in [filter] + [part for part in filter.get("$and", []) if isinstance(part, dict)]:
        for field, value in condition.items():
            if field.startswith("$") or "." in field or not isinstance(value, dict) or not value \
                    or not set(value) <= _RANGES:
                continue
            bounds = [_encoded(bound) for bound in value.values()]
            if None in bounds or bounds[0][0] == _ORDER[type(None)] or len({order for order, _ in bounds}) != 1:
                continue
            lows = [bound for op, bound in zip(value, bounds) if op in ("$gt", "$gte")]
            highs = [bound for op, bound in zip(value, bounds) if op in ("$lt", "$lte")]
            return field, (max(lows) if lows else None), (min(highs) if highs else None), bounds[0][0]
    return None


def range_ids(collection, filter):
    """The ids of the documents whose value lies within a range `filter` sets on the first key of a
    declared ascending index (a superset of the matches, both bounds included), or None."""
    if not isinstance(filter, dict):
        return None
    found = _range(filter)
    if found is None:
        return None
    field, lowest, highest, order = found
    store = collection._store
    for name, fields, _ascending in _orderable(store):
        if fields[0] != field or store.indexes[name]["key"][0][1] != 1:    # only the first key's order matters
            continue
        index = _built(store, name, fields)
        if not index.usable:
            continue
        entries = index.entries
        position = bisect.bisect_left(entries, (((lowest if lowest is not None else (order,)),),))
        ids = set()
        while position < len(entries):
            key, doc_id = entries[position]
            first = key[0]
            if first[0] != order or (highest is not None and first > highest):
                break
            ids.add(doc_id)
            position += 1
        return ids
    return None


def window(collection, filter, planned, skip, limit, decide):
    """The stored documents of the page: walked in index order, each decided against the whole filter
    (`decide(document)`), stopping at `skip + limit` matches."""
    index, prefix, backward = planned
    wanted = skip + limit
    stored, found = collection._store._documents, []
    for key, doc_id in index.walk(prefix, backward):
        document = stored.get(doc_id)
        if document is None or index.key(document) != key:
            continue                  # deleted, or moved by a write this entry predates
        if decide(document):
            found.append(document)
            if len(found) >= wanted:
                break
    return found[skip:]
