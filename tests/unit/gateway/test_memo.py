"""A memo answers from its last value for a while, then computes again."""
from gateway.memo import Memo
from tests.helpers import ManualClock


def test_a_value_is_reused_within_its_lifetime_and_recomputed_after():
    clock, calls = ManualClock(), []
    memo = Memo(1.0, clock=clock)
    compute = lambda: calls.append(clock.now) or len(calls)  # noqa: E731
    assert memo.get(compute) == 1
    clock.now = 0.9
    assert memo.get(compute) == 1
    clock.now = 1.0
    assert memo.get(compute) == 2 and calls == [0.0, 1.0]
