"""Object-level authorization: a user (or API key) scoped to a unit sees and changes only that
unit and its sub-units.

- the scope is the set of ids of the caller's unit and every unit below it as the tree stands today
  (one personnel RPC, `unit_subtree`, made at most once per request);
- an object outside the scope, named in the path, answers 404 (its existence is not revealed);
- a body or query naming a unit or official outside the scope answers 403;
- a list or report route declared `unit_scoped` passes the scope to its service as `unit_ids`, which
  the service applies in its store query: pages are full and totals exact (no filtering afterwards).
Principals without a unit (province-wide roles) are not restricted and cost nothing here.
"""
from gateway.errors import HttpError
from services.common.errors import Invalid, NotFound

# path parameter -> (service, RPC method, how to find the owning unit in its answer)
OWNERS = {
    "official_id": ("personnel", "get_official", "unit_id"),
    "review_id": ("personnel", "get_review", "unit_id"),
    "inspection_id": ("inspection", "get_inspection", "unit_id"),
    "feedback_id": ("feedback", "get_feedback", "target_unit_id"),
    "enrollment_id": ("training", "get_enrollment", "official_id"),
}
UNIT_FIELDS = ("unit_id", "target_unit_id", "parent_id")
# Lists whose items belong to no unit, so every caller with the role sees them all (tests check that every
# other list route is `unit_scoped` or names its owner in the path).
PROVINCE_WIDE_LISTS = {
    "/api/v1/training/courses": "courses are open to officials of every unit",
    "/api/v1/training/plans": "the province's plans; their targets name units, progress is per plan",
    "/api/v1/inspection/plans": "the province's annual inspection plans, approved province-wide",
    "/api/v1/feedback/published": "public: published answers, personal data masked",
    "/api/v1/users": "admin only", "/api/v1/api-keys": "admin only", "/api/v1/audit": "admin only",
}


class Scope:
    def __init__(self, backends, principal):
        self.backends = backends
        self.root = (principal or {}).get("unit_id")
        self._unit_ids, self._inside = None, frozenset()

    @property
    def restricted(self):
        return self.root is not None

    def unit_ids(self):
        """The ids of the scope's units (the caller's unit first), fetched once per request."""
        if self._unit_ids is None:
            self._unit_ids = list(self.backends.call("personnel", "unit_subtree", self.root))
            self._inside = frozenset(self._unit_ids)
        return self._unit_ids

    def contains(self, unit_id):
        """Is `unit_id` the scope's unit or one of its descendants?"""
        return unit_id is not None and unit_id in self._inside_ids()

    def _inside_ids(self):
        self.unit_ids()
        return self._inside

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

    def _owner_unit(self, name, value):
        service, method, key = OWNERS[name]
        try:
            owner = self.backends.call(service, method, value).get(key)
        except (NotFound, Invalid):  # unknown objects are answered by the route itself (404 / 400)
            return None                # anything else (a service down, late) fails the request: never unchecked
        if name == "enrollment_id":
            return self._owner_unit("official_id", owner)
        return owner
