"""Event counters of each service in this process (published, consumed, retried, dead-lettered, and
already_dead_lettered: a redelivered event that failed again but was in the DLQ already), read through
the `metrics` RPC by the gateway's /metrics."""
from collections import Counter, defaultdict

KINDS = ("published", "consumed", "retried", "dead_lettered", "already_dead_lettered")
_counters = defaultdict(lambda: {kind: Counter() for kind in KINDS})


def count(service, kind, event_type, amount=1):
    _counters[service][kind][event_type] += amount


def snapshot(service):
    return {kind: dict(counter) for kind, counter in _counters[service].items()}
