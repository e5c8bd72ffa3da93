"""The counter of events the broker dropped from a full agency queue: the overflow consumer counts, the lag
timer folds the count into the agency and takes it off. Over a real driver every call yields, so a drop can
be counted between any two writes of the fold: none may be lost."""
import mongomock

from services.subscriptions.store import DROPPED, SubscriptionsStore


class CountingBetweenWrites:
    """The dropped-events collection, with one more drop counted right after each write made through it."""

    def __init__(self, collection, count_one):
        self.collection, self.count_one, self.counted = collection, count_one, 0

    def __getattr__(self, name):
        method = getattr(self.collection, name)
        if name not in ("update_one", "delete_one", "update_many", "delete_many", "find_one_and_update"):
            return method

        def write_then_count(*args, **kwargs):
            result = method(*args, **kwargs)
            self.count_one()
            self.counted += 1
            return result
        return write_then_count


class Database:
    def __init__(self, database, dropped):
        self.database, self.dropped = database, dropped

    def __getitem__(self, name):
        return self.dropped if name == DROPPED else self.database[name]


def test_drops_counted_while_a_count_is_taken_stay_for_the_next_round():
    database = mongomock.MongoClient().db
    store = SubscriptionsStore(database)
    for number in range(3):
        store.count_dropped("cuc-thong-ke", "event-{}".format(number), "2026-11-27T10:00:00+00:00")
    [counter] = store.dropped_counts()
    assert counter["count"] == 3

    racing = CountingBetweenWrites(database[DROPPED], lambda: store.count_dropped(
        "cuc-thong-ke", "late", "2026-11-27T10:00:01+00:00"))
    SubscriptionsStore(Database(database, racing)).take_dropped("cuc-thong-ke", counter["count"])

    assert racing.counted > 0
    assert [c["count"] for c in store.dropped_counts()] == [racing.counted]


def test_a_count_taken_whole_leaves_no_counter():
    store = SubscriptionsStore(mongomock.MongoClient().db)
    store.count_dropped("cuc-thong-ke", "event-1", "2026-11-27T10:00:00+00:00")
    store.take_dropped("cuc-thong-ke", 1)
    assert store.dropped_counts() == [] and store.db[DROPPED].count_documents({}) == 0
    store.count_dropped("cuc-thong-ke", "event-2", "2026-11-27T10:00:01+00:00")
    assert [(c["count"], c["first_event_id"]) for c in store.dropped_counts()] == [(1, "event-2")]
