"""The subscriptions service against the attacks of its security review (docs/agencies.md): the service's
entrypoints with their real store (embedded), a stand-in broker and a recording sender."""
import time
from datetime import datetime, timedelta, timezone
from unittest.mock import MagicMock

import mongomock
import pytest
from nameko.testing.services import worker_factory

from gateway.http import ROUTES
from gateway.service import GatewayService  # noqa: F401  (its routes fill ROUTES)
from services.common.domain_event import cloudevent_type
from services.common.envelope import new_event
from services.common.errors import Conflict, Invalid, Unavailable
from services.subscriptions.broker import BrokerUnavailable
from services.subscriptions.domain import webhooks
from services.subscriptions.entrypoints import Webhooks
from services.subscriptions.service import SubscriptionsService
from services.subscriptions.store import SubscriptionsStore

UNIT_CREATED = cloudevent_type("personnel", "unit_created")
DISCIPLINE = cloudevent_type("personnel", "discipline_imposed")
OFFICIAL_REGISTERED = cloudevent_type("personnel", "official_registered")
LAGGING = cloudevent_type("subscriptions", "subscriber_lagging")
SETTINGS = {"retention": timedelta(days=400), "lag_notice_interval": timedelta(hours=1), "retry_delays": None,
            "disable_after": timedelta(hours=120), "secret_overlap": timedelta(hours=24),
            "allow_insecure_http": False, "max_endpoints": 5}


class RecordingSender:
    """Webhooks' interface: attempts run at once, and succeed."""
    PER_ENDPOINT_IN_FLIGHT = Webhooks.PER_ENDPOINT_IN_FLIGHT
    replica, claim_seconds = "replica-1", 60

    def __init__(self):
        self.sent = []

    def start_attempt(self, delivery, attempt):
        attempt(delivery)
        return True

    def deliver(self, url, envelope, secrets, message_id, now):
        self.sent.append((url, envelope["id"]))
        return webhooks.Attempt(at=now, status_code=204, latency_ms=1, error=None)


@pytest.fixture
def parts():
    store = SubscriptionsStore(mongomock.MongoClient().db)
    store.ensure_indexes()
    broker = MagicMock()
    broker.vhost = "/"
    broker.provision.return_value = ("agency-x", "pw")
    broker.user_of.side_effect = lambda name: "agency-" + name
    broker.queue_depth.return_value = 0
    sender = RecordingSender()
    service = worker_factory(SubscriptionsService, store=store, broker=broker, settings=dict(SETTINGS), sender=sender)
    return service, store, sender, broker


def register(service, name, grants):
    return service.register_agency({"name": name, "title": "T " + name, "contact_email": name + "@camau.gov.vn",
                                    "grants": grants}, "admin")


def published(source, routing_key, data, event_type=None):
    envelope = new_event(source, routing_key, data, "s-1")
    if event_type:
        envelope["type"] = event_type
    return envelope


def test_a_paused_endpoints_backlog_does_not_hold_up_another_agencys_webhooks(parts):
    service, store, sender, _ = parts
    register(service, "attacker", [{"event_type": UNIT_CREATED}])
    register(service, "victim", [{"event_type": UNIT_CREATED}])
    for index in range(5):
        service.archive(published("personnel", "unit_created", {"n": index}))
    mine = service.add_endpoint("attacker", {"url": "https://attacker.example/hook"})
    service.add_endpoint("victim", {"url": "https://victim.example/hook"})
    for _ in range(50):
        service.redeliver("attacker", mine["id"], {"after": 0})
    service.disable_endpoint("attacker", mine["id"])
    service.archive(published("personnel", "unit_created", {"n": "new"}))
    service.deliver_webhooks()
    assert [url for url, _ in sender.sent] == ["https://victim.example/hook"]


def test_an_attempt_has_a_hard_deadline_however_slowly_the_receiver_answers():
    slow = MagicMock()
    slow.deliver.side_effect = lambda *args: time.sleep(5)
    provider = Webhooks()
    provider.timeout, provider.sender = 0.1, slow
    started = time.monotonic()
    attempt = provider.deliver("https://slow.example/", {}, [], "msg-1", datetime.now(timezone.utc))
    assert time.monotonic() - started < 1 and attempt.status_code is None and "within" in attempt.error


