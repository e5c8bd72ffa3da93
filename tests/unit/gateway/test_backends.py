"""The gateway's calls to the services: parallel parts, one deadline, failures kept per part."""
import time

import eventlet
from eventlet.event import Event
import pytest
from nameko.exceptions import RpcTimeout, UnknownService

from gateway.backends import Backends


class Reply:
    """Like nameko's RpcReply: the reply arrives `delay` seconds after its request left (delivered by
    the reply listener, whoever waits), and result() waits for it."""

    def __init__(self, value=None, delay=0.0, error=None):
        self.value, self.delay, self.error = value, delay, error
        self.arrived = None

    def sent(self):
        self.arrived = Event()
        eventlet.spawn_after(self.delay, self.arrived.send, True)

    def result(self):
        self.arrived.wait()
        if self.error:
            raise self.error
        return self.value


class Method:
    def __init__(self, reply, sent):
        self.reply, self.sent = reply, sent

    def call_async(self, *args):
        self.sent.append(args)
        self.reply.sent()
        return self.reply


class Proxy:
    def __init__(self, **replies):
        self.sent = []
        self.replies = replies

    def __getattr__(self, method):
        return Method(self.replies[method], self.sent)


class Metrics:
    def __init__(self):
        self.observed = []

    def observe_rpc(self, service, method, outcome, seconds):
        self.observed.append((service, method, outcome))


def backends(metrics=None, **proxies):
    return Backends(proxies, timeout=0.5, aggregate_timeout=0.3, metrics=metrics)


def test_parts_run_in_parallel_and_each_answer_lands_under_its_name():
    slow = dict(get=Reply({"n": 1}, delay=0.1))
    calls = backends(a=Proxy(**slow), b=Proxy(**slow), c=Proxy(**slow))
    started = time.monotonic()
    results, failures = calls.gather({name: (name, "get", (name,)) for name in "abc"})
    assert results == {"a": {"n": 1}, "b": {"n": 1}, "c": {"n": 1}} and failures == {}
    assert time.monotonic() - started < 0.25      # three 0.1 s parts, not 0.3 s one after another


def test_a_late_part_is_a_timeout_and_the_others_are_still_answered_within_the_deadline():
    metrics = Metrics()
    calls = backends(metrics, fast=Proxy(get=Reply(1)), late=Proxy(get=Reply(2, delay=5)),
                     after=Proxy(get=Reply(3, delay=0.05)))
    started = time.monotonic()
    results, failures = calls.gather({name: (name, "get", ()) for name in ("fast", "late", "after")})
    assert time.monotonic() - started < 0.5
    assert results == {"fast": 1, "after": 3}
    assert isinstance(failures["late"], RpcTimeout)
    assert sorted(metrics.observed) == [("after", "get", "ok"), ("fast", "get", "ok"), ("late", "get", "timeout")]


def test_a_failing_part_is_reported_with_its_error_not_raised():
    calls = backends(up=Proxy(get=Reply(1)), down=Proxy(get=Reply(error=UnknownService("down"))))
    results, failures = calls.gather({"up": ("up", "get", ()), "down": ("down", "get", ())})
    assert results == {"up": 1} and isinstance(failures["down"], UnknownService)


def test_a_single_call_returns_the_answer_or_raises_its_failure():
    calls = backends(ok=Proxy(get=Reply("x")), late=Proxy(get=Reply(delay=5)))
    assert calls.call("ok", "get", 1) == "x"
    started = time.monotonic()
    with pytest.raises(RpcTimeout):
        calls.call("late", "get", timeout=0.1)
    assert time.monotonic() - started < 0.3
