"""Object-level authorization: a user (or API key) scoped to a unit sees and changes only that
unit and its sub-units.

- the scope is the set of ids of the caller's unit and every unit below it as the tree stands today
  (one personnel RPC, `unit_subtree`, made at most once per request);
- every id a route carries is checked against it: which ids and how to find their unit is one table,
  gateway.ownership (RouteSpec.references); each owner is asked for at most once per id per request;
- an object outside the scope, named in the path, answers 404 (its existence is not revealed);
- a body, query or CSV column naming one answers 403; so does a unit reference that is null or left to
  its default of none (the province itself: a top-level unit, a province-wide user), since only an
  unscoped caller may act on the province;
- a list or report route declared `unit_scoped` passes the scope to its service as `unit_ids`, which
  the service applies in its store query: pages are full and totals exact (no filtering afterwards).
Principals without a unit (province-wide roles) are not restricted and cost nothing here.
"""
from gateway.errors import HttpError
from gateway.ownership import KINDS, values_at
from services.common.errors import Invalid, NotFound

# Lists whose items belong to no unit, so every caller with the role sees them all (tests check that every
# other list route is `unit_scoped` or names its owner in the path).
PROVINCE_WIDE_LISTS = {
    "/api/v1/training/courses": "courses are open to officials of every unit",
    "/api/v1/training/plans": "the province's plans; their targets name units, progress is per plan",
    "/api/v1/inspection/plans": "the province's annual inspection plans, approved province-wide",
    "/api/v1/feedback/published": "public: published answers, personal data masked",
    "/api/v1/users": "admin only", "/api/v1/api-keys": "admin only", "/api/v1/audit": "admin only",
    "/api/v1/agencies": "admin only: agencies belong to no unit",
    "/api/v1/agencies/{name}/webhooks": "an agency's own endpoints (its key reaches no other agency)",
    "/api/v1/agencies/{name}/webhooks/{endpoint_id}/deliveries": "an agency's own delivery log",
    "/api/v1/events": "the archive: an agency reads its granted types, only admins (province-wide) all",
    "/api/v1/events/data-classes": "the catalog's classification, the same for everyone",
}
UNKNOWN = object()      # no such object: the route answers 404 / 400 itself


class Scope:
    def __init__(self, backends, principal):
        self.backends = backends
        self.root = (principal or {}).get("unit_id")
        self._unit_ids, self._inside, self._codes = None, frozenset(), None
        self._owners = {}

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
        return unit_id is not None and unit_id is not UNKNOWN and unit_id in self._inside_ids()

    def _inside_ids(self):
        self.unit_ids()
        return self._inside

    def check(self, references, path_args, body=None, query=None, csv_rows=()):
        """Every reference of the route within the scope: 404 for the path, 403 for the rest."""
        for name, kind in references.get("path", {}).items():
            owner = self.owner_unit(kind, path_args[name])
            if owner is not UNKNOWN and not self.contains(owner):
                raise HttpError(404, "NOT_FOUND", "not found")
        for where, document in (("body", body), ("query", query)):
            for field_path, kind in references.get(where, {}).items():
                for value in values_at(document or {}, field_path):
                    self._require_inside(kind, value, field_path)
        for column, kind in references.get("csv", {}).items():
            for value in sorted({(row.get(column) or "").strip() for row in csv_rows} - {""}):
                self._require_inside(kind, value, column)

    def owner_unit(self, kind, object_id):
        """The id of the unit owning `object_id` (None: the province; UNKNOWN: no such object)."""
        owner = KINDS[kind]
        if owner.service is None:
            return object_id
        if (kind, object_id) not in self._owners:
            try:
                answer = self.backends.call(owner.service, owner.method, object_id)
            except (NotFound, Invalid):  # unknown objects are answered by the route itself (404 / 400)
                answer = None              # anything else (a service down, late) fails the request: never unchecked
            self._owners[kind, object_id] = UNKNOWN if answer is None else answer.get(owner.field)
        found = self._owners[kind, object_id]
        if owner.via and found not in (None, UNKNOWN):
            return self.owner_unit(owner.via, found)
        return found

    def _require_inside(self, kind, value, field_path):
        if value is None and kind != "unit":
            return                                   # an optional reference left empty names nothing
        inside = value in self._unit_codes() if kind == "unit_code" else self.contains(self.owner_unit(kind, value))
        if not inside:
            raise HttpError(403, "OUTSIDE_SCOPE", "{} {} is outside your unit scope".format(
                field_path, "(none: the province)" if value is None else value),
                fields={field_path: ["outside your unit scope"]})

    def _unit_codes(self):
        """The codes of the scope's units (one list_units call, only for a CSV naming units by code)."""
        if self._codes is None:
            units = self.backends.call("personnel", "list_units", {"unit_ids": self.unit_ids()})
            self._codes = frozenset(unit["code"] for unit in units)
        return self._codes
