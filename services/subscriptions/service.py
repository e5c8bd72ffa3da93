"""Subscriptions service: agencies and their grants, the event archive and its replay, delivery to agency
queues and webhooks (docs/agencies.md). Nameko entrypoints only: load -> domain -> store -> view."""
import logging
import os
import time
from dataclasses import replace
from functools import partial


from services.common.commands import change
from services.common.consumer import whole_batches
from services.common.errors import Conflict, Forbidden, NotFound, Unavailable
from services.common.health import HealthEntrypoint
from services.common.ids import new_id, utc_now
from services.common.mongo import Storage
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid, shared
from services.common.timers import configured_timer, singleton_timer
from services.subscriptions import api, events_consumed
from services.subscriptions.broker import BrokerUnavailable
from services.subscriptions.domain import agencies, dispatch, webhooks
from services.subscriptions.domain.data_classes import BY_TYPE
from services.subscriptions.entrypoints import Broker, Settings, Webhooks, archive_every_event, consume_overflow
from services.subscriptions.store import SubscriptionsStore

_log = logging.getLogger(__name__)
DISPATCH_BATCH = 500
PER_ENDPOINT_BATCH = 20      # due deliveries picked per endpoint and round: one endpoint's backlog never starves others


class SubscriptionsService(HealthEntrypoint):
    """Serves other agencies: what they may receive, the archive they replay, their queues and webhooks."""

    name = "subscriptions"
    store = Storage(SubscriptionsStore)
    broker = Broker()
    settings = Settings()
    sender = Webhooks()

    # --- the archive -----------------------------------------------------------------------------
    @archive_every_event
    @whole_batches
    def archive(self, events):
        """The events of a batch under consecutive cursors, in one write (a refused one fails alone)."""
        entries, errors = [], []
        for event in events:
            try:
                entries.append(self._archive_entry(event))
                errors.append(None)
            except Exception as error:
                errors.append(error)
        self.store.archive_many(entries, utc_now().isoformat())
        return errors

    @staticmethod
    def _archive_entry(event):
        indexed = shared(events_consumed.ArchivedEvent).load(event)
        # The exchange authenticated the source (the consumer checked it); the type must be the source's own,
        # or a service could pass another's restricted event, or a notice to an agency, into the archive.
        dispatch.check_type_of_source(indexed["type"], indexed["source"])
        found = BY_TYPE.get(indexed["type"])     # a type this version does not know is archived all the same
        service, routing_key, data_class = found if found else (None, None, None)
        return event, indexed["type"], data_class and data_class.value, dispatch.addressee(service, routing_key, event)

    @rpc
    def archive_head(self):
        """The cursor of the newest archived event: a snapshot read after asking is consistent with it."""
        return {"cursor": self.store.archive_head()}

    @rpc
    def list_events(self, query=None, agency=None):
        """Archived events after a cursor; an agency sees only its granted types and notices to it."""
        query = load_or_invalid(shared(api.EventsQuery), query or {})
        types = dispatch.readable_types(self._agency_or_none(agency), query["types"])
        found = self.store.archived_after(query["after"], query["limit"], types, addressed_to=agency)
        items = [{"cursor": cursor, "event": event} for cursor, _type, event in found]
        return {"items": shared(api.ArchivedEventView, many=True).dump(items),
                "next_after": found[-1][0] if found else query["after"], "head": self.store.archive_head()}

    @rpc
    def data_classes(self):
        rows = [{"event_type": event_type, "service": service, "routing_key": key, "data_class": data_class.value}
                for event_type, (service, key, data_class) in sorted(BY_TYPE.items())]
        return {"items": shared(api.DataClassView, many=True).dump(rows), "total": len(rows)}

    @singleton_timer("ARCHIVE_RETENTION_CHECK_SECONDS", 86400, lease="archive-retention")
    def forget_old_events(self):
        cutoff = (utc_now() - self.settings["retention"]).isoformat()
        forgotten = self.store.forget_archived_before(cutoff)
        if forgotten:
            _log.info("archive: %d event(s) older than the retention period removed", forgotten)

    # --- agencies --------------------------------------------------------------------------------
    @rpc
    def register_agency(self, payload, registered_by):
        command = load_or_invalid(shared(api.RegisterAgency), payload)
        name = agencies.check_name(command["name"])
        if self.store.agencies.find_versioned(name)[0] is not None:
            raise Conflict("agency {} already exists".format(name), {"name": ["already registered"]})
        agency = agencies.register(name, command["title"], command["contact_email"], command["grants"],
                                   registered_by, self.broker.user_of(name), utc_now())
        # The record first: a broker object never exists without one (the reconciler removes orphans), and a
        # record whose provisioning failed is taken back (a crash in between: the reconciler provisions its
        # queue, and the agency gets a password by rotating).
        self.store.agencies.add(agency, duplicate_error=Conflict("agency {} already exists".format(name)))
        try:
            user, password = self._provision(agency)
        except Unavailable:
            self.store.forget_agency(name)
            raise
        return self._view(agency, password=password)

    @rpc
    def list_agencies(self):
        found = self.store.list_agencies()
        return {"items": [self._view(agency) for agency in found], "total": len(found)}

    @rpc
    def get_agency(self, name):
        agency = self.store.agencies.get(name)
        return self._view(agency, queue_depth=self.broker.queue_depth(agency.queue))

    @rpc
    def change_grants(self, name, payload, granted_by):
        command = load_or_invalid(shared(api.ChangeGrants), payload)
        agency, version = self.store.agencies.get_versioned(name)
        changed = agencies.change_grants(agency, command["grants"], granted_by, utc_now())
        self._bind(changed)      # first the broker (idempotent), then the record: a retry converges
        self.store.agencies.save(changed, version)
        return self._view(changed)

    @rpc
    def rotate_amqp_credentials(self, name):
        agency, version = self.store.agencies.get_versioned(name)
        rotated = agencies.rotate_credentials(agency, utc_now())
        self.store.agencies.save(rotated, version)
        # A new password, the old one's connections closed, queue and bindings as the grants say.
        user, password = self._broker_call(self.broker.provision, rotated.id, rotated.queue, dispatch.routes(rotated),
                                           None, True)
        return self._view(rotated, password=password)

    @rpc
    def revoke_agency(self, name):
        """Idempotent: asked again (after an outage stopped it half-way) it finishes every step."""
        agency, version = self.store.agencies.get_versioned(name)
        if agency.status is agencies.AgencyStatus.ACTIVE:
            agency = agencies.revoke(agency, utc_now())
            self.store.agencies.save(agency, version)     # first the record: nothing is sent to it any more
        for endpoint in self.store.endpoints_of(agency=name, enabled=True):
            change(self.store.endpoints, endpoint.id,
                   lambda found: (webhooks.disable(found, utc_now(), "agency revoked"), []), lambda changed: changed)
        self._broker_call(self.broker.revoke, agency.id, agency.queue)
        return self._view(agency)

    @singleton_timer("AGENCY_RECONCILE_SECONDS", 60, lease="agency-reconcile")
    def reconcile_broker(self):
        """The broker as the records say: policies, each active agency's queue and bindings, revoked
        agencies gone (finishing any provisioning or revocation a failure interrupted)."""
        try:
            self.broker.apply_policies()
            known = self.store.list_agencies()
            for agency in known:
                if agency.status is agencies.AgencyStatus.ACTIVE:
                    self.broker.declare_queue(agency.queue)
                    self.broker.bind(agency.queue, dispatch.routes(agency))
                else:
                    self.broker.revoke(agency.id, agency.queue)
            self.broker.remove_orphans(lambda: {agency.id for agency in self.store.list_agencies()})
        except BrokerUnavailable:
            _log.warning("agency reconciliation postponed: the broker's management API is unavailable",
                         exc_info=True)

    @consume_overflow
    def count_dropped(self, event, agency):
        if agency:
            self.store.count_dropped(agency, event.get("id") if isinstance(event, dict) else None,
                                     utc_now().isoformat())

    @singleton_timer("AGENCY_LAG_CHECK_SECONDS", 5, lease="agency-lag-check")
    def tell_lagging_agencies(self):
        for counter in self.store.dropped_counts():
            agency, version = self.store.agencies.find_versioned(counter["_id"])
            if agency is not None:
                told, events = agencies.record_dropped(agency, counter["count"], counter.get("first_event_id"),
                                                       utc_now(), self.settings["lag_notice_interval"])
                self.store.agencies.save(told, version, events)
            self.store.take_dropped(counter["_id"], counter["count"])

    # --- webhooks --------------------------------------------------------------------------------
    @rpc
    def add_endpoint(self, name, payload):
        command = load_or_invalid(shared(api.AddEndpoint), payload)
        agency = self._active_agency(name)
        dispatch.check_endpoint_count(len(self.store.endpoints_of(agency=name)), self.settings["max_endpoints"])
        endpoint, secret = dispatch.new_endpoint(agency, command["url"], command["description"], utc_now(),
                                                 os.urandom(32), new_id("whk"), self.settings["allow_insecure_http"])
        self.store.start_dispatch(endpoint.id, self.store.archive_head())
        self.store.endpoints.add(endpoint)
        return self._endpoint_view(endpoint, secret.secret)

    @rpc
    def list_endpoints(self, name):
        self.store.agencies.get(name)
        found = self.store.endpoints_of(agency=name)
        return {"items": [self._endpoint_view(endpoint) for endpoint in found], "total": len(found)}

    @rpc
    def rotate_endpoint_secret(self, name, endpoint_id):
        self._endpoint_of(name, endpoint_id)
        rotated = {}

        def rotate(endpoint):
            endpoint, rotated["secret"] = webhooks.rotate_secret(endpoint, utc_now(), self.settings["secret_overlap"],
                                                                 os.urandom(32))
            return endpoint, []
        endpoint = change(self.store.endpoints, endpoint_id, rotate, lambda changed: changed)
        return self._endpoint_view(endpoint, rotated["secret"].secret)

    @rpc
    def enable_endpoint(self, name, endpoint_id):
        self._active_agency(name)
        self._endpoint_of(name, endpoint_id)
        endpoint = change(self.store.endpoints, endpoint_id, lambda found: (webhooks.enable(found, utc_now()), []),
                          lambda changed: changed)
        return self._endpoint_view(endpoint)

    @rpc
    def disable_endpoint(self, name, endpoint_id):
        self._endpoint_of(name, endpoint_id)
        endpoint = change(self.store.endpoints, endpoint_id,
                          lambda found: (webhooks.disable(found, utc_now(), "disabled by its owner"), []),
                          lambda changed: changed)
        return self._endpoint_view(endpoint)

    @rpc
    def endpoint_deliveries(self, name, endpoint_id, query=None):
        self._endpoint_of(name, endpoint_id)
        query = load_or_invalid(shared(api.DeliveriesQuery), query or {})
        items, total = self.store.deliveries_of(endpoint_id, query["status"], query["offset"], query["limit"])
        return {"items": shared(api.DeliveryView, many=True).dump(items), "total": total}

    @rpc
    def redeliver(self, name, endpoint_id, payload):
        """Deliver again every granted event archived after a cursor (new deliveries, same webhook-id)."""
        command = load_or_invalid(shared(api.RedeliverInput), payload)
        agency = self._active_agency(name)
        endpoint = self._endpoint_of(name, endpoint_id)
        found = self.store.archived_after(command["after"], command["limit"],
                                          dispatch.readable_types(agency, None), addressed_to=agency.id)
        deliveries = dispatch.deliveries_for(endpoint, found, utc_now(), manual=True)
        self.store.add_deliveries(deliveries)
        return shared(api.RedeliveryView).dump({"scheduled": len(deliveries),
                                                "through": found[-1][0] if found else command["after"]})

    @configured_timer("WEBHOOK_DISPATCH_SECONDS", 1)
    def deliver_webhooks(self):
        """Turn newly archived events into deliveries for each enabled endpoint, then send what is due."""
        now = utc_now()
        known = {}
        for endpoint in self.store.endpoints_of(enabled=True):
            agency = known.get(endpoint.agency) or self.store.agencies.find_versioned(endpoint.agency)[0]
            known[endpoint.agency] = agency
            through = self.store.dispatched_through(endpoint.id)
            if agency is None or agency.status is not agencies.AgencyStatus.ACTIVE or through is None:
                continue
            found = self.store.archived_after(through, DISPATCH_BATCH, dispatch.readable_types(agency, None),
                                              addressed_to=agency.id)
            if found:
                self.store.add_deliveries(dispatch.deliveries_for(endpoint, found, now))
                self.store.set_dispatched_through(endpoint.id, found[-1][0])
            for _ in range(PER_ENDPOINT_BATCH):
                # Claimed one by one, each with a lane of its endpoint: every replica dispatches (issue 24).
                claimed = self.store.claim_delivery(endpoint.id, now, self.sender.replica,
                                                    self.sender.PER_ENDPOINT_IN_FLIGHT, time.time(),
                                                    self.sender.claim_seconds)
                if claimed is None:
                    break
                delivery, claim = claimed
                self.sender.start_attempt(delivery, partial(self._attempt, claim=claim))

    def _attempt(self, delivery, claim):
        """One attempt of a claimed delivery, in a thread of its own (Webhooks.start_attempt) with a store of its
        own; the claim is renewed first (it may have waited for a sending slot) and released after."""
        store = SubscriptionsStore(self.store.db)
        try:
            if not store.renew_delivery_claim(claim, time.time(), self.sender.claim_seconds):
                _log.info("webhook delivery %s: claim expired and taken over; left to that replica", delivery.id)
                return
            endpoint, endpoint_version = store.endpoints.get_versioned(delivery.endpoint_id)
            agency = store.agencies.find_versioned(delivery.agency)[0]
            envelope = store.archived_event(delivery.event_id)
            now = utc_now()
            refusal = dispatch.why_not_send(endpoint, agency, envelope)
            if refusal is not None:
                if refusal is not dispatch.WAIT:       # revoked, grant withdrawn, archived no more: never sent
                    store.deliveries.save(dispatch.abandoned(delivery, now, refusal), self._version(store, delivery))
                return
            attempt = self.sender.deliver(endpoint.url, envelope,
                                          [s.secret for s in webhooks.active_secrets(endpoint, now)], delivery.id, now)
            delays = self.settings["retry_delays"] or webhooks.DEFAULT_RETRY_DELAYS_SECONDS
            store.deliveries.save(webhooks.record_attempt(delivery, attempt, delays), self._version(store, delivery))
            updated, events = dispatch.after_attempt(endpoint, attempt, now, self.settings["disable_after"])
            if updated != endpoint:
                store.endpoints.save(updated, endpoint_version, events)
            if events:           # disabled: its owner is told on the agency too
                change(store.agencies, endpoint.agency, lambda found: (agencies.add_notice(
                    found, "WEBHOOK_ENDPOINT_DISABLED", dispatch.disabled_message(updated), now), []),
                    lambda changed: changed)
        except Conflict:
            _log.info("webhook delivery %s changed meanwhile; the next round sees it", delivery.id)
        except Exception:
            _log.exception("webhook delivery %s could not be attempted; retried next round", delivery.id)
        finally:
            try:
                store.release_delivery_claim(claim)
            except Exception:    # noqa: BLE001 - the claim then expires (WEBHOOK_CLAIM_SECONDS)
                _log.warning("webhook delivery %s: claim not released; it expires", delivery.id, exc_info=True)

    # --- helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _version(store, delivery):
        return store.deliveries.get_versioned(delivery.id)[1]

    def _provision(self, agency):
        return self._broker_call(self.broker.provision, agency.id, agency.queue, dispatch.routes(agency))

    def _bind(self, agency):
        self._broker_call(self.broker.bind, agency.queue, dispatch.routes(agency))

    @staticmethod
    def _broker_call(operation, *args):
        try:
            return operation(*args)
        except BrokerUnavailable as error:
            raise Unavailable(str(error)) from None

    def _agency_or_none(self, name):
        if name is None:
            return None
        agency = self.store.agencies.find_versioned(name)[0]
        if agency is None or agency.status is not agencies.AgencyStatus.ACTIVE:
            raise Forbidden("agency {} is not registered or was revoked".format(name))
        return agency

    def _active_agency(self, name):
        agency = self.store.agencies.get(name)
        if agency.status is not agencies.AgencyStatus.ACTIVE:
            raise Conflict("agency {} is revoked".format(name))
        return agency

    def _endpoint_of(self, name, endpoint_id):
        endpoint = self.store.endpoints.get(endpoint_id)
        if endpoint.agency != name:           # another agency's endpoint does not exist for this one
            raise NotFound("webhook endpoint {} not found".format(endpoint_id))
        return endpoint

    @staticmethod
    def _endpoint_view(endpoint, secret=None):
        view = shared(api.EndpointView).dump(replace(endpoint, secrets=webhooks.active_secrets(endpoint, utc_now())))
        return dict(view, secret=secret) if secret else view

    def _view(self, agency, password=None, queue_depth=None):
        view = shared(api.AgencyView).dump(agency)
        view["queue"] = agency.queue
        view["queue_depth"] = queue_depth
        view["amqp"] = {"user": agency.broker_user, "queue": agency.queue, "vhost": self.broker.vhost,
                        **({"password": password} if password else {})}
        return view

