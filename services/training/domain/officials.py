"""The officials projection, fed by personnel's events (services never call each other)."""
from datetime import timezone


def _utc(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def apply_snapshot(current, incoming):
    """The snapshot to keep, or None when `incoming` is older than what is already known.

    Redelivery of the same event is filtered by the store (applied event ids); this guards
    against a late retry or a DLQ replay of an older event undoing a newer one.
    """
    if current is not None and _utc(incoming.source_time) < _utc(current.source_time):
        return None
    return incoming
