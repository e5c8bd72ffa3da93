"""Unit scopes in the services: which unit ids a list or report may cover (the query's own unit filter
within the caller's scope, `unit_ids`, that the gateway sets)."""


def units_within(wanted=None, allowed=None):
    """The `wanted` unit ids (None: any) within the `allowed` ones (None: any); None means every unit."""
    if allowed is None:
        return None if wanted is None else list(wanted)
    if wanted is None:
        return list(allowed)
    inside = set(allowed)
    return [unit_id for unit_id in wanted if unit_id in inside]


def with_unit(query, field, wanted=None, allowed=None):
    """`query` with a condition on its unit `field` (unchanged when every unit is covered).

    An empty intersection matches nothing (`{"$in": []}`), never everything.
    """
    units = units_within(wanted, allowed)
    return query if units is None else dict(query, **{field: {"$in": units}})
