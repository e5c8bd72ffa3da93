"""Object-level authorization: a user (or API key) scoped to a unit sees and changes only that
unit and its sub-units.

- an object outside the scope, named in the path, answers 404 (its existence is not revealed);
- a body or query naming a unit or official outside the scope answers 403;
- a list without a unit filter is narrowed to the caller's scope, item by item.
Principals without a unit (province-wide roles) are not restricted and cost nothing here.
"""
from gateway.errors import HttpError

# path parameter -> (service, RPC method, how to find the owning unit in its answer)
OWNERS = {
    "official_id": ("personnel", "get_official", "unit_id"),
    "review_id": ("personnel", "get_review", "unit_id"),
    "inspection_id": ("inspection", "get_inspection", "unit_id"),
    "feedback_id": ("feedback", "get_feedback", "target_unit_id"),
    "enrollment_id": ("training", "get_enrollment", "official_id"),
}
UNIT_FIELDS = ("unit_id", "target_unit_id", "parent_id")
ITEM_UNIT_FIELDS = ("unit_id", "target_unit_id")


class Scope:
    def __init__(self, backends, principal):
        self.backends = backends
        self.root = (principal or {}).get("unit_id")
        self._inside = {}

    @property
    def restricted(self):
        return self.root is not None

    def check_path(self, path_args):
        for name, value in path_args.items():
            if name == "unit_id":
                unit = value
            elif name in OWNERS:
                unit = self._owner_unit(name, value)
            else:
                continue
            if unit is not None and not self.contains(unit):
                raise HttpError(404, "NOT_FOUND", "not found")

    def check_payload(self, payload):
        for field in UNIT_FIELDS:
            if isinstance(payload, dict) and payload.get(field) and not self.contains(payload[field]):
                raise HttpError(403, "OUTSIDE_SCOPE", "unit {} is outside your unit scope".format(payload[field]),
                                fields={field: ["outside your unit scope"]})
        official = payload.get("official_id") if isinstance(payload, dict) else None
        if official and not self.contains(self._owner_unit("official_id", official)):
            raise HttpError(403, "OUTSIDE_SCOPE", "this official is outside your unit scope",
                            fields={"official_id": ["outside your unit scope"]})

    def narrow(self, result):
        """Keep only the items of a list answer that belong to the scope."""
        if not (isinstance(result, dict) and isinstance(result.get("items"), list)):
            return result
        kept = [item for item in result["items"] if self._item_inside(item)]
        return dict(result, items=kept, total=result.get("total", len(kept)) - (len(result["items"]) - len(kept)))

    def contains(self, unit_id):
        """Is `unit_id` the scope's unit or one of its descendants? (walks up the parents)"""
        if unit_id is None:
            return False
        seen, current = [], unit_id
        while current is not None and current not in self._inside:
            if current == self.root:
                self._inside[current] = True
                break
            seen.append(current)
            current = self._parent(current)
        answer = current is not None and self._inside.get(current, False)
        for unit in seen:
            self._inside[unit] = answer
        return answer

    def _parent(self, unit_id):
        try:
            return self.backends.call("personnel", "get_unit", unit_id).get("parent_id")
        except Exception:  # an unknown unit is outside every scope
            return None

    def _owner_unit(self, name, value):
        service, method, key = OWNERS[name]
        try:
            owner = self.backends.call(service, method, value).get(key)
        except Exception:  # unknown objects are answered by the route itself (404)
            return None
        if name == "enrollment_id":
            return self._owner_unit("official_id", owner)
        return owner

    def _item_inside(self, item):
        if not isinstance(item, dict):
            return True
        for field in ITEM_UNIT_FIELDS:
            if item.get(field):
                return self.contains(item[field])
        if item.get("id") and item.get("level") and "parent_id" in item:   # a unit itself
            return self.contains(item["id"])
        return True


def default_to_scope(spec, query, unit_id):
    """A scoped caller's query without a unit filter is filtered on their unit (and sub-units)."""
    declared = spec.query().fields if spec.query else {}
    if "unit_id" not in declared or "unit_id" in query:
        return
    query["unit_id"] = unit_id   # where sub-units cannot be asked for, the own unit only: never province-wide
    subunits = next((name for name in ("include_sub_units", "include_subunits") if name in declared), None)
    if subunits:
        query[subunits] = "true"
