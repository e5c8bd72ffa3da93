"""Summaries: counters a store keeps beside one of its collections, so a report reads one counter per
unit and bucket instead of every document (issue 16; docs/architecture.md, "Summaries").

A summary counts the documents of a collection by a few of their fields (its dimensions): ratings by
unit, year and rating, say. How the counters stay exact without multi-document transactions:

- the write that changes a counted document also marks it, in the same single-document write
  (`_recount`: the buckets it left and entered; `_recount_at`: when), so a marked change cannot be lost;
- the same request then recounts those buckets from the collection itself (an indexed count) and
  unmarks the document; a process that dies in between leaves the mark, and the store's sweep recounts
  it later (BaseStore.recount_marked, run beside the outbox sweep);
- a recount sets the count (it never adds), so doing it twice, or after a duplicate or redelivered
  event, changes nothing; concurrent recounts of one bucket are ordered by a sequence number taken
  before counting, and a counter only accepts a count with a higher number than the one it holds: the
  highest-numbered count was taken after every write that asked for it.

This module is pure: what a summary is and how its buckets are named. The store does the reading and
writing (services/common/store.py).
"""
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    """One field a summary counts by: `field` of the counted document, stored as `name` on the counter.
    `year_of`: the field is an ISO date (or datetime) and is counted by its year."""
    name: str
    field: str
    year_of: bool = False

    def value(self, document):
        value = document.get(self.field)
        if self.year_of and value is not None:
            return int(str(value)[:4])
        return value

    def condition(self, value):
        """The filter on the counted collection that selects this dimension's `value` (None: the field is
        null or missing, as MongoDB's equality with null matches both)."""
        if self.year_of and value is not None:
            # ISO dates and datetimes sort as text: a year is the range of its strings.
            return {self.field: {"$gte": "{:04d}".format(value), "$lt": "{:04d}".format(value + 1)}}
        return {self.field: value}


@dataclass(frozen=True)
class Summary:
    """Counts of `collection`'s documents by `dimensions` (a missing value is a value: null); `where`:
    ((field, value), ...) the documents counted at all (e.g. completed enrollments only)."""
    name: str
    collection: str
    dimensions: tuple
    where: tuple = ()

    def bucket(self, document):
        """The bucket id `document` counts in, or None. An id is the summary's name and the dimension
        values as JSON (readable, and decodable again to recount the bucket)."""
        if document is None or any(document.get(field) != value for field, value in self.where):
            return None
        return json.dumps([self.name] + [dimension.value(document) for dimension in self.dimensions],
                          ensure_ascii=False)

    def owns(self, bucket):
        return json.loads(bucket)[0] == self.name

    def counted_by(self, bucket):
        """The filter on the counted collection whose matches make up `bucket`."""
        query = dict(self.where)
        for dimension, value in zip(self.dimensions, json.loads(bucket)[1:]):
            query.update(dimension.condition(value))
        return query

    def counter(self, bucket, count):
        """The counter document's fields for `bucket` holding `count`."""
        values = json.loads(bucket)[1:]
        return dict({dimension.name: value for dimension, value in zip(self.dimensions, values)},
                    summary=self.name, count=count)


def buckets_of(summaries, *documents):
    """The buckets the documents count in, across `summaries` (a change: its state before and after)."""
    found = {summary.bucket(document) for summary in summaries for document in documents}
    found.discard(None)
    return sorted(found)


def totals(counters, by):
    """{value of dimension `by`: count} summed over counter documents (e.g. ratings over units); documents
    without a value there (null) are left out."""
    summed = {}
    for counter in counters:
        if counter["count"] and counter[by] is not None:
            summed[counter[by]] = summed.get(counter[by], 0) + counter["count"]
    return dict(sorted(summed.items()))
