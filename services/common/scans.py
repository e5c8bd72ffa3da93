"""The shape of every scheduled scan (overdue cases, overdue recommendations, standards re-checks): load
each document with its version, let the domain change it, save it with its events; a document changed
meanwhile is skipped, because that change handled it or the next scan will."""
import logging

from services.common.errors import ConcurrentUpdate

_log = logging.getLogger(__name__)


def change_each(ids, load_versioned, change, save):
    """[(id, updated, events)] of the documents saved; `change` returns None when there is nothing to save."""
    saved = []
    for doc_id in ids:
        entity, version = load_versioned(doc_id)
        outcome = change(entity)
        if outcome is None:
            continue
        updated, events = outcome
        try:
            save(updated, version, events)
        except ConcurrentUpdate:
            _log.info("%s changed during a scan; left to the next one", getattr(updated, "id", doc_id))
            continue
        saved.append((doc_id, updated, events))
    return saved
