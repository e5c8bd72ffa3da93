"""Other agencies as users (docs/agencies.md), over HTTP and the real broker: registration with grants, the
filtered queue, signed webhooks with retries and redelivery, the archive, lagging subscribers."""
import json
import time

import pytest
from kombu import Connection, Queue

from examples.amqp_subscriber import Subscriber
from examples.webhook_receiver import WebhookReceiver
from services.common import broker_setup
from tests.e2e.conftest import Api
from tests.e2e.test_gateway_scope import make_official, make_unit
from tests.helpers import wait_until

pytestmark = pytest.mark.e2e
UNIT_CREATED = "vn.camau.civilservice.personnel.unit_created.v1"
OFFICIAL_REGISTERED = "vn.camau.civilservice.personnel.official_registered.v1"
DISCIPLINE_IMPOSED = "vn.camau.civilservice.personnel.discipline_imposed.v1"
LAGGING = "vn.camau.civilservice.subscriptions.subscriber_lagging.v1"
QUEUE_LIMIT = 25
DISABLE_AFTER_SECONDS = 6     # "failing for days", shortened


@pytest.fixture
def system_config(system_config):
    """Webhooks to a receiver on this machine over plain HTTP, retries within seconds, small agency queues."""
    return dict(system_config, WEBHOOK_ALLOW_HTTP=True, WEBHOOK_PRIVATE_NETWORKS=["127.0.0.0/8"],
                WEBHOOK_RETRY_DELAYS_SECONDS=[0.5, 1, 1, 2, 3, 3], WEBHOOK_DISPATCH_SECONDS=0.2,
                WEBHOOK_DISABLE_AFTER_HOURS=DISABLE_AFTER_SECONDS / 3600,
                WEBHOOK_TIMEOUT_SECONDS=3, AGENCY_LAG_CHECK_SECONDS=0.3, AGENCY_QUEUE_MAX_LENGTH=QUEUE_LIMIT)


@pytest.fixture
def agency_users(broker_management, system_config):
    """Agencies' broker users made during the test, deleted after it."""
    yield
    prefix = system_config["AGENCY_USER_PREFIX"]
    for user in broker_management.get("users"):
        if user["name"].startswith(prefix):
            broker_management.delete("users", user["name"])


def register(api, name, grants):
    response = api.post("/api/v1/agencies", {"name": name, "title": "Sở Tư pháp tỉnh Cà Mau",
                                             "contact_email": "stp@camau.gov.vn", "grants": grants})
    assert response.status_code == 201, response.text
    return response.json()


def as_agency(api, registered):
    agency = Api(api.base_url)
    agency.session.headers["X-API-Key"] = registered["api_key"]
    return agency


def amqp_uri(config, registered):
    return broker_setup.amqp_uri_for(config["AMQP_URI"], registered["amqp"]["user"], registered["amqp"]["password"])


def drain(uri, queue_name, until, timeout=20):
    """Messages of the agency's own queue (as the agency reads it) until `until(messages)` holds."""
    messages = []
    deadline = time.monotonic() + timeout
    with Connection(uri, connect_timeout=5) as connection:
        simple = connection.SimpleQueue(Queue(queue_name, no_declare=True))
        while not until(messages) and time.monotonic() < deadline:
            try:
                message = simple.get(timeout=0.5)
            except simple.Empty:
                continue
            messages.append(message)
            message.ack()
        simple.close()
    return messages


def test_the_example_subscriber_reads_the_agencys_queue(api, system_config, agency_users):
    registered = register(api, "sonoivu", [{"event_type": UNIT_CREATED}])
    units = [make_unit(api, "E{}".format(index)) for index in range(3)]
    received = []
    subscriber = Subscriber(amqp_uri(system_config, registered), "agency.sonoivu", on_event=received.append)
    assert subscriber.run(limit=3, idle_timeout=20) == 3
    assert sorted(event["subject"] for event in received) == sorted(unit["id"] for unit in units)


