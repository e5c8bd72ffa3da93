"""Summaries (services/common/summaries.py, BaseStore's recount): the counters equal a count of the raw
documents after a random sequence of inserts, changes, duplicate and redelivered events, concurrent writes
and writers that die between their write and their recount (the sweep finishes their work)."""
import random
from collections import Counter
from dataclasses import dataclass, replace
from typing import Optional

import mongomock
import pytest

from services.common import embedded
from services.common.errors import ConcurrentUpdate
from services.common.store import SUMMARIES, BaseStore
from services.common.summaries import Dimension, Summary, totals

embedded.install()

BY_RATING = Summary("by_rating", "ratings", (Dimension("unit_id", "unit_id"), Dimension("year", "year"),
                                             Dimension("rating", "rating")))
BY_DECISION_YEAR = Summary("by_decision_year", "ratings", (Dimension("unit_id", "unit_id"),
                                                           Dimension("year", "decided_on", year_of=True)))
UNITS, YEARS, RATINGS = ["u1", "u2", "u3"], [2017, 2021, 2026], ["EXCELLENT", "GOOD", "COMPLETED", None]


@dataclass(frozen=True)
class Rating:
    id: str
    unit_id: str
    year: int
    rating: Optional[str]           # not rated yet: counted nowhere
    decided_on: Optional[str]
    note: str = ""


class RatingStore(BaseStore):
    service_name = "ratings"
    outbox_collections = ("ratings",)
    summaries = (BY_RATING, BY_DECISION_YEAR)

    def create_indexes(self):
        self.db.ratings.create_index([("unit_id", 1), ("year", 1)], name="rating_unit_year")


class WriterDied(Exception):
    """The process stopped between its write and its recount."""


@pytest.fixture
def db():
    database = mongomock.MongoClient().summaries
    RatingStore(database).ensure_indexes()
    return database


def raw_counts(db, summary):
    """The summary computed straight from the stored documents."""
    counted = Counter()
    for document in db.ratings.find({}):
        bucket = summary.bucket(document)
        if bucket is not None:
            counted[bucket] += 1
    return dict(counted)


def counters(db, summary):
    return {counter["_id"]: counter["count"] for counter in db[SUMMARIES].find({"summary": summary.name})
            if counter["count"]}


def random_rating(rng, rating_id):
    return Rating(rating_id, rng.choice(UNITS), rng.choice(YEARS), rng.choice(RATINGS),
                  rng.choice([None, "2017-12-20", "2021-01-05", "2026-06-30T10:00:00"]))


def died_after_write(store):
    def recount_document(collection, doc_id):
        raise WriterDied
    store.recount_document = recount_document
    return store


@pytest.mark.parametrize("seed", range(6))
def test_counters_equal_a_recount_of_the_raw_documents_after_random_writes_duplicates_and_crashes(db, seed):
    rng = random.Random(seed)
    ids, delivered, deaths = [], [], 0
    for step in range(250):
        store = RatingStore(db)
        if rng.random() < 0.15:
            died_after_write(store)        # the write stands, its recount never happens
            deaths += 1
        action = rng.random()
        try:
            if action < 0.3 or not ids:
                rating = random_rating(rng, "r{}".format(step))
                store.commit("ratings", rating.id, store.state_of(rating))
                ids.append(rating.id)
            elif action < 0.45 and delivered:
                # A redelivered event: the same id applied again to the same document changes nothing.
                doc_id, event_id, state = rng.choice(delivered)
                current = db.ratings.find_one({"_id": doc_id})
                assert store.commit("ratings", doc_id, state, expected_version=current["_version"],
                                    applied_event=event_id) is False
            elif action < 0.55:
                # Two writers read the same version: the second is refused and writes nothing.
                doc_id = rng.choice(ids)
                first, second = RatingStore(db), RatingStore(db)
                (_, version), _ = first.get_versioned("ratings", Rating, doc_id), \
                    second.get_versioned("ratings", Rating, doc_id)
                first.commit("ratings", doc_id, first.state_of(random_rating(rng, doc_id)), expected_version=version)
                with pytest.raises(ConcurrentUpdate):
                    second.commit("ratings", doc_id, second.state_of(random_rating(rng, doc_id)),
                                  expected_version=version)
            else:
                doc_id = rng.choice(ids)
                current, version = store.get_versioned("ratings", Rating, doc_id)
                changed = random_rating(rng, doc_id) if rng.random() < 0.7 else replace(current, note=str(step))
                event_id = "evt-{}".format(step)
                store.commit("ratings", doc_id, store.state_of(changed), expected_version=version,
                             applied_event=event_id)
                delivered.append((doc_id, event_id, store.state_of(changed)))
        except WriterDied:
            pass
        marked = list(db.ratings.find({"_recount": {"$exists": True}}))
        assert len(marked) <= deaths           # a writer that lives recounts and unmarks what it wrote
        pending = {bucket for document in marked for bucket in document["_recount"]}
        for summary in (BY_RATING, BY_DECISION_YEAR):         # every bucket no one waits on is exact at once
            held, counted = counters(db, summary), raw_counts(db, summary)
            assert {b: n for b, n in held.items() if b not in pending} == \
                {b: n for b, n in counted.items() if b not in pending}, (seed, step)
    RatingStore(db).recount_marked(grace_seconds=-1)         # the sweep, after the crashed writers
    assert not db.ratings.count_documents({"_recount": {"$exists": True}})
    for summary in (BY_RATING, BY_DECISION_YEAR):
        assert counters(db, summary) == raw_counts(db, summary), seed


