"""The officials projection, fed by personnel's events (services never call each other)."""
from dataclasses import replace

from services.common.projections import as_utc, newest
from services.training.domain.enums import SEPARATED
from services.training.domain.model import Evaluation


def keep_training_facts(current, incoming):
    """The merge of newer registered/updated news (services/common/projections.py orders them): what
    other events added (evaluations, the separation) is kept, since registered/updated do not carry it."""
    kept = replace(incoming, evaluations=current.evaluations, separated_on=current.separated_on,
                   separation_reason=current.separation_reason)
    if current.separated_on is not None:
        kept = replace(kept, status=SEPARATED)   # a separation is final for training's purposes
    return kept


def separate(current, separated_on, reason, event_time):
    """official_separated: the official may no longer enroll; the snapshot remembers when and why."""
    return replace(current, status=SEPARATED, separated_on=separated_on, separation_reason=reason,
                   source_time=newest(current.source_time, event_time))


def record_evaluation(current, year, rating, event_time):
    """The snapshot with the year's rating, or None when a newer rating of that year is known."""
    known = next((e for e in current.evaluations if e.year == year), None)
    if known is not None and as_utc(event_time) < as_utc(known.recorded_at):
        return None
    others = [e for e in current.evaluations if e.year != year]
    evaluations = sorted(others + [Evaluation(year, rating, event_time)], key=lambda e: e.year)
    return replace(current, evaluations=evaluations)
