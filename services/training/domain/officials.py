"""The officials projection, fed by personnel's events (services never call each other)."""
from dataclasses import replace
from datetime import timezone

from services.training.domain.enums import SEPARATED
from services.training.domain.model import Evaluation


def _utc(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def apply_snapshot(current, incoming):
    """The snapshot to keep, or None when `incoming` is older than what is already known.

    Redelivery of the same event is filtered by the store (applied event ids); this guards
    against a late retry or a DLQ replay of an older event undoing a newer one. What other
    events added (evaluations, the separation) is kept: registered/updated do not carry it.
    """
    if current is None:
        return incoming
    if _utc(incoming.source_time) < _utc(current.source_time):
        return None
    kept = replace(incoming, evaluations=current.evaluations, separated_on=current.separated_on,
                   separation_reason=current.separation_reason)
    if current.separated_on is not None:
        kept = replace(kept, status=SEPARATED)   # a separation is final for training's purposes
    return kept


def separate(current, separated_on, reason, event_time):
    """official_separated: the official may no longer enroll; the snapshot remembers when and why."""
    return replace(current, status=SEPARATED, separated_on=separated_on, separation_reason=reason,
                   source_time=max(_utc(current.source_time), _utc(event_time)))


def record_evaluation(current, year, rating, event_time):
    """The snapshot with the year's rating, or None when a newer rating of that year is known."""
    known = next((e for e in current.evaluations if e.year == year), None)
    if known is not None and _utc(event_time) < _utc(known.recorded_at):
        return None
    others = [e for e in current.evaluations if e.year != year]
    evaluations = sorted(others + [Evaluation(year, rating, event_time)], key=lambda e: e.year)
    return replace(current, evaluations=evaluations)


def is_older(event_time, known_time):
    """Whether an event is older than the newest one already applied (a late retry or replay)."""
    return known_time is not None and _utc(event_time) < _utc(known_time)
