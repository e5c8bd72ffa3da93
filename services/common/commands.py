"""The shape of a command entrypoint, written once: load at a version -> decide -> save with its events ->
dump the view (and its creating twin). An entrypoint then states only what differs: its input schema, the
domain function and the view.

Why `decide` receives the loaded entity and does everything after the load (reading other state,
checking dates): the errors come in the order they always did (input, then NotFound, then the rules),
and the save is at the version read before anything was decided.
"""


def change(repository, entity_id, decide, view):
    """Change one entity: `decide(entity) -> (changed, events)`; returns `view(changed)`.

    A concurrent change between load and save raises ConcurrentUpdate (nothing written: retry);
    a missing entity raises NotFound naming the repository's label."""
    entity, version = repository.get_versioned(entity_id)
    changed, events = decide(entity)
    repository.save(changed, version, events)
    return view(changed)


def create(repository, decide, view):
    """Create one entity: `decide() -> (entity, events)`, inserted with its events; returns `view(entity)`."""
    entity, events = decide()
    repository.add(entity, events)
    return view(entity)
