"""What a list or report may cover: the query's own unit filter within the caller's scope (`unit_ids`)."""
import pytest

from services.common.unit_scope import units_within, with_unit


@pytest.mark.parametrize("wanted, allowed, covered", [
    (None, None, None),                               # a province-wide caller, no filter: every unit
    (["a"], None, ["a"]),                             # a province-wide caller's own filter
    (None, ["a", "b"], ["a", "b"]),                   # a scoped caller without a filter: their subtree
    (["b", "c"], ["a", "b"], ["b"]),                  # a filter is intersected with the subtree
    (["c"], ["a", "b"], []),                          # outside the subtree: nothing, never everything
])
def test_the_units_covered_are_the_filter_within_the_scope(wanted, allowed, covered):
    assert units_within(wanted, allowed) == covered


def test_a_store_query_gets_an_in_condition_only_when_some_units_are_excluded():
    assert with_unit({"status": "OPEN"}, "unit_id") == {"status": "OPEN"}
    assert with_unit({"status": "OPEN"}, "target_unit_id", None, ["a"]) == {"status": "OPEN",
                                                                           "target_unit_id": {"$in": ["a"]}}
    assert with_unit({}, "unit_id", ["x"], ["a"]) == {"unit_id": {"$in": []}}