def test_a_service_cannot_pass_another_services_type_or_a_notice_into_the_archive(parts):
    service, store, _, _ = parts
    for forged in (published("feedback", "dialogue_held", {"official_id": "off-1"}, DISCIPLINE),
                   published("personnel", "unit_created", {"agency": "victim"}, LAGGING)):
        with pytest.raises(Invalid):
            service.archive(forged)
    assert store.archive_head() == 0


def test_a_delivery_is_not_sent_once_its_grant_was_withdrawn(parts):
    service, store, sender, _ = parts
    register(service, "sotuphap", [{"event_type": UNIT_CREATED},
                                   {"event_type": OFFICIAL_REGISTERED, "legal_basis": "Decision 1/QĐ-UBND"}])
    endpoint = service.add_endpoint("sotuphap", {"url": "https://stp.example/hook"})
    service.archive(published("personnel", "official_registered", {"full_name": "Nguyễn Văn A"}))
    service.redeliver("sotuphap", endpoint["id"], {"after": 0})
    service.change_grants("sotuphap", {"grants": [{"event_type": UNIT_CREATED}]}, "admin")
    service.deliver_webhooks()
    assert sender.sent == []
    log = service.endpoint_deliveries("sotuphap", endpoint["id"])["items"]
    assert log and all(item["status"] == "FAILED" and "not granted" in item["attempts"][-1]["error"] for item in log)


def test_a_revocation_stopped_by_a_broker_outage_is_finished_when_asked_again(parts):
    service, store, sender, broker = parts
    register(service, "thanhtra", [{"event_type": DISCIPLINE, "legal_basis": "Law 91/2025"}])
    endpoint = service.add_endpoint("thanhtra", {"url": "https://tt.example/hook"})
    service.archive(published("personnel", "discipline_imposed", {"official_id": "off-1"}))
    service.redeliver("thanhtra", endpoint["id"], {"after": 0})
    broker.revoke.side_effect = BrokerUnavailable("management API down")
    with pytest.raises(Unavailable):
        service.revoke_agency("thanhtra")
    assert service.list_endpoints("thanhtra")["items"][0]["enabled"] is False    # nothing flows meanwhile
    service.deliver_webhooks()
    assert sender.sent == []
    broker.revoke.side_effect = None
    assert service.revoke_agency("thanhtra")["status"] == "REVOKED"
    broker.revoke.assert_called_with("thanhtra", "agency.thanhtra")


def test_a_registration_whose_broker_objects_cannot_be_made_leaves_no_record(parts):
    service, store, _, broker = parts
    broker.provision.side_effect = BrokerUnavailable("down")
    with pytest.raises(Unavailable):
        register(service, "sotuphap", [{"event_type": UNIT_CREATED}])
    broker.provision.side_effect = None
    assert register(service, "sotuphap", [{"event_type": UNIT_CREATED}])["status"] == "ACTIVE"


def test_rotating_the_amqp_password_closes_connections_made_with_the_old_one(parts):
    service, _, _, broker = parts
    register(service, "sotuphap", [{"event_type": UNIT_CREATED}])
    service.rotate_amqp_credentials("sotuphap")
    assert broker.provision.call_args.args[-1] is True           # close_connections


def test_an_agency_has_a_bounded_number_of_endpoints_and_redeliveries(parts):
    service, _, _, _ = parts
    register(service, "sotuphap", [{"event_type": UNIT_CREATED}])
    endpoints = [service.add_endpoint("sotuphap", {"url": "https://stp.example/{}".format(n)}) for n in range(5)]
    with pytest.raises(Conflict):
        service.add_endpoint("sotuphap", {"url": "https://stp.example/6"})
    with pytest.raises(Invalid):
        service.redeliver("sotuphap", endpoints[0]["id"], {"after": 0, "limit": 100_000})
    with pytest.raises(Invalid):
        service.list_events({"after": 2 ** 63}, "sotuphap")


def test_an_agency_name_ending_in_a_newline_is_refused(parts):
    service, _, _, _ = parts
    with pytest.raises(Invalid):
        register(service, "sotuphap\n", [{"event_type": UNIT_CREATED}])


def test_reading_the_archive_is_audited_as_a_personal_data_read():
    spec = next(route for route in ROUTES if route.path == "/api/v1/events" and route.method == "GET")
    assert spec.personal_data
