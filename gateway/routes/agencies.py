"""Agencies as users of the platform (docs/agencies.md): registration with grants, their broker account,
webhook endpoints and deliveries, and the event archive they replay. Served by the subscriptions service; the
agency's API key (the gateway's own) is issued and revoked with it."""
import json
from pathlib import Path

from gateway import identity
from gateway.errors import HttpError
from gateway.http import route
from gateway.roles import ADMIN_ONLY, AGENCY_SELF, EVENTS_READ
from gateway.schemas import AgencyKeyIssued, AgencyRegistered
from services.subscriptions import api as subscriptions_api

TAG = "agencies"
CATALOG = Path(__file__).resolve().parents[2] / "docs" / "events" / "asyncapi.json"
# The API key of a registered agency reads its own stream and manages its own webhooks (role `subscriber`),
# nothing else: reading the registers is a separate key (/api/v1/api-keys) with its own justification.
AGENCY_KEY_ROLES = ("subscriber",)


def own_agency(call, name):
    """An agency's key reaches only its own agency; the province's administrators reach every one."""
    principal = call.principal
    if "admin" in principal["roles"]:
        return name
    if principal.get("kind") == "api_key" and principal.get("agency") == name:
        return name
    raise HttpError(404, "NOT_FOUND", "agency {} not found".format(name))


