"""The embedded store's answers to list queries (issue 16): filters on declared indexes, sorted pages.

Three fast paths, each giving exactly what mongomock's own scan gives (tests/unit/common/
test_embedded_indexes.py checks them against it on random documents, filters and writes):

- **equality hashes of declared indexes.** For the first key of every index a collection declares
  (`create_index`), a hash of value -> ids, built on first use from the stored documents and then kept by
  every insert and update (mongomock calls `_ensure_uniques` after each). A filter with an equality or an
  `$in` of plain values on such a key (at the top level or in a top-level `$and`) reads those ids only, in
  the collection's order. Entries are never trusted: a candidate is still checked against the whole filter,
  so values changed since (or deleted documents, or rolled-back writes) only cost a check. Documents whose
  value is not plain (arrays, sub-documents, booleans...) sit in a bucket every lookup includes.
- **decisions without the matcher.** A filter made of top-level equalities, `$ne`, `$in`, `$nin` and
  `$gt`/`$gte`/`$lt`/`$lte` on plain values (strings, numbers, ObjectIds, null), under `$and` / `$or`, is
  decided per document by plain Python comparisons when the stored value is plain and of the same kind;
  any other case (arrays, sub-documents, other types, other operators, dotted keys) goes to mongomock's
  matcher for that document.
- **sorted windows.** A cursor with a sort, skip and limit sorts the stored documents (by plain keys
  when every value is a plain one: null, numbers, strings, ObjectIds; else by mongomock's own BSON key),
  takes the window and copies only its documents, where mongomock copied and projected every matching
  document before slicing.
"""
import functools
import sys
import heapq
import re

from bson import ObjectId
from mongomock import collection as _collection
from mongomock import filtering
from mongomock.filtering import filter_applies

from services.common import embedded_sorted

_MISSING = object()
OIDS_KIND = ObjectId("000000000000000000000000")
_OTHER = object()            # the bucket of documents whose value is not plain
_UNDECIDED = object()         # a dotted path through an array or a scalar: the matcher
_STRING, _NUMBER, _OID, _BOOL = 1, 2, 3, 4
RANGES = {"$gt": lambda a, b: a > b, "$gte": lambda a, b: a >= b,
          "$lt": lambda a, b: a < b, "$lte": lambda a, b: a <= b}


def _kind(value):
    """1 str, 2 number, 3 ObjectId, 4 boolean; 0 for None or missing; None for anything else (arrays...)."""
    if value is None or value is _MISSING:
        return 0
    kind = type(value)
    if kind is str:
        return _STRING
    if kind is int or kind is float:
        return _NUMBER if value == value else None      # NaN: mongomock's way
    if kind is ObjectId:
        return _OID
    if kind is bool:
        return _BOOL
    return None


# --- decisions without mongomock's matcher ------------------------------------------------------
def compile_filter(filter):
    """doc -> True / False / None (None: ask mongomock's matcher)."""
    conditions = []
    for key, value in filter.items():
        if key in ("$and", "$or") and isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            parts = [compile_filter(part) for part in value]
            conditions.append(_all(parts) if key == "$and" else _any(parts))
        elif key.startswith("$") or key.startswith(".") or key.endswith(".") or ".." in key:
            conditions.append(_unknown)
        else:
            conditions.append(_condition(key, value))
    return _all(conditions)


def _unknown(document):
    return None


def _getter(key):
    """document -> its value at `key` (a dotted path through sub-documents only), _MISSING, or _UNDECIDED."""
    if "." not in key:
        return lambda document: document.get(key, _MISSING)
    parts = key.split(".")

    def get(document):
        value = document
        for part in parts:
            if type(value) is not dict:
                return _MISSING if value is _MISSING else _UNDECIDED
            value = value.get(part, _MISSING)
        return value
    return get


def _all(parts):
    return _combined(parts, decisive=False)


def _any(parts):
    return _combined(parts, decisive=True)


def _combined(parts, decisive):
    """$and (one False decides) or $or (one True decides); otherwise unknown if any part is unknown."""
    if len(parts) == 1:
        return parts[0]

    def decide(document):
        answer = not decisive
        for part in parts:
            decided = part(document)
            if decided is decisive:
                return decisive
            if decided is None:
                answer = None
        return answer
    return decide


def _condition(key, value):
    if isinstance(value, dict):
        if not value or any(not op.startswith("$") for op in value) or "$options" in value:
            return _unknown          # a sub-document to equal, or a regex with options: the matcher
        parts = [_operator(key, op, operand) for op, operand in value.items()]
        return _all(parts)
    return _equality(key, value)


def _equality(key, value):
    return _unknown if _kind(value) is None else _membership(key, [value])