def test_a_write_that_moves_no_counter_marks_nothing(db):
    store = RatingStore(db)
    rating = Rating("r1", "u1", 2021, "GOOD", "2021-01-05")
    store.commit("ratings", "r1", store.state_of(rating))
    _, version = store.get_versioned("ratings", Rating, "r1")
    store.commit("ratings", "r1", store.state_of(replace(rating, note="typo")), expected_version=version)
    assert "_recount" not in db.ratings.find_one({"_id": "r1"})
    assert counters(db, BY_RATING) == {'["by_rating", "u1", 2021, "GOOD"]': 1}


def test_a_write_whose_recount_failed_is_recounted_by_the_sweep_not_before_its_grace(db):
    died_after_write(RatingStore(db)).commit("ratings", "r1", RatingStore.state_of(
        Rating("r1", "u2", 2026, "EXCELLENT", None)))
    assert counters(db, BY_RATING) == {}
    assert RatingStore(db).recount_marked(grace_seconds=60) == 0
    assert RatingStore(db).recount_marked(grace_seconds=-1) == 1
    assert totals(RatingStore(db).counters(BY_RATING, unit_id=["u2"], year=2026), "rating") == {"EXCELLENT": 1}


def test_a_count_numbered_before_the_one_a_counter_holds_is_refused(db):
    store = RatingStore(db)
    store.commit("ratings", "r1", store.state_of(Rating("r1", "u1", 2021, "GOOD", None)))
    bucket = BY_RATING.bucket(db.ratings.find_one({"_id": "r1"}))
    stale = db[SUMMARIES].find_one({"_id": bucket})["number"]
    store.commit("ratings", "r2", store.state_of(Rating("r2", "u1", 2021, "GOOD", None)))   # numbered after
    # A slow recount that counted before r2 arrives last: its lower number cannot overwrite the newer count.
    original_find = db[SUMMARIES].find_one_and_update

    class Slow:
        def __getattr__(self, name):
            return getattr(db[SUMMARIES], name)

        def find_one_and_update(self, *args, **kwargs):
            original_find(*args, **kwargs)
            return {"value": stale}

    class SlowStore(RatingStore):
        def __init__(self, database):
            super().__init__(database)
            self.db = {SUMMARIES: Slow(), "ratings": database.ratings}

    db.ratings.update_one({"_id": "r2"}, {"$set": {"rating": "EXCELLENT"}})    # the stale count would say 1
    SlowStore(db).recount(bucket)
    assert db[SUMMARIES].find_one({"_id": bucket})["count"] == 2


def test_a_summary_declared_after_the_data_was_written_is_built_from_it_once(db):
    for index, (unit, year, rating) in enumerate([("u1", 2017, "GOOD"), ("u1", 2017, "GOOD"), ("u2", 2017, None),
                                                  ("u3", 2026, "COMPLETED")]):
        db.ratings.insert_one({"_id": "old{}".format(index), "_version": 1, "unit_id": unit, "year": year,
                               "rating": rating, "decided_on": None})
    db[SUMMARIES].delete_many({})
    RatingStore(db).ensure_indexes()
    assert counters(db, BY_RATING) == raw_counts(db, BY_RATING) == {
        '["by_rating", "u1", 2017, "GOOD"]': 2, '["by_rating", "u2", 2017, null]': 1,
        '["by_rating", "u3", 2026, "COMPLETED"]': 1}
    db.ratings.insert_one({"_id": "bypassed", "_version": 1, "unit_id": "u1", "year": 2017, "rating": "GOOD"})
    RatingStore(db).ensure_indexes()                       # a restart does not count everything again
    assert counters(db, BY_RATING)['["by_rating", "u1", 2017, "GOOD"]'] == 2


