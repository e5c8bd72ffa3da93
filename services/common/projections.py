"""Projections of another service's entities: one rule, here, for applying news in order.

Services never call each other; each keeps copies of what it needs from personnel's events (units,
officials) and records on each copy `source_time`, the CloudEvents `time` of the newest event applied
to it. The same event delivered twice is filtered by the store (its id is in `_applied`); this module
guards against the other case: a *different, older* event arriving after a newer one (a late retry
after a failure, a DLQ replay, a redelivery after a crash) and undoing what the newer one said.

Ordering is by the producer's event time (personnel stamps each event when it accepts the change, in
one process per write, so the time of two events about one entity follows the order of the writes).
Equal times are applied (a correction made within the same millisecond is still applied in arrival
order, the best available). Each service supplies only its `merge`: what of the stored copy survives
news about the entity (facts that other events brought, such as training's ratings).

Pure Python: no nameko, pymongo or marshmallow, so a service's domain may use it too.
"""
from dataclasses import replace
from datetime import datetime, timezone


def event_time(event):
    """The CloudEvents `time` of an envelope, as an aware datetime (UTC if it carries no offset)."""
    return as_utc(datetime.fromisoformat(event["time"]))


def as_utc(moment):
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def is_older(moment, known):
    """Whether news from `moment` is older than the newest already applied (`known`, None: nothing yet)."""
    return known is not None and as_utc(moment) < as_utc(known)


def keep_incoming(current, incoming):
    """The default merge: the news replaces the copy entirely."""
    return incoming


def newest(known, moment):
    """The later of two event times (`known` may be None)."""
    return as_utc(moment) if known is None else max(as_utc(known), as_utc(moment))


def apply_in_order(current, incoming, merge=keep_incoming):
    """The copy to store, or None to leave `current` untouched because `incoming` is older.

    Both are dataclasses carrying `source_time`; `merge(current, incoming)` says what survives when
    both exist; the copy kept is stamped with the newer time.
    """
    if current is None:
        return incoming
    if is_older(incoming.source_time, current.source_time):
        return None
    return replace(merge(current, incoming), source_time=incoming.source_time)