def _operator(key, op, operand):
    if op == "$eq":
        return _equality(key, operand)
    if op == "$ne":
        return _negation(_equality(key, operand))
    if op in ("$in", "$nin"):
        if not isinstance(operand, (list, tuple)) or any(_kind(v) is None for v in operand):
            return _unknown
        found = _membership(key, operand)
        return found if op == "$in" else _negation(found)
    if op in RANGES:
        wanted = _kind(operand)
        if not wanted:
            return _unknown
        compare, get = RANGES[op], _getter(key)
        if wanted == _BOOL:
            return _unknown

        def decide(document):
            held = get(document)
            return compare(held, operand) if _kind(held) == wanted else None
        return decide
    if op == "$regex" and type(operand) is str:
        search, get = re.compile(operand).search, _getter(key)

        def decide(document):
            held = get(document)
            return bool(search(held)) if type(held) is str else None
        return decide
    return _unknown


def _membership(key, values):
    by_kind = {}        # 1 == 1.0 == True in a Python set: a number only meets numbers, a boolean booleans
    for value in values:
        by_kind.setdefault(_kind(value), set()).add(value)
    with_null = 0 in by_kind
    get = _getter(key)

    def decide(document):
        held = get(document)
        kind = _kind(held)
        if kind is None:
            return None
        if kind == 0:
            return with_null
        if held in by_kind.get(kind, ()):
            return True
        return None if kind == _BOOL or _BOOL in by_kind else False    # True == 1: the matcher decides
    return decide


def _negation(part):
    def decide(document):
        decided = part(document)
        return None if decided is None else not decided
    return decide


# --- equality hashes of declared indexes ----------------------------------------------------------
def _hashes(collection):
    """{key: {value: {_id: None}}} for the first key of every declared index (plain top-level keys)."""
    store = collection._store
    cache = store.__dict__.setdefault("_equality_hashes", {})
    # Not sparse ones: they hold only the documents that have the field (the summaries' `_recount_at`,
    # set on a few documents at a time), where a hash would hold every other document under null.
    keys = {index["key"][0][0] for name, index in store.indexes.items() if name != "_id_" and not index.get("sparse")}
    keys = {key for key in keys if key != "_id" and "." not in key and not key.startswith("$")}
    for key in keys:
        entry = cache.get(key)
        if entry is None or entry[0] is not store._documents:
            built = {}
            with store._rwlock.reader():
                documents = list(store._documents.values())
            for document in documents:
                _register(built, document.get(key, _MISSING), document["_id"])
            cache[key] = (store._documents, built)
    return {key: cache[key][1] for key in keys}


def _register(by_value, value, doc_id):
    """Under its plain value; an array's plain elements each under theirs (an equality matches an element:
    a multikey index); anything else, and empty arrays, in the bucket every lookup includes."""
    if type(value) is list and value:
        for element in value:
            _register(by_value, [] if type(element) is list else element, doc_id)
        return
    kind = _kind(value)
    bucket = _OTHER if kind is None else (None if kind == 0 else value)
    try:
        by_value.setdefault(bucket, {})[doc_id] = None
    except TypeError:        # an unhashable _id: mongomock's dict would not hold it either
        pass


def registered(collection, document):
    """Called for every inserted or updated document (mongomock's `_ensure_uniques` hook)."""
    store = collection._store
    cache = store.__dict__.get("_equality_hashes")
    if not cache:
        return
    for key, (documents, by_value) in cache.items():
        if documents is store._documents:
            _register(by_value, document.get(key, _MISSING), document.get("_id"))


def _wanted_values(filter, key):
    """The values an equality or `$in` on `key` asks for (top level or a top-level `$and`), or None."""
    found = None
    for condition in [filter] + [part for part in filter.get("$and", []) if isinstance(part, dict)]:
        if key not in condition:
            continue
        value = condition[key]
        if isinstance(value, dict):
            if list(value) == ["$in"] and isinstance(value["$in"], (list, tuple)) \
                    and all(_kind(v) is not None for v in value["$in"]):
                values = list(value["$in"])
            elif list(value) == ["$eq"] and _kind(value["$eq"]) is not None:
                values = [value["$eq"]]
            else:
                continue
        elif _kind(value) is not None:
            values = [value]
        else:
            continue
        if found is None or len(values) < len(found):
            found = values
    return found


def candidate_count(collection, filter):
    """How many ids the narrowest indexed equality of `filter` allows (None: no such key), without building
    the set (a top-level `$or` is not sized: None)."""
    smallest = None
    for key, by_value in _hashes(collection).items():
        values = _wanted_values(filter, key)
        if values is not None:
            size = len(by_value.get(_OTHER, ())) + sum(len(by_value.get(value, ())) for value in set(values))
            smallest = size if smallest is None else min(smallest, size)
    return smallest


