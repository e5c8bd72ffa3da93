"""The embedded store's fast paths answer exactly what mongomock's scans answer."""
import re

import mongomock
import pytest
from bson import ObjectId, Regex
from mongomock.filtering import NOTHING
from pymongo.errors import DuplicateKeyError

from services.common import embedded

embedded.install()

DOCUMENTS = [
    {"_id": "a", "code": "X", "n": 5, "tags": ["p", "q"], "flag": True},
    {"_id": "b", "code": "Y", "n": 5.0, "tags": [], "flag": False, "gone": None, "outbox": []},
    {"_id": "c", "code": "Z", "n": 1, "flag": 1},
    {"_id": "d", "n": "5", "sub": {"code": "X"}, "outbox": [{"at": 3}, {"at": 12}]},
]


@pytest.fixture
def collection():
    collection = mongomock.MongoClient().db.things
    collection.insert_many([dict(document) for document in DOCUMENTS])
    return collection


def scanned(collection, filter):
    return [document["_id"] for document in embedded._scan_every_document(collection, filter)]


@pytest.mark.parametrize("filter", [
    {"_id": "a"}, {"_id": "a", "code": "X"}, {"_id": "a", "code": "Y"}, {"_id": "nope"},
    {"_id": {"$in": ["c", "a", "nope"]}}, {"_id": {"$in": []}},
    {"code": "X"}, {"n": 5}, {"n": "5"}, {"code": None}, {"gone": None}, {"tags": "p"},
    {"flag": 1}, {"flag": True}, {"code": "X", "n": 5}, {"sub.code": "X"}, {"n": {"$gt": 1}},
    {"n": {"$gte": 1, "$lt": 5}}, {"code": {"$lt": "Z"}}, {"tags": {"$gt": "a"}}, {"gone": {"$lt": 1}},
    {"sub.code": {"$gte": "X"}}, {"tags.at": {"$lt": 1}}, {"outbox.at": {"$lt": 10}}, {"outbox.at": {"$gt": 2}},
])
def test_every_fast_path_finds_what_a_full_scan_finds(collection, filter):
    found = [document["_id"] for document in collection.find(filter)]
    if "$" in str(filter):       # no order is promised without a sort (MongoDB's nor this one's)
        assert sorted(found) == sorted(scanned(collection, filter))
    else:
        assert found == scanned(collection, filter)


def test_a_second_document_with_a_unique_value_is_refused(collection):
    collection.create_index("code", unique=True)
    with pytest.raises(DuplicateKeyError):
        collection.insert_one({"_id": "e", "code": "X"})
    assert collection.count_documents({"_id": "e"}) == 0


def test_an_update_that_would_duplicate_a_unique_value_is_rolled_back(collection):
    collection.create_index("code", unique=True)
    with pytest.raises(DuplicateKeyError):
        collection.update_one({"_id": "b"}, {"$set": {"code": "X"}})
    assert collection.find_one({"_id": "b"})["code"] == "Y"
    with pytest.raises(DuplicateKeyError):
        collection.insert_one({"_id": "e", "code": "Y"})   # the rolled-back document still holds its value


def test_a_unique_value_is_free_again_once_its_holder_is_deleted_or_changed(collection):
    collection.create_index("code", unique=True)
    collection.delete_one({"_id": "a"})
    collection.update_one({"_id": "b"}, {"$set": {"code": "W"}})
    collection.insert_one({"_id": "e", "code": "X"})
    collection.insert_one({"_id": "f", "code": "Y"})
    assert sorted(d["code"] for d in collection.find({"code": {"$in": ["X", "Y"]}})) == ["X", "Y"]


def test_a_recreated_collection_and_index_guard_the_new_documents(collection):
    collection.create_index("code", unique=True)
    collection.drop()
    collection.insert_one({"_id": "g", "code": "X"})
    collection.create_index("code", unique=True)
    with pytest.raises(DuplicateKeyError):
        collection.insert_one({"_id": "h", "code": "X"})


def test_array_values_in_a_unique_index_fall_back_to_mongomocks_own_check():
    collection = mongomock.MongoClient().db.labelled
    collection.create_index("labels", unique=True, name="labels")
    collection.insert_one({"_id": "e", "labels": ["k", "m"]})
    with pytest.raises(DuplicateKeyError):
        collection.insert_one({"_id": "f", "labels": "k"})


