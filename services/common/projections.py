"""Projections of another service's entities: one rule, here, for applying news in order.

Services never call each other; each keeps copies of what it needs from personnel's events (units,
officials) and records on each copy `source_version`, the producer's version of the entity in the newest
event applied (the CloudEvents `sequence`, services/common/envelope.py), and `source_time`, that event's
`time`. The same event delivered twice is filtered by the store (its id is in `_applied`); this module
guards against the other case: a *different, older* event arriving after a newer one (a late retry
after a failure, a DLQ replay, a redelivery after a crash) and undoing what the newer one said.

Ordering is by the producer's version when the news and the copy both carry one: the version counts the
writes of the entity's document, so it orders them whichever replica made them. Time only orders the
rest: events published before they carried a `sequence` (still queued, parked or archived) and copies
that were stamped before. Time alone was wrong across replicas: each stamps events with its own clock,
and a newer change from a replica whose clock is behind looked older and was dropped. Equal versions are
one change (one write's events, or the same event again): applied, which changes nothing that the write
did not already say; equal times are applied too (arrival order, the best available without versions).
Each service supplies only its `merge`: what of the stored copy survives news about the entity (facts that
other events brought, such as training's ratings).

Pure Python: no nameko, pymongo or marshmallow, so a service's domain may use it too.
"""
from dataclasses import replace
from datetime import datetime, timezone


def event_time(event):
    """The CloudEvents `time` of an envelope, as an aware datetime (UTC if it carries no offset)."""
    return as_utc(datetime.fromisoformat(event["time"]))


def event_version(event):
    """The producer's version of the event's subject: the first part of its `sequence` (envelope.sequence_of,
    validated with the envelope), or None for an event without one."""
    sequence = event.get("sequence")
    return int(sequence.partition(".")[0]) if sequence else None


def as_utc(moment):
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def is_older(moment, known, version=None, known_version=None):
    """Whether news from `moment` at the producer's `version` is older than the newest already applied
    (`known`, `known_version`; None: not known). The versions decide when both are known, else the times."""
    if version is not None and known_version is not None:
        return version < known_version
    return known is not None and as_utc(moment) < as_utc(known)


def keep_incoming(current, incoming):
    """The default merge: the news replaces the copy entirely."""
    return incoming


def newest(known, moment):
    """The later of two event times (`known` may be None)."""
    return as_utc(moment) if known is None else max(as_utc(known), as_utc(moment))


def newest_version(known, version):
    """The higher of two producer versions, either may be None. News without a version that was applied (by
    its time) leaves the known one: the copy says at least what that version said."""
    versions = [v for v in (known, version) if v is not None]
    return max(versions) if versions else None


def apply_in_order(current, incoming, merge=keep_incoming):
    """The copy to store, or None to leave `current` untouched because `incoming` is older.

    Both are dataclasses carrying `source_version` and `source_time`; `merge(current, incoming)` says what
    survives when both exist; the copy kept is stamped with the newer of each (a version may win over a
    later clock: the time stamped stays the latest seen, so that news without a version is not taken for
    newer than what was applied).
    """
    if current is None:
        return incoming
    if is_older(incoming.source_time, current.source_time, incoming.source_version, current.source_version):
        return None
    return replace(merge(current, incoming), source_time=newest(current.source_time, incoming.source_time),
                   source_version=newest_version(current.source_version, incoming.source_version))
