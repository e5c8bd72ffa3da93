"""The embedded store's copies give what copy.deepcopy and mongomock's own walks give, and keep the
stored documents isolated from the caller's objects."""
import copy
from collections import OrderedDict
from datetime import date, datetime, timedelta, timezone

import mongomock
from bson import ObjectId

from services.common import embedded, embedded_copies

embedded.install()

DOCUMENT = {"_id": ObjectId(), "name": "Nguyễn Văn A", "n": 3, "x": 1.5, "ok": True, "none": None,
            "on": date(2024, 6, 30), "at": datetime(2024, 6, 30, 8, 0, 0, 123456, tzinfo=timezone(timedelta(hours=7))),
            "list": [{"a": [1, {"b": "c"}]}, (1, 2)], "ordered": OrderedDict(k=1), "raw": b"\x00"}


def test_a_document_copy_equals_a_deep_copy_and_shares_no_container():
    copied = embedded_copies.copy_document(DOCUMENT)
    assert copied == copy.deepcopy(DOCUMENT)
    copied["list"][0]["a"][1]["b"] = "changed"
    assert DOCUMENT["list"][0]["a"][1]["b"] == "c"


def test_datetime_normalisation_matches_mongomocks_own_walk():
    assert (embedded_copies.patch_datetime_awareness_in_document(DOCUMENT)
            == embedded_copies._patch_datetime_by_walk(DOCUMENT))
    patched = embedded_copies.patch_datetime_awareness_in_document(DOCUMENT)
    assert patched["at"] == datetime(2024, 6, 30, 1, 0, 0, 123000) and patched["at"].tzinfo is None


def test_what_a_caller_does_with_its_objects_never_reaches_the_stored_document():
    collection = mongomock.MongoClient().db.isolated
    written = {"_id": "a", "items": [{"n": 1}]}
    collection.insert_one(written)
    written["items"][0]["n"] = 2
    value = [{"n": 3}]
    collection.update_one({"_id": "a"}, {"$set": {"more": value}})
    value[0]["n"] = 4
    read = collection.find_one({"_id": "a"})
    read["items"].append("x")
    assert collection.find_one({"_id": "a"}) == {"_id": "a", "items": [{"n": 1}], "more": [{"n": 3}]}


def test_a_projection_returns_copies_of_the_chosen_fields():
    collection = mongomock.MongoClient().db.projected
    collection.insert_one({"_id": "a", "keep": {"deep": [1]}, "drop": 1})
    read = collection.find_one({"_id": "a"}, {"keep": 1})
    read["keep"]["deep"].append(2)
    assert read == {"_id": "a", "keep": {"deep": [1, 2]}}
    assert collection.find_one({"_id": "a"}, {"drop": 0}) == {"_id": "a", "keep": {"deep": [1]}}
