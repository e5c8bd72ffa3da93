"""The embedded store's list paths (equality hashes of declared indexes, decisions without the matcher,
sorted windows) answer exactly what mongomock's own scan and sort answer, after random writes."""
import os
import random

import mongomock
import pytest
from bson import ObjectId
from mongomock import filtering

from services.common import embedded, embedded_indexes

embedded.install()

OIDS = [ObjectId() for _ in range(3)]
VALUES = ["a", "b", "B", "Ân", "An", "", 0, 1, 1.0, 2.5, -3, None, True, False, ["a", 1], [], {"x": 1},
          OIDS[0], OIDS[1]]
KEYS = ["k", "n", "s", "t"]
SEEDS = int(os.environ.get("EMBEDDED_SEEDS", "12"))     # 150 passed once (2 min)


def random_value(rng):
    return rng.choice(VALUES)


def random_document(rng, doc_id):
    document = {"_id": doc_id}
    for key in KEYS:
        if rng.random() < 0.85:
            document[key] = random_value(rng)
    if rng.random() < 0.3:
        document["sub"] = rng.choice([{"k": random_value(rng)}, {}, [{"k": "a"}], "a", None])
    return document


def random_condition(rng, depth=0):
    key = rng.choice(KEYS + ["sub.k", "missing"])
    shape = rng.random()
    if depth < 2 and shape < 0.1:
        return {rng.choice(["$and", "$or"]): [random_condition(rng, depth + 1) for _ in range(rng.randint(1, 3))]}
    if shape < 0.4:
        return {key: random_value(rng)}
    op = rng.choice(["$ne", "$in", "$nin", "$gt", "$gte", "$lt", "$lte", "$eq", "$exists", "$regex"])
    if op == "$regex":
        return {key: rng.choice([{"$regex": "a"}, {"$regex": "^B"}, {"$regex": "a", "$options": "i"},
                                 {"$regex": "n", "$ne": "Ân"}])}
    if op in ("$in", "$nin"):
        operand = [random_value(rng) for _ in range(rng.randint(0, 3))]
    elif op == "$exists":
        operand = rng.random() < 0.5
    else:
        operand = random_value(rng)
    return {key: {op: operand}}


def random_filter(rng):
    filter = {}
    for _ in range(rng.randint(0, 3)):
        filter.update(random_condition(rng))
    return filter


def scanned(collection, filter):
    return [document["_id"] for document in embedded._scan_every_document(collection, filter)]


def mongomock_sorted(collection, filter, sort, skip, limit):
    """mongomock's own _get_dataset order, over its own scan, then the window."""
    dataset = list(embedded._scan_every_document(collection, filter))
    for key, direction in reversed(sort):
        dataset = sorted(dataset, key=lambda document, k=key: filtering.resolve_sort_key(k, document),
                         reverse=direction < 0)
    dataset = dataset[skip:]
    return [document["_id"] for document in (dataset[:limit] if limit else dataset)]


def random_write(rng, collection, next_id):
    action = rng.random()
    if action < 0.4:
        collection.insert_one(random_document(rng, "d{}".format(next_id)))
    elif action < 0.7:
        collection.update_many(random_filter(rng), {"$set": {rng.choice(KEYS): random_value(rng)}})
    elif action < 0.8:
        collection.update_one(random_filter(rng), {"$unset": {rng.choice(KEYS): ""}})
    elif action < 0.9:
        victim = collection.find_one(random_filter(rng))
        if victim:
            collection.replace_one({"_id": victim["_id"]}, random_document(rng, victim["_id"]))
    else:
        collection.delete_one(random_filter(rng))


@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_filters_and_writes_answer_what_mongomocks_scan_answers(seed):
    rng = random.Random(seed)
    collection = mongomock.MongoClient().db["things{}".format(seed)]
    for key in rng.sample(KEYS, 3):           # declared indexes: their first keys get equality hashes
        collection.create_index([(key, 1), ("_id", 1)])
    collection.insert_many([random_document(rng, "d{}".format(i)) for i in range(60)])
    next_id = 60
    for _ in range(300):
        if rng.random() < 0.3:
            random_write(rng, collection, next_id)
            next_id += 1
        filter = random_filter(rng)
        assert [d["_id"] for d in collection.find(filter)] == scanned(collection, filter), filter
        assert collection.count_documents(filter) == len(scanned(collection, filter)), filter
        sort = [(key, rng.choice([1, -1])) for key in rng.sample(KEYS, rng.randint(1, 2))]
        if rng.random() < 0.5:
            sort = [(key, sort[0][1]) for key, _ in sort] + [("_id", sort[0][1])]
        skip, limit = rng.randint(0, 20), rng.choice([0, 1, 5, 50])
        found = [d["_id"] for d in collection.find(filter).sort(sort).skip(skip).limit(limit)]
        assert found == mongomock_sorted(collection, filter, sort, skip, limit), (filter, sort, skip, limit)
        projection = dict({key: 1 for key in rng.sample(KEYS, rng.randint(1, 3))},
                          **({"_id": rng.choice([0, 1])} if rng.random() < 0.5 else {}))
        projected = [list(d.items()) for d in collection.find(filter, projection)]
        assert projected == [list(collection._copy_only_fields(d, projection, dict).items())
                             for d in embedded._scan_every_document(collection, filter)], projection


