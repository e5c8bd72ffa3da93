"""A scheduled scan saves what the domain changed and skips what changed meanwhile."""
from services.common.errors import ConcurrentUpdate
from services.common.scans import change_each


def test_a_scan_saves_each_change_skips_the_unchanged_and_those_changed_meanwhile():
    stored = {"a": (1, 7), "b": (2, 3), "c": (3, 5)}      # id -> (value, version)
    saved = {}

    def save(value, version, events):
        if version == 5:
            raise ConcurrentUpdate("c changed meanwhile")
        saved[value] = events

    outcome = change_each(["a", "b", "c"], lambda i: stored[i],
                          lambda value: None if value == 2 else (value * 10, ["changed"]), save)

    assert outcome == [("a", 10, ["changed"])]
    assert saved == {10: ["changed"]}