@pytest.mark.parametrize("document_value, search_values", [
    ("a", ["a", "b"]), ("c", ["a", "b"]), (["x", "a"], ["a"]), ([], ["a"]), (None, [None]), (None, ["a"]),
    (NOTHING, [None]), (NOTHING, ["a"]), (1, [1.0]), (True, [1]), (1, [True]), ("1", [1]),
    ({"k": 1}, [{"k": 1}]), ([{"k": 1}], [{"k": 1}, "a"]), ([["a"]], [["a"]]), (["a", ["b"]], ["b"]),
    ("abc", [re.compile("^a")]), ("xbc", [re.compile("^a"), "q"]), (["q", "abc"], [Regex("^a")]),
    (ObjectId("5f0000000000000000000000"), [ObjectId("5f0000000000000000000000")]),
])
def test_in_answers_what_mongomocks_own_in_answers(document_value, search_values):
    assert embedded._in_op(document_value, search_values) == embedded._mongomock_in(document_value, search_values)


def test_a_filter_on_ids_and_more_checks_the_rest_of_the_filter(collection):
    found = collection.find({"_id": {"$in": ["a", "b", "c"]}, "n": 5})
    assert sorted(document["_id"] for document in found) == ["a", "b"]
    assert collection.find_one({"_id": "a", "code": "Y"}) is None
    assert [d["_id"] for d in collection.find({"_id": {"$in": ["a", "d"]}, "code": {"$nin": ["X"]}})] == ["d"]


@pytest.mark.parametrize("skip,limit", [(0, 1), (0, 2), (1, 2), (3, 5), (4, 1), (9, 3), (0, -2), (2 ** 70, 3)])
def test_a_page_of_a_sorted_cursor_is_that_slice_of_the_whole_sorted_answer(collection, skip, limit):
    collection.insert_many([{"_id": "p{}".format(n), "code": "P", "n": n % 3, "_outbox": [n]} for n in range(6)])
    whole = list(collection.find({}, {"_outbox": 0}).sort([("n", 1), ("_id", -1)]))
    page = collection.find({}, {"_outbox": 0}).sort([("n", 1), ("_id", -1)]).skip(skip).limit(limit)
    assert list(page) == whole[skip:skip + abs(limit)]


def test_a_page_follows_a_change_of_skip_or_limit_and_copies_what_it_answers(collection):
    cursor = collection.find({}).sort("_id", 1).limit(2)
    assert [document["_id"] for document in cursor] == ["a", "b"]
    cursor.rewind()
    cursor.skip(2)
    first = next(cursor)
    assert first["_id"] == "c"
    first["code"] = "changed"
    assert collection.find_one({"_id": "c"})["code"] == "Z"


def test_a_range_on_a_field_follows_every_write_after_its_first_use(collection):
    due = {"outbox.at": {"$lt": 10}}
    assert [document["_id"] for document in collection.find(due)] == ["d"]
    collection.insert_one({"_id": "f", "outbox": [{"at": 1}]})
    collection.update_one({"_id": "a"}, {"$push": {"outbox": {"at": 2}}})
    collection.update_one({"_id": "d"}, {"$pull": {"outbox": {"at": 3}}})
    assert sorted(document["_id"] for document in collection.find(due)) == ["a", "f"]
    collection.delete_one({"_id": "f"})
    collection.update_one({"_id": "a"}, {"$set": {"outbox": []}})
    assert list(collection.find(due)) == []
    collection.replace_one({"_id": "c"}, {"outbox": [{"at": 4}]})
    assert [document["_id"] for document in collection.find(due)] == ["c"]
    assert sorted(document["_id"] for document in collection.find(due)) == sorted(scanned(collection, due))
    collection.drop()
    collection.insert_one({"_id": "g", "outbox": [{"at": 5}]})
    assert [document["_id"] for document in collection.find(due)] == ["g"]


def test_a_write_rolled_back_by_a_unique_index_keeps_its_document_among_the_range_holders(collection):
    collection.create_index("code", unique=True)
    due = {"outbox.at": {"$lt": 10}}
    assert [document["_id"] for document in collection.find(due)] == ["d"]
    with pytest.raises(DuplicateKeyError):
        collection.update_one({"_id": "d"}, {"$set": {"code": "X", "outbox": []}})
    assert [document["_id"] for document in collection.find(due)] == ["d"]
