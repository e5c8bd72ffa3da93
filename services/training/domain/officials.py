"""The officials projection, fed by personnel's events (services never call each other)."""
from dataclasses import replace

from services.common.projections import is_older, newest, newest_version
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


def separate(current, separated_on, reason, event_time, event_version=None):
    """official_separated: the official may no longer enroll; the snapshot remembers when and why (and,
    final whenever it arrives, outdates older news still on its way)."""
    return replace(current, status=SEPARATED, separated_on=separated_on, separation_reason=reason,
                   source_time=newest(current.source_time, event_time),
                   source_version=newest_version(current.source_version, event_version))


def record_evaluation(current, year, rating, event_time, event_version=None):
    """The snapshot with the year's rating, or None when a newer rating of that year is known. The version
    is the evaluation's (one document per official and year, the event's subject), not the official's."""
    known = next((e for e in current.evaluations if e.year == year), None)
    if known is not None and is_older(event_time, known.recorded_at, event_version, known.version):
        return None
    others = [e for e in current.evaluations if e.year != year]
    evaluations = sorted(others + [Evaluation(year, rating, event_time, event_version)], key=lambda e: e.year)
    return replace(current, evaluations=evaluations)
