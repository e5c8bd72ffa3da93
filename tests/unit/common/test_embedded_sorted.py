"""The embedded store's ordered indexes (services/common/embedded_sorted.py): a sorted page read by walking
a declared index is exactly the page mongomock's own scan and stable sort give, after random inserts,
updates, replacements, deletes and writes rolled back by a unique index."""
import random

import mongomock
import pytest
from mongomock import DuplicateKeyError

from services.common import embedded, embedded_indexes, embedded_sorted
from tests.unit.common.test_embedded_indexes import mongomock_sorted

embedded.install()

PLAIN = ["a", "b", "B", "Ân", "", 0, 1, 1.0, 2.5, -3, None]
ODD = [["a", 1], {"x": 1}, True]
KEYS = ["k", "s", "t"]


@pytest.fixture(autouse=True)
def walk_even_small_collections(monkeypatch):
    # In service, an indexed equality leaving few candidates is sorted instead of walked; here every page
    # that an ordered index can answer is walked, so the walk is what is checked.
    monkeypatch.setattr(embedded_indexes, "NARROW_ENOUGH", -10 ** 9)


def random_document(rng, doc_id, odd):
    document = {"_id": doc_id, "code": "c{}".format(rng.randint(0, 10 ** 6))}
    for key in KEYS:
        if rng.random() < 0.9:
            document[key] = rng.choice(PLAIN + (ODD if odd else []))
    return document


def random_filter(rng):
    filter = {}
    for _ in range(rng.randint(0, 3)):
        key, shape = rng.choice(KEYS), rng.random()
        if shape < 0.5:
            filter[key] = rng.choice(PLAIN)
        elif shape < 0.7:
            filter[key] = {rng.choice(["$gt", "$lte", "$ne"]): rng.choice(PLAIN)}
        elif shape < 0.85:
            filter[key] = {"$in": rng.sample(PLAIN, 2)}
        else:
            filter["$or"] = [{key: rng.choice(PLAIN)}, {rng.choice(KEYS): {"$gte": rng.choice(PLAIN)}}]
    return filter


def random_write(rng, collection, next_id, odd):
    action = rng.random()
    if action < 0.35:
        collection.insert_one(random_document(rng, "d{:03d}".format(next_id), odd))
    elif action < 0.6:
        collection.update_many(random_filter(rng), {"$set": {rng.choice(KEYS): rng.choice(PLAIN)}})
    elif action < 0.7:
        collection.update_one(random_filter(rng), {"$unset": {rng.choice(KEYS): ""}})
    elif action < 0.8:
        victim = collection.find_one(random_filter(rng))
        if victim:
            collection.replace_one({"_id": victim["_id"]}, random_document(rng, victim["_id"], odd))
    elif action < 0.9:
        taken = collection.find_one({}, {"code": 1})       # a duplicate code: refused and rolled back
        victim = collection.find_one(random_filter(rng))
        if taken and victim and victim["_id"] != taken["_id"]:
            with pytest.raises(DuplicateKeyError):
                collection.update_one({"_id": victim["_id"]}, {"$set": {"code": taken["code"], "k": "a"}})
    else:
        collection.delete_one(random_filter(rng))


