"""The shape of a command entrypoint, written once: load at a version -> decide -> save with its events ->
dump the view (and its creating twin). An entrypoint then states only what differs: its input schema, the
domain function and the view.

Why `decide` receives the loaded entity and does everything after the load (reading other state,
checking dates): the errors come in the order they always did (input, then NotFound, then the rules),
and the save is at the version read before anything was decided.

Why a command is decided again when the entity moved between its load and its save: the version read is
the server's own, not one the client sent, so a ConcurrentUpdate here means only that something else
wrote the entity meanwhile, most often the service's own consumer applying an event (personnel adding
a training's qualification to the official being separated). Deciding again on what is stored now
applies the caller's intent with every rule checked against the latest state; the caller gets a 409
only if the entity keeps moving. Over MongoDB each call yields to other green threads, so that window
is real; the embedded store never yields inside a command, which hid it.
"""
from services.common.errors import ConcurrentUpdate

ATTEMPTS = 3


def change(repository, entity_id, decide, view):
    """Change one entity: `decide(entity) -> (changed, events)`; returns `view(changed)`.

    `decide` must only decide (it may run again): when the entity changed between load and save,
    nothing is written and the load and decision are repeated, up to ATTEMPTS times in all, after
    which ConcurrentUpdate is raised; a missing entity raises NotFound naming the repository's label."""
    for attempt in range(1, ATTEMPTS + 1):
        entity, version = repository.get_versioned(entity_id)
        changed, events = decide(entity)
        try:
            repository.save(changed, version, events)
        except ConcurrentUpdate:
            if attempt == ATTEMPTS:
                raise
            continue
        return view(changed)


def create(repository, decide, view):
    """Create one entity: `decide() -> (entity, events)`, inserted with its events; returns `view(entity)`."""
    entity, events = decide()
    repository.add(entity, events)
    return view(entity)