def candidates(collection, filter, hashes=None):
    """The ids an indexed equality in `filter` allows (a superset of the matches), or None (no such key).
    A top-level `$or` whose every branch has one allows the union of theirs."""
    hashes = _hashes(collection) if hashes is None else hashes
    best = None
    branches = filter.get("$or")
    if isinstance(branches, list) and branches and all(isinstance(branch, dict) for branch in branches):
        union = set()
        for branch in branches:
            allowed = candidates(collection, branch, hashes)
            if allowed is None:
                union = None
                break
            union |= allowed
        best = union
    # The key whose buckets hold the fewest ids, sized before any set is built (a common value such as
    # a status can hold most of a collection: copying its ids would cost what the index saves).
    chosen, smallest = None, None
    for key, by_value in hashes.items():
        values = _wanted_values(filter, key)
        if values is None:
            continue
        size = len(by_value.get(_OTHER, ())) + sum(len(by_value.get(value, ())) for value in set(values))
        if smallest is None or size < smallest:
            chosen, smallest = (by_value, values), size
    if chosen is not None and (best is None or smallest < len(best)):
        by_value, values = chosen
        best = set(by_value.get(_OTHER, ()))
        for value in values:
            best.update(by_value.get(value, ()))
    return best


def iter_documents(collection, filter, documents):
    """The documents of `documents` (stored ones, in the collection's order) that match `filter`."""
    decide = compile_filter(filter)
    return (document for document in documents
            if (decided := decide(document)) or decided is None and filter_applies(filter, document))


# --- sorted windows ------------------------------------------------------------------------------
_mongomock_compute_results = _collection.Cursor._compute_results


def _compute_results(self, with_limit_and_skip=False):
    factory = self._factory
    if not with_limit_and_skip or self.collection.codec_options.tz_aware or not _is_plain_factory(factory) \
            or self._results is not None:
        return _mongomock_compute_results(self, with_limit_and_skip)
    window = self.__dict__.get("_embedded_window")
    if window is None or window[0] is not factory or window[1] != (self._skip, self._limit):
        spec, sort, fields, as_class = factory.args
        collection = self.collection
        planned = _ordered_plan(collection, spec, sort, self._skip, self._limit)
        if planned is not None:        # walk an ordered index (embedded_sorted.py)
            decide = compile_filter(spec)
            documents = embedded_sorted.window(collection, spec, planned, self._skip or 0, self._limit, lambda d: (
                decided := decide(d)) or decided is None and filter_applies(spec, d))
        else:
            stored = collection._iter_documents(spec)
            documents = _sorted_window(stored, sort, self._skip, self._limit)
        included = _included_fields(fields) if as_class is dict else None
        results = []
        for document in documents:
            projected = None if included is None else _projected(document, included)
            results.append(collection._copy_only_fields(document, fields, as_class) if projected is None
                           else projected)
        window = (factory, (self._skip, self._limit), results)
        self.__dict__["_embedded_window"] = window
    return window[2]


NARROW_ENOUGH = 1000      # candidates an indexed equality leaves that are sorted rather than walked for


def _ordered_plan(collection, spec, sort, skip, limit):
    """An ordered index to walk for this page, or None: only for a positive limit and a page not deep
    beyond what an indexed equality already narrows the filter to (then those few are sorted instead)."""
    if not limit or limit < 0 or not sort or not isinstance(spec, dict) or collection._store.is_empty:
        return None
    narrowed = candidate_count(collection, spec)
    if narrowed is not None and narrowed <= 4 * ((skip or 0) + limit) + NARROW_ENOUGH:
        return None
    return embedded_sorted.plan(collection, spec, sort)


IMMUTABLE = (str, int, float, bool, type(None), ObjectId)


def _included_fields(fields):
    """(keys, with _id) of a projection naming top-level keys to include (e.g. {"_version": 1}), else None."""
    if not isinstance(fields, dict) or not fields:
        return None
    keys, with_id = [], True
    for key, value in fields.items():
        if type(value) not in (int, bool) or key.startswith("$") or "." in key:
            return None
        if key == "_id":
            with_id = bool(value)
        elif not value:
            return None
        else:
            keys.append(key)
    return (frozenset(keys), len(keys), with_id) if keys else None


