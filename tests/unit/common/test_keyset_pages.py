"""BaseStore.keyset_page: walking a list page by page with `next` gives exactly the rows of one big page, in
the same order, for ascending and descending keys, dotted keys and ties on the first key (issue 16: every
large list pages by cursor)."""
import base64
import json
import random
from dataclasses import dataclass
from typing import Optional

import mongomock
import pytest

from services.common import embedded
from services.common.errors import Invalid
from services.common.store import BaseStore

embedded.install()

ORDERS = [[("received_on", -1), ("_id", 1)], [("received_on", 1), ("_id", 1)],
          [("answer.on", -1), ("_id", 1)], [("unit_id", 1), ("received_on", -1), ("_id", 1)]]


@dataclass(frozen=True)
class Item:
    id: str
    received_on: str
    unit_id: str
    answer: Optional[dict] = None


class ItemStore(BaseStore):
    service_name = "items"

    def create_indexes(self):
        self.db.items.create_index([("unit_id", 1)], name="item_unit")


@pytest.fixture(scope="module")
def store():
    database = mongomock.MongoClient().keyset
    rng = random.Random(7)
    database.items.insert_many([{
        "_id": "it-{:03d}".format(i), "_version": 1, "unit_id": rng.choice(["u1", "u2", "u3"]),
        "received_on": "2025-0{}-1{}".format(rng.randint(1, 3), rng.randint(0, 2)),      # many ties
        "answer": {"on": "2025-04-0{}".format(rng.randint(1, 4))}} for i in range(137)])
    ItemStore(database).ensure_indexes()
    return ItemStore(database)


@pytest.mark.parametrize("keys", ORDERS)
@pytest.mark.parametrize("query", [{}, {"unit_id": "u2"}, {"unit_id": {"$in": ["u1", "u3"]}}])
@pytest.mark.parametrize("size", [1, 7, 50])
def test_walking_by_cursor_gives_the_rows_of_one_big_page_in_its_order(store, keys, query, size):
    everything, total, following = store.keyset_page("items", Item, query, keys, None, 0, 1000)
    assert following is None and total == len(everything) > 0
    walked, cursor = [], None
    while True:
        page, count, cursor = store.keyset_page("items", Item, query, keys, cursor, 0, size, total=False)
        assert count is None and len(page) <= size
        walked += page
        if cursor is None:
            break
    assert [item.id for item in walked] == [item.id for item in everything]


def test_a_cursor_skips_the_offset_and_a_foreign_cursor_is_refused_naming_after(store):
    keys = ORDERS[0]
    first, _, cursor = store.keyset_page("items", Item, {}, keys, None, 0, 10)
    second, _, _ = store.keyset_page("items", Item, {}, keys, cursor, 99, 10)
    assert second == store.keyset_page("items", Item, {}, keys, None, 10, 10)[0]
    forged = [base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")
              for values in ([10 ** 30, "it-001"], [True, "it-001"], [[1], "it-001"], [{"$gt": ""}, "it-001"])]
    forged.append(base64.urlsafe_b64encode(b'[NaN, "it-001"]').decode().rstrip("="))
    # not base64 JSON, one value for two keys, an object, then values no stored row can hold (an integer
    # BSON cannot encode, a boolean, a list, an operator, NaN)
    for bad in ["x", "WyJhIl0", "e30"] + forged:
        with pytest.raises(Invalid) as error:
            store.keyset_page("items", Item, {}, keys, bad, 0, 10)
        assert "after" in error.value.fields
