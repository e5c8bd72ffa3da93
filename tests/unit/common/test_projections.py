"""The kernel's ordering rule for projections (services/common/projections.py)."""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.projections import apply_in_order, event_time, is_older, newest


@dataclass(frozen=True)
class Copy:
    id: str
    name: str
    source_time: datetime | None
    kept_fact: str = ""


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