def test_an_agency_receives_exactly_its_granted_types_over_its_queue_webhooks_and_the_archive(
        api, system_config, agency_users):
    refused = api.post("/api/v1/agencies", {"name": "thanhtra", "title": "Thanh tra tỉnh", "contact_email": "tt@camau.gov.vn",
                                            "grants": [{"event_type": DISCIPLINE_IMPOSED}]})
    assert refused.status_code == 422 and refused.json()["rule"] == "personal-data-grant", refused.text
    registered = register(api, "sotuphap", [
        {"event_type": UNIT_CREATED},
        {"event_type": OFFICIAL_REGISTERED, "legal_basis": "Law 91/2025/QH15 art. 19; QĐ 12/QĐ-UBND 2026"}])
    assert registered["amqp"]["queue"] == "agency.sotuphap" and registered["api_key"]
    assert {grant["data_class"] for grant in registered["grants"]} == {"public", "personal"}
    agency = as_agency(api, registered)

    with WebhookReceiver(on_event=lambda event: None) as receiver:
        endpoint = agency.post("/api/v1/agencies/sotuphap/webhooks", {"url": receiver.url})
        assert endpoint.status_code == 201, endpoint.text
        receiver.use_secret(endpoint.json()["secret"])
        unit = make_unit(api, "STP")
        make_official(api, unit, "080088000111")           # also announces types not granted (positions...)
        messages = drain(amqp_uri(system_config, registered), "agency.sotuphap",
                         lambda found: {m.properties["type"] for m in found} >= {UNIT_CREATED, OFFICIAL_REGISTERED})
        received = {(m.properties["type"], m.payload["id"]) for m in messages}
        assert {event_type for event_type, _ in received} == {UNIT_CREATED, OFFICIAL_REGISTERED}
        assert all(m.content_type == "application/cloudevents+json" for m in messages)
        assert all(m.payload["dataschema"].endswith(m.payload["type"]) for m in messages)
        events = receiver.wait_for_events(2, timeout=20)
        assert {(event["type"], event["id"]) for event in events} == received
        assert receiver.refused == []

    archive = agency.get("/api/v1/events", after=0)
    assert archive.status_code == 200, archive.text
    assert {(item["event"]["type"], item["event"]["id"]) for item in archive.json()["items"]} == received
    forbidden = agency.get("/api/v1/events", types=DISCIPLINE_IMPOSED)
    assert forbidden.status_code == 403, forbidden.text
    everything = api.get("/api/v1/events", after=0, limit=1000).json()
    assert len(everything["items"]) > len(received)         # the administrator reads every type
    listed = api.get("/api/v1/units")
    assert int(listed.headers["X-Archive-Cursor"]) >= max(item["cursor"] for item in archive.json()["items"])
    assert agency.get("/api/v1/units").status_code == 403    # a subscriber key reads its stream, not the registers
    assert agency.get("/api/v1/agencies/other").status_code == 404


class FlakyReceiver(WebhookReceiver):
    """Answers 503 to its first `failures` requests, then accepts (verifying signatures as any receiver)."""

    def __init__(self, failures):
        super().__init__(on_event=lambda event: None)
        self.failures = failures

    def _receive(self, body, headers):
        with self._changed:
            if self.failures > 0:
                self.failures -= 1
                self.requests_received += 1
                return 503, "down for maintenance"
        return super()._receive(body, headers)


def test_a_failing_webhook_receiver_that_recovers_gets_every_event_once_and_can_ask_for_redelivery(
        api, system_config, agency_users):
    registered = register(api, "ubnd-xa", [{"event_type": UNIT_CREATED}])
    agency = as_agency(api, registered)
    with FlakyReceiver(failures=6) as receiver:
        created = agency.post("/api/v1/agencies/ubnd-xa/webhooks", {"url": receiver.url}).json()
        receiver.use_secret(created["secret"])
        units = [make_unit(api, "X{}".format(index)) for index in range(3)]
        events = receiver.wait_for_events(3, timeout=30)
    assert sorted(event["subject"] for event in events) == sorted(unit["id"] for unit in units)
    log = agency.get("/api/v1/agencies/ubnd-xa/webhooks/{}/deliveries".format(created["id"])).json()
    assert log["total"] == 3 and {item["status"] for item in log["items"]} == {"DELIVERED"}
    attempts = [attempt for item in log["items"] for attempt in item["attempts"]]
    assert sorted(a["status_code"] for a in attempts).count(503) == 6
    assert all(a["latency_ms"] >= 0 for a in attempts)
    first = min(item["cursor"] for item in log["items"])

    with WebhookReceiver(on_event=lambda event: None) as again:      # e.g. the agency lost its database
        moved = agency.post("/api/v1/agencies/ubnd-xa/webhooks", {"url": again.url}).json()
        again.use_secret(moved["secret"])
        redo = agency.post("/api/v1/agencies/ubnd-xa/webhooks/{}/redeliveries".format(moved["id"]),
                           {"after": first - 1})
        assert redo.status_code == 202 and redo.json()["scheduled"] == 3, redo.text
        replayed = again.wait_for_events(3, timeout=20)
    assert sorted(e["id"] for e in replayed) == sorted(e["id"] for e in events)