def _projected(document, included):
    """mongomock's projection of `document` (its keys in the document's order, then _id) when every value
    taken is immutable (nothing to copy), else None (mongomock's own projection and copy)."""
    keys, count, with_id = included
    if count == 1:
        key = next(iter(keys))
        taken = {key: document[key]} if key in document else {}
    else:
        taken = {key: value for key, value in document.items() if key in keys}
    if with_id and "_id" in document:
        taken["_id"] = document["_id"]
    for value in taken.values():
        if not isinstance(value, IMMUTABLE):
            return None
    return taken


def _is_plain_factory(factory):
    return isinstance(factory, functools.partial) and len(factory.args) == 4 and not factory.keywords \
        and getattr(factory.func, "__func__", None) is _collection.Collection._get_dataset


def _sorted_window(documents, sort, skip, limit):
    """mongomock's order (stable sorts by each key from the last), then [skip:skip + limit]."""
    # A client may ask for any offset: no list is longer than sys.maxsize, and islice refuses more.
    skip = min(skip or 0, sys.maxsize // 2)
    limit = None if limit is None else max(-sys.maxsize // 2, min(limit, sys.maxsize // 2))
    if not sort:
        documents = list(documents) if limit is None else _first(documents, skip + abs(limit))
        return documents[skip:] if limit is None else documents[skip:skip + abs(limit)]
    if isinstance(sort, dict):
        sort = list(sort.items())
    sort = list(sort)
    documents = list(documents)
    end = None if limit is None else skip + abs(limit)
    one_way = len({direction < 0 for _, direction in sort}) == 1
    keys = (_string_keys(documents, sort) if one_way else None) or _plain_keys(documents, sort)
    if keys is not None and one_way:
        # Positions sorted by key (stable: ties keep the stored order, both ways); ints and strings are not
        # tracked by the garbage collector, where a tuple per document made it sweep the whole heap.
        reverse, key = sort[0][1] < 0, keys.__getitem__
        positions = range(len(documents))
        if end is not None and end < len(documents) // 4:
            picked = (heapq.nlargest if reverse else heapq.nsmallest)(end, positions, key=key)
        else:
            picked = sorted(positions, key=key, reverse=reverse)
        ordered = [documents[position] for position in picked]
    else:
        ordered = documents
        for position, (sort_key, direction) in reversed(list(enumerate(sort))):
            if sort_key == "$natural":
                if direction < 0:
                    ordered = list(reversed(ordered))
                continue
            if keys is not None:
                ordered_keys = {id(document): key[position] for document, key in zip(documents, keys)}
                ordered = sorted(ordered, key=lambda document: ordered_keys[id(document)], reverse=direction < 0)
            else:
                ordered = sorted(ordered, key=lambda document, k=sort_key: filtering.resolve_sort_key(k, document),
                                 reverse=direction < 0)
    return ordered[skip:] if end is None else ordered[skip:end]


def _string_keys(documents, sort):
    """One string per document when every sort key holds a string without NUL in every document: the keys
    joined by NUL (the smallest character, so a shorter string still sorts first), else None."""
    names = [name for name, _ in sort]
    if any(name.startswith("$") or "." in name for name in names):
        return None
    keys = []
    for document in documents:
        values = [document.get(name) for name in names]
        for value in values:
            if type(value) is not str or "\0" in value:
                return None
        keys.append("\0".join(values) if len(values) > 1 else values[0])
    return keys


def _first(documents, count):
    found = []
    for document in documents:
        if len(found) >= count:
            break
        found.append(document)
    return found


def _plain_keys(documents, sort):
    """Per document, a tuple of (BSON type order, value) for each sort key, or None when a key is dotted, an
    operator, or a value is not plain (mongomock's BSON comparison decides then)."""
    names = [key for key, _ in sort]
    if any(key.startswith("$") or "." in key for key in names):
        return None
    # BSON's type order (mongomock's _get_compare_type) of each plain kind.
    order = {0: filtering._get_compare_type(None), _STRING: filtering._get_compare_type(""),
             _NUMBER: filtering._get_compare_type(0), _OID: filtering._get_compare_type(OIDS_KIND),
             _BOOL: filtering._get_compare_type(True)}
    null, string, number, oid, boolean = (order[0], 0), order[_STRING], order[_NUMBER], order[_OID], order[_BOOL]
    keys = []
    for document in documents:
        key = []
        for name in names:
            value = document.get(name)
            kind = type(value)
            if kind is str:
                key.append((string, value))
            elif value is None:
                key.append(null)
            elif kind is int or kind is float and value == value:
                key.append((number, value))
            elif kind is ObjectId:
                key.append((oid, value))
            elif kind is bool:
                key.append((boolean, value))
            else:
                return None
        keys.append(tuple(key))
    return keys


def install():
    _collection.Cursor._compute_results = _compute_results