def test_totals_sum_a_dimension_over_the_others_and_leave_out_empty_buckets_and_nulls():
    assert totals([{"rating": "GOOD", "count": 2}, {"rating": "GOOD", "count": 3}, {"rating": "EXCELLENT", "count": 0},
                   {"rating": "COMPLETED", "count": 1}, {"rating": None, "count": 4}], "rating") == \
        {"COMPLETED": 1, "GOOD": 5}


def test_only_documents_meeting_the_summary_condition_are_counted():
    completed = Summary("done", "ratings", (Dimension("unit_id", "unit_id"),), where=(("rating", "COMPLETED"),))
    assert completed.bucket({"unit_id": "u1", "rating": "GOOD"}) is None
    assert completed.bucket({"unit_id": None, "rating": "COMPLETED"}) == '["done", null]'
    assert completed.counted_by('["done", null]') == {"rating": "COMPLETED", "unit_id": None}


def test_a_year_dimension_counts_dates_and_datetimes_by_their_year():
    dimension = Dimension("year", "decided_on", year_of=True)
    assert dimension.value({"decided_on": "2026-06-30T10:00:00"}) == 2026
    assert mongomock.filtering.filter_applies(dimension.condition(2021), {"decided_on": "2021-12-31"})
    assert not mongomock.filtering.filter_applies(dimension.condition(2021), {"decided_on": "2022-01-01"})


def test_a_bulk_write_recounts_each_bucket_once_at_its_end_and_marks_no_document(db):
    store, recounted = RatingStore(db), []
    original = store.recount

    def counting(bucket):
        recounted.append(bucket)
        original(bucket)
    store.recount = counting
    rng = random.Random(3)
    with store.recounts_deferred():
        for index in range(60):
            rating = random_rating(rng, "bulk{}".format(index))
            store.commit("ratings", rating.id, store.state_of(rating))
        assert recounted == [] and not db.ratings.count_documents({"_recount": {"$exists": True}})
        assert db[SUMMARIES].count_documents({"_id": {"$regex": "^rebuild:"}}) == 1
    assert len(recounted) == len(set(recounted)) > 0
    assert not db[SUMMARIES].count_documents({"_id": {"$regex": "^rebuild:"}})
    for summary in (BY_RATING, BY_DECISION_YEAR):
        assert counters(db, summary) == raw_counts(db, summary)


def test_a_bulk_write_whose_process_died_is_counted_again_at_the_next_start(db):
    store, rng = RatingStore(db), random.Random(5)
    bulk = store.recounts_deferred()
    bulk.__enter__()                          # and never left: the process died during the bulk write
    for index in range(40):
        rating = random_rating(rng, "died{}".format(index))
        store.commit("ratings", rating.id, store.state_of(rating))
    assert counters(db, BY_RATING) != raw_counts(db, BY_RATING)
    RatingStore(db).ensure_indexes()          # another process starts while the bulk still beats: its note stays
    assert db[SUMMARIES].count_documents({"_id": {"$regex": "^rebuild:"}}) == 1
    db[SUMMARIES].update_many({"_id": {"$regex": "^rebuild:"}}, {"$set": {"alive_at": 0}})   # it stopped beating
    RatingStore(db).ensure_indexes()          # the next start
    for summary in (BY_RATING, BY_DECISION_YEAR):
        assert counters(db, summary) == raw_counts(db, summary)
    assert not db[SUMMARIES].count_documents({"_id": {"$regex": "^rebuild:"}})


def test_a_summary_whose_dimensions_change_starts_from_no_counters(db):
    store = RatingStore(db)
    for index, rating in enumerate(["GOOD", "GOOD", "EXCELLENT"]):
        store.commit("ratings", "r{}".format(index), store.state_of(Rating("r{}".format(index), "u1", 2024, rating, None)))
    by_unit = Summary("by_rating", "ratings", (Dimension("unit_id", "unit_id"), Dimension("year", "year")))

    class Narrower(RatingStore):
        summaries = (by_unit,)
    Narrower(db).ensure_indexes()
    assert [(c["unit_id"], c["year"], c["count"]) for c in Narrower(db).counters(by_unit)] == [("u1", 2024, 3)]
    assert totals(Narrower(db).counters(by_unit), "unit_id") == {"u1": 3}


def test_a_mark_of_a_summary_no_longer_declared_does_not_hold_up_the_sweep(db):
    died_after_write(RatingStore(db)).commit("ratings", "r1", RatingStore.state_of(Rating("r1", "u1", 2024, "GOOD", None)))
    db.ratings.update_one({"_id": "r1"}, {"$push": {"_recount": '["renamed", "u1"]'}})
    assert RatingStore(db).recount_marked(grace_seconds=-1) == 1
    assert counters(db, BY_RATING) == raw_counts(db, BY_RATING) and "_recount" not in db.ratings.find_one({"_id": "r1"})