def test_an_agency_that_stops_consuming_never_blocks_publishing_and_is_told_it_lagged(
        api, system_config, agency_users):
    register(api, "cuc-thong-ke", [{"event_type": UNIT_CREATED}])
    started = time.monotonic()
    units = [make_unit(api, "L{}".format(index)) for index in range(QUEUE_LIMIT * 2)]
    elapsed = time.monotonic() - started
    # Every event published and archived although the agency reads nothing: its queue holds the newest.
    wait_until(lambda: api.get("/api/v1/events", types=UNIT_CREATED, limit=1000).json()["items"].__len__()
               >= len(units), timeout=20)
    with Connection(system_config["AMQP_URI"], connect_timeout=5) as connection:     # exact, unlike the stats
        depth = connection.default_channel.queue_declare("agency.cuc-thong-ke", passive=True).message_count
    assert depth == QUEUE_LIMIT
    told = wait_until(lambda: (api.get("/api/v1/agencies/cuc-thong-ke").json().get("lag") or {}).get("dropped", 0)
                      >= len(units) - QUEUE_LIMIT, timeout=20)
    assert told
    agency = api.get("/api/v1/agencies/cuc-thong-ke").json()
    assert agency["notices"][-1]["kind"] == "SUBSCRIBER_LAGGING"
    archived = api.get("/api/v1/events", types=LAGGING).json()["items"]
    assert archived and archived[-1]["event"]["data"]["agency"] == "cuc-thong-ke"
    print(json.dumps({"units_created": len(units), "seconds": round(elapsed, 2)}))


def test_an_endpoint_failing_for_longer_than_allowed_is_disabled_and_its_agency_told(api, system_config, agency_users):
    registered = register(api, "xa-tan-thanh", [{"event_type": UNIT_CREATED}])
    agency = as_agency(api, registered)
    with WebhookReceiver(on_event=lambda event: None) as receiver:
        dead_url = receiver.url
    endpoint = agency.post("/api/v1/agencies/xa-tan-thanh/webhooks", {"url": dead_url}).json()   # nobody listens
    make_unit(api, "D1")
    path = "/api/v1/agencies/xa-tan-thanh/webhooks"
    disabled = wait_until(lambda: [e for e in agency.get(path).json()["items"] if not e["enabled"]], timeout=30,
                          interval=0.5, message="the failing endpoint was never disabled")
    assert disabled[0]["id"] == endpoint["id"] and "failed" in disabled[0]["disabled_reason"]
    told = agency.get("/api/v1/agencies/xa-tan-thanh").json()["notices"]
    assert told and told[-1]["kind"] == "WEBHOOK_ENDPOINT_DISABLED"
    disabled_type = "vn.camau.civilservice.subscriptions.webhook_endpoint_disabled.v1"
    wait_until(lambda: [item for item in agency.get("/api/v1/events").json()["items"]
                        if item["event"]["type"] == disabled_type], timeout=15,
               message="the agency's stream never told it")
    log = agency.get(path + "/{}/deliveries".format(endpoint["id"])).json()["items"][0]
    assert log["status"] == "PENDING" and all(a["status_code"] is None and a["error"] for a in log["attempts"])
    assert agency.post(path + "/{}/enable".format(endpoint["id"])).json()["enabled"] is True
