"""The kernel's ordering rule for projections (services/common/projections.py)."""
import random
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.envelope import new_event, sequence_of
from services.common.projections import (apply_in_order, event_time, event_version, is_older, newest,
                                         newest_version)


@dataclass(frozen=True)
class Copy:
    id: str
    name: str
    source_time: datetime | None
    kept_fact: str = ""
    source_version: int | None = None


EARLY = datetime(2026, 1, 1, 8, tzinfo=timezone.utc)
LATE = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)


def test_the_first_news_about_an_entity_is_kept_as_it_comes():
    assert apply_in_order(None, Copy("a", "first", EARLY)) == Copy("a", "first", EARLY)


def test_older_news_than_the_stored_copy_changes_nothing():
    assert apply_in_order(Copy("a", "new", LATE), Copy("a", "old", EARLY)) is None


def test_news_of_the_same_moment_or_later_is_applied_through_the_service_merge_and_stamped():
    merged = apply_in_order(Copy("a", "old", EARLY, kept_fact="rating"), Copy("a", "new", LATE),
                            merge=lambda current, incoming: Copy("a", incoming.name, None, current.kept_fact))
    assert merged == Copy("a", "new", LATE, "rating")
    assert apply_in_order(Copy("a", "x", LATE), Copy("a", "y", LATE)).name == "y"


def test_a_copy_stored_before_times_were_kept_accepts_any_news():
    assert apply_in_order(Copy("a", "legacy", None), Copy("a", "news", EARLY)).name == "news"
    assert not is_older(EARLY, None)


def test_event_times_compare_across_offsets_and_naive_values_count_as_utc():
    assert event_time({"time": "2026-01-01T15:30:00+07:00"}) == datetime(2026, 1, 1, 8, 30, tzinfo=timezone.utc)
    assert is_older(datetime(2026, 1, 1, 7, 59), EARLY) and newest(EARLY, "2026-01-01T16:00:00+07:00") == LATE


# --- versions (issue 24): the producer's replicas stamp `time` with clocks that differ ------------------
def test_a_higher_version_from_a_replica_whose_clock_is_behind_wins():
    kept = apply_in_order(Copy("a", "v1", LATE, source_version=1), Copy("a", "v2", EARLY, source_version=2))
    # The latest time seen stays: news without a version is not taken for newer than what was applied.
    assert kept == Copy("a", "v2", LATE, source_version=2)


def test_a_lower_version_with_a_later_clock_is_dropped():
    assert apply_in_order(Copy("a", "v2", EARLY, source_version=2), Copy("a", "v1", LATE, source_version=1)) is None


def test_the_same_version_is_the_same_change_and_applying_it_again_changes_nothing():
    stored = Copy("a", "v3", LATE, source_version=3)
    assert apply_in_order(stored, Copy("a", "v3", EARLY, source_version=3)) == Copy("a", "v3", LATE,
                                                                                    source_version=3)


def test_events_without_a_sequence_still_order_by_time():
    # Published before events carried one (still queued, parked or archived): time, as before.
    assert apply_in_order(Copy("a", "new", LATE), Copy("a", "old", EARLY)) is None
    # A copy stamped before versions were kept, news with one: time decides, the version is kept from then on.
    assert apply_in_order(Copy("a", "new", LATE), Copy("a", "old", EARLY, source_version=5)) is None
    assert apply_in_order(Copy("a", "old", EARLY), Copy("a", "new", LATE, source_version=5)) == Copy(
        "a", "new", LATE, source_version=5)
    # News without a version applied by its time leaves the version known: the copy says at least that much.
    assert apply_in_order(Copy("a", "v5", EARLY, source_version=5), Copy("a", "later", LATE)) == Copy(
        "a", "later", LATE, source_version=5)
    assert apply_in_order(Copy("a", "v5", LATE, source_version=5), Copy("a", "older", EARLY)) is None
    assert newest_version(None, None) is None and newest_version(None, 4) == newest_version(4, 2) == 4


def test_whatever_order_versions_arrive_in_the_newest_stays():
    """Five changes from replicas with random clocks, delivered in random orders: the copy ends at the last."""
    rng = random.Random(24)
    for _ in range(200):
        changes = [Copy("a", "v{}".format(v), datetime(2026, 1, 1, rng.randrange(24), tzinfo=timezone.utc),
                        source_version=v) for v in range(1, 6)]
        rng.shuffle(changes)
        copy = None
        for change in changes:
            copy = apply_in_order(copy, change) or copy
        assert (copy.name, copy.source_version) == ("v5", 5)


def test_the_version_is_read_from_the_event_sequence_and_sequences_sort_as_their_numbers():
    assert event_version(new_event("personnel", "unit_updated", {}, "unit-1", sequence=sequence_of(12, 3))) == 12
    assert event_version(new_event("personnel", "unit_updated", {}, "unit-1")) is None
    pairs = [(version, position) for version in (1, 2, 9, 10, 99, 100, 10 ** 11) for position in (1, 2, 10)]
    assert sorted(pairs, key=lambda pair: sequence_of(*pair)) == sorted(pairs)
