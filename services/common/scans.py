"""The shape of every scheduled scan (overdue cases, overdue recommendations, standards re-checks): load
each document with its version, let the domain change it, save it with its events; a document changed
meanwhile is skipped, because that change handled it or the next scan will."""
from services.common.errors import ConcurrentUpdate


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
            continue
        saved.append((doc_id, updated, events))
    return saved