class AgencyRoutes:

    @route("POST", "/api/v1/agencies", roles=ADMIN_ONLY, body=subscriptions_api.RegisterAgency,
           response=AgencyRegistered, status=201, tag=TAG)
    def register_agency(self, call):
        """Register an agency with the event types it may receive: its broker account and queue, and its
        API key, each shown only now."""
        data = call.loaded_body
        record, presented = identity.new_api_key(data["name"], list(AGENCY_KEY_ROLES), None, call.principal["subject"])
        self.auth.store.add_api_key(record)
        try:
            agency = self.backends.call("subscriptions", "register_agency", call.body, call.principal["subject"])
        except Exception:
            # Also when the answer was only late: the agency may then exist without a key, and gets one from
            # POST /api/v1/agencies/{name}/api-key.
            self.auth.store.revoke_api_key(record["key_id"], identity.now_utc().isoformat())
            raise
        return dict(agency, api_key=presented, api_key_id=record["key_id"])

    @route("POST", "/api/v1/agencies/{name}/api-key", roles=ADMIN_ONLY, response=AgencyKeyIssued, status=201, tag=TAG)
    def issue_agency_key(self, call, name):
        """A new API key for the agency (shown only now); its earlier keys are revoked."""
        agency = self.backends.call("subscriptions", "get_agency", name)
        if agency["status"] != "ACTIVE":
            raise HttpError(409, "CONFLICT", "agency {} is revoked".format(name))
        self._revoke_keys_of(name)
        record, presented = identity.new_api_key(name, list(AGENCY_KEY_ROLES), None, call.principal["subject"])
        self.auth.store.add_api_key(record)
        return {"agency": name, "api_key": presented, "api_key_id": record["key_id"]}

    @route("GET", "/api/v1/agencies", roles=ADMIN_ONLY, response=subscriptions_api.AgencyView, many=True, tag=TAG)
    def list_agencies(self, call):
        """Registered agencies with their grants."""
        return self.backends.call("subscriptions", "list_agencies")

    @route("GET", "/api/v1/agencies/{name}", roles=AGENCY_SELF, response=subscriptions_api.AgencyView, tag=TAG)
    def get_agency(self, call, name):
        """One agency: grants, queue depth, whether it lagged, what it was told."""
        agency = self.backends.call("subscriptions", "get_agency", own_agency(call, name))
        if "admin" not in call.principal["roles"]:      # the province's staff names are not the agency's business
            agency.pop("registered_by", None)
            for grant in agency.get("grants", []):
                grant.pop("granted_by", None)
        return agency

    @route("PUT", "/api/v1/agencies/{name}/grants", roles=ADMIN_ONLY, body=subscriptions_api.ChangeGrants,
           response=subscriptions_api.AgencyView, tag=TAG)
    def change_grants(self, call, name):
        """Replace the agency's grants; its queue is rebound to exactly these types."""
        return self.backends.call("subscriptions", "change_grants", name, call.body, call.principal["subject"])

    @route("POST", "/api/v1/agencies/{name}/amqp-credentials", roles=AGENCY_SELF,
           response=subscriptions_api.AgencyView, tag=TAG)
    def rotate_amqp_credentials(self, call, name):
        """A new broker password, shown only now; connections with the old one are closed."""
        return self.backends.call("subscriptions", "rotate_amqp_credentials", own_agency(call, name))

    @route("DELETE", "/api/v1/agencies/{name}", roles=ADMIN_ONLY, response=subscriptions_api.AgencyView, tag=TAG)
    def revoke_agency(self, call, name):
        """Revoke everything: API keys, grants, webhooks, broker account and queue. Asked again after an
        outage stopped it half-way, it finishes what is left."""
        self.backends.call("subscriptions", "get_agency", name)       # 404 for an unknown agency
        self._revoke_keys_of(name)         # first: whatever fails next, the agency reads nothing more over HTTP
        return self.backends.call("subscriptions", "revoke_agency", name)

    def _revoke_keys_of(self, name):
        for key in self.auth.store.list_api_keys():
            if key["agency"] == name and not key.get("revoked_at"):
                self.auth.store.revoke_api_key(key["key_id"], identity.now_utc().isoformat())

    # --- webhooks ---------------------------------------------------------------------------------
    @route("POST", "/api/v1/agencies/{name}/webhooks", roles=AGENCY_SELF, body=subscriptions_api.AddEndpoint,
           response=subscriptions_api.EndpointView, status=201, tag=TAG)
    def add_endpoint(self, call, name):
        """A webhook endpoint: it receives the agency's granted events from now on, signed per Standard
        Webhooks with the secret shown only now."""
        return self.backends.call("subscriptions", "add_endpoint", own_agency(call, name), call.body)

    @route("GET", "/api/v1/agencies/{name}/webhooks", roles=AGENCY_SELF, response=subscriptions_api.EndpointView,
           many=True, tag=TAG)
    def list_endpoints(self, call, name):
        """The agency's webhook endpoints, enabled or not, and why."""
        return self.backends.call("subscriptions", "list_endpoints", own_agency(call, name))

    @route("POST", "/api/v1/agencies/{name}/webhooks/{endpoint_id}/secret", roles=AGENCY_SELF,
           response=subscriptions_api.EndpointView, tag=TAG)
    def rotate_endpoint_secret(self, call, name, endpoint_id):
        """A new signing secret, shown only now; the previous one keeps signing for the overlap period."""
        return self.backends.call("subscriptions", "rotate_endpoint_secret", own_agency(call, name), endpoint_id)

    @route("POST", "/api/v1/agencies/{name}/webhooks/{endpoint_id}/enable", roles=AGENCY_SELF,
           response=subscriptions_api.EndpointView, tag=TAG)
    def enable_endpoint(self, call, name, endpoint_id):
        """Enable an endpoint again (after it was disabled for failing): pending deliveries resume."""
        return self.backends.call("subscriptions", "enable_endpoint", own_agency(call, name), endpoint_id)

    @route("POST", "/api/v1/agencies/{name}/webhooks/{endpoint_id}/disable", roles=AGENCY_SELF,
           response=subscriptions_api.EndpointView, tag=TAG)
    def disable_endpoint(self, call, name, endpoint_id):
        """Pause an endpoint; deliveries wait until it is enabled."""
        return self.backends.call("subscriptions", "disable_endpoint", own_agency(call, name), endpoint_id)

    @route("GET", "/api/v1/agencies/{name}/webhooks/{endpoint_id}/deliveries", roles=AGENCY_SELF,
           query=subscriptions_api.DeliveriesQuery, response=subscriptions_api.DeliveryView, many=True, tag=TAG)
    def endpoint_deliveries(self, call, name, endpoint_id):
        """The delivery log: every attempt with its status code, latency and error."""
        return self.backends.call("subscriptions", "endpoint_deliveries", own_agency(call, name), endpoint_id,
                                  call.query)

    @route("POST", "/api/v1/agencies/{name}/webhooks/{endpoint_id}/redeliveries", roles=AGENCY_SELF,
           body=subscriptions_api.RedeliverInput, response=subscriptions_api.RedeliveryView, status=202, tag=TAG)
    def redeliver(self, call, name, endpoint_id):
        """Deliver again every granted event archived after a cursor."""
        return self.backends.call("subscriptions", "redeliver", own_agency(call, name), endpoint_id, call.body)

    # --- the archive ------------------------------------------------------------------------------
    @route("GET", "/api/v1/events", roles=EVENTS_READ, query=subscriptions_api.EventsQuery,
           response=subscriptions_api.ArchivedEventView, many=True, tag=TAG)
    def list_events(self, call):
        """Archived events after a cursor, oldest first (an agency: its granted types only). Follow
        `next_after`; list routes' X-Archive-Cursor says where a snapshot taken from them stands."""
        principal = call.principal
        agency = None if "admin" in principal["roles"] else principal.get("agency")
        if "admin" not in principal["roles"] and principal.get("kind") != "api_key":
            raise HttpError(403, "FORBIDDEN", "the event archive is read with an agency's API key")
        return self.backends.call("subscriptions", "list_events", call.query, agency)

    @route("GET", "/api/v1/events/data-classes", roles=EVENTS_READ, response=subscriptions_api.DataClassView,
           many=True, tag=TAG)
    def data_classes(self, call):
        """Every event type with its data class (public, internal, personal, restricted)."""
        return self.backends.call("subscriptions", "data_classes")

    @route("GET", "/api/v1/events/schemas/{event_type}", roles=None, tag=TAG)
    def event_schema(self, call, event_type):
        """The JSON Schema of one event type's payload: what an event's `dataschema` names."""
        return payload_schema(event_type)


def payload_schema(event_type):
    catalog = _catalog()
    for message in catalog["components"]["messages"].values():
        if message["bindings"]["amqp"]["messageType"] == event_type:
            reference = message["payload"]["properties"]["data"]["$ref"].rsplit("/", 1)[-1]
            return {"event_type": event_type, "dataschema": message["payload"]["properties"]["dataschema"]["const"],
                    "schema": catalog["components"]["schemas"][reference]}
    raise HttpError(404, "NOT_FOUND", "no event type {} in the catalog".format(event_type))


_loaded = {}


def _catalog():
    if "catalog" not in _loaded:
        _loaded["catalog"] = json.loads(CATALOG.read_text(encoding="utf-8"))
    return _loaded["catalog"]