def test_only_the_window_is_copied_and_projected():
    collection = mongomock.MongoClient().db.many
    collection.insert_many([{"_id": i, "name": "n{:04d}".format(999 - i), "x": i % 7} for i in range(1000)])
    copied = []
    original = collection._copy_only_fields

    def counting(document, fields, as_class):
        copied.append(document["_id"])
        return original(document, fields, as_class)
    collection._copy_only_fields = counting
    page = list(collection.find({}, {"x": 0}).sort([("name", 1), ("_id", 1)]).skip(900).limit(10))
    assert [d["_id"] for d in page] == list(range(99, 89, -1)) and "x" not in page[0]
    assert len(copied) == 10


def test_an_indexed_equality_reads_its_candidates_only():
    collection = mongomock.MongoClient().db.indexed
    collection.create_index([("unit", 1), ("name", 1)])
    collection.insert_many([{"_id": i, "unit": "u{}".format(i % 50), "name": str(i)} for i in range(1000)])
    assert len(embedded_indexes.candidates(collection, {"unit": "u7", "name": {"$gte": "0"}})) == 20
    assert len(embedded_indexes.candidates(collection, {"$and": [{"unit": {"$in": ["u1", "u2"]}}]})) == 40
    assert embedded_indexes.candidates(collection, {"name": "5"}) is None       # not a declared index's first key
    collection.update_one({"_id": 7}, {"$set": {"unit": "u8"}})
    assert [d["_id"] for d in collection.find({"unit": "u8"})][:2] == [7, 8]     # the collection's order
    assert 7 not in [d["_id"] for d in collection.find({"unit": "u7"})]


@pytest.mark.parametrize("direction", [1, -1])
def test_string_keys_sort_as_bson_does_with_prefixes_ties_and_empty_strings(direction):
    rng = random.Random(direction)
    collection = mongomock.MongoClient().db["names{}".format(direction)]
    names = ["An", "An B", "An\tB", "", "Ân", "an", "B", "A", "Anh"]
    collection.insert_many([{"_id": "{}{}".format(rng.choice("xyz"), i), "name": rng.choice(names)}
                            for i in range(300)])
    for sort in ([("name", direction), ("_id", direction)], [("name", direction)]):
        for skip, limit in ((0, 10), (50, 0), (290, 20)):
            found = [d["_id"] for d in collection.find({}).sort(sort).skip(skip).limit(limit)]
            assert found == mongomock_sorted(collection, {}, sort, skip, limit), (sort, skip, limit)


def test_array_values_are_found_by_their_elements_and_an_or_reads_the_union_of_its_branches():
    collection = mongomock.MongoClient().db.multikey
    collection.create_index([("unit", 1)])
    collection.create_index([("ever", 1)])
    collection.insert_many([{"_id": i, "unit": "u{}".format(i % 50), "ever": ["u{}".format(i % 50),
                                                                       "old{}".format(i % 7)]}
                            for i in range(1000)] + [{"_id": "odd", "unit": None, "ever": []}])
    query = {"$or": [{"unit": {"$in": ["u3"]}}, {"ever": {"$in": ["old2"]}}]}
    allowed = embedded_indexes.candidates(collection, query)
    assert len(allowed) < 200 and "odd" in allowed          # empty arrays: always a candidate
    assert [d["_id"] for d in collection.find(query)] == scanned(collection, query)
    assert embedded_indexes.candidates(collection, {"$or": [{"unit": "u3"}, {"other": 1}]}) is None


@pytest.mark.parametrize("seed", range(4))
def test_a_few_indexed_candidates_come_in_the_collections_order_after_deletes_and_reinserts(seed):
    """Few candidates are ordered by their position (embedded._positions), not by a pass over every key:
    an update keeps a document's place, a delete and a new insert of the same id puts it last."""
    rng = random.Random(seed)
    collection = mongomock.MongoClient().db["positions{}".format(seed)]
    collection.create_index([("k", 1)])
    collection.insert_many([{"_id": "d{}".format(i), "k": rng.randrange(40)} for i in range(300)])
    for step in range(300):
        doc_id, action = "d{}".format(rng.randrange(330)), rng.random()
        if action < 0.3:
            collection.delete_one({"_id": doc_id})
        elif action < 0.6:
            if not collection.count_documents({"_id": doc_id}):
                collection.insert_one({"_id": doc_id, "k": rng.randrange(40)})
        elif action < 0.8:
            collection.update_one({"_id": doc_id}, {"$set": {"k": rng.randrange(40)}})
        else:
            collection.replace_one({"_id": doc_id}, {"k": rng.randrange(40), "other": step})
        filter = {"k": rng.randrange(40)}
        assert [d["_id"] for d in collection.find(filter)] == scanned(collection, filter), (seed, step)