@pytest.mark.parametrize("odd", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_pages_walked_on_an_ordered_index_are_mongomocks_pages_after_random_writes(seed, odd):
    rng = random.Random(seed)
    collection = mongomock.MongoClient().db["ordered{}{}".format(seed, odd)]
    collection.create_index([("k", 1), ("_id", 1)])
    collection.create_index([("s", 1), ("t", 1), ("_id", 1)])
    collection.create_index([("code", 1)], unique=True)
    collection.insert_many([random_document(rng, "d{:03d}".format(i), odd) for i in range(80)])
    next_id, walked, counted = 80, 0, 0
    for _ in range(250):
        if rng.random() < 0.35:
            random_write(rng, collection, next_id, odd)
            next_id += 1
        filter = random_filter(rng)
        direction = rng.choice([1, -1])
        sort = rng.choice([[("k", direction), ("_id", direction)], [("t", direction), ("_id", direction)],
                           [("s", direction), ("t", direction), ("_id", direction)]])
        if sort[0][0] == "t" and rng.random() < 0.7:
            filter["s"] = rng.choice(PLAIN[:6])
        skip, limit = rng.randint(0, 15), rng.choice([1, 5, 30])
        walked += embedded_indexes._ordered_plan(collection, filter, sort, skip, limit) is not None
        equalities = rng.choice([{"k": rng.choice(PLAIN)}, {"s": rng.choice(PLAIN)},
                                 {"s": rng.choice(PLAIN), "t": rng.choice(PLAIN)}, {"t": rng.choice(PLAIN)}])
        counted += embedded_sorted.count(collection, equalities) is not None
        assert collection.count_documents(equalities) == \
            len(list(embedded._scan_every_document(collection, equalities))), equalities
        found = [d["_id"] for d in collection.find(filter).sort(sort).skip(skip).limit(limit)]
        assert found == mongomock_sorted(collection, filter, sort, skip, limit), (filter, sort, skip, limit)
    assert walked > 50 or odd           # an index with odd values is not walked: the other paths answer
    assert counted > 50 or odd


def test_the_index_with_the_longest_equality_prefix_is_walked_from_its_first_entry_until_the_page_is_full():
    collection = mongomock.MongoClient().db.enrollments
    collection.create_index([("enrolled_on", 1), ("_id", 1)])       # also fits the sort: not the one walked
    collection.create_index([("status", 1), ("enrolled_on", 1), ("_id", 1)])
    collection.insert_many([{"_id": "e{:05d}".format(i), "status": "COMPLETED" if i % 3 else "ENROLLED",
                             "enrolled_on": "20{:02d}-01-01".format(17 + i % 10)} for i in range(3000)])
    planned = embedded_sorted.plan(collection, {"status": "COMPLETED"}, [("enrolled_on", 1), ("_id", 1)])
    index, prefix, backward = planned
    visited = []
    original = index.walk

    def counting(prefix, backward):
        for entry in original(prefix, backward):
            visited.append(entry)
            yield entry
    index.walk = counting
    page = embedded_sorted.window(collection, {"status": "COMPLETED"}, planned, 0, 20, lambda d: True)
    assert [d["_id"] for d in page] == [d["_id"] for d in sorted(
        collection.find({"status": "COMPLETED"}), key=lambda d: (d["enrolled_on"], d["_id"]))[:20]]
    assert len(visited) == 20 and not backward


@pytest.mark.parametrize("seed", range(6))
def test_a_range_on_an_ordered_index_finds_and_counts_what_mongomocks_scan_finds_in_its_order(seed):
    rng = random.Random(seed)
    collection = mongomock.MongoClient().db["ranges{}".format(seed)]
    collection.create_index([("k", 1), ("_id", 1)])
    collection.create_index([("code", 1)], unique=True)
    collection.insert_many([random_document(rng, "d{:03d}".format(i), seed % 2) for i in range(80)])
    used = 0
    for step in range(200):
        if rng.random() < 0.3:
            random_write(rng, collection, 80 + step, seed % 2)
        bounds = {op: rng.choice(PLAIN[:5] if rng.random() < 0.5 else PLAIN[5:10])
                  for op in rng.sample(["$gt", "$gte", "$lt", "$lte"], rng.randint(1, 2))}
        filter = {"k": bounds}
        if rng.random() < 0.4:
            filter["t"] = {"$ne": rng.choice(PLAIN)}
        used += embedded_sorted.range_ids(collection, filter) is not None
        expected = [d["_id"] for d in embedded._scan_every_document(collection, filter)]
        assert [d["_id"] for d in collection.find(filter)] == expected, filter
        assert collection.count_documents(filter) == len(expected), filter
    assert used > 50 or seed % 2        # an index holding odd values is not used
