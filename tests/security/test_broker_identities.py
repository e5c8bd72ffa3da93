"""Issue #12: each service, the gateway and an agency can do on the broker only what broker_setup
grants them, enforced by RabbitMQ itself (permissions and topic permissions), on a fresh vhost."""
import json
import uuid

import pytest
from amqp.exceptions import AccessRefused, ConnectionForced
from kombu import Connection, Queue

from services.common import broker_setup
from services.subscriptions.broker import AgencyBroker
from tests.helpers import wait_until
from tests.security.broker import bind_as, get_as, publish_as

REPLY_KEY = str(uuid.uuid4())


@pytest.fixture
def agency(config, broker_management):
    """A fresh agency account on this test's vhost as the subscriptions service makes it (its queue bound to
    the one type it is granted, personnel's unit_created): (name, its AMQP URI)."""
    name = "t" + uuid.uuid4().hex[:10]
    vhost = broker_setup.vhost_of(config["AMQP_URI"])
    broker = AgencyBroker(broker_management, vhost, user_prefix=vhost + "-agency-")
    user, password = broker.provision(name, "agency." + name, {("personnel", "unit_created")})
    yield name, broker_setup.amqp_uri_for(config["AMQP_URI"], user, password)
    broker_management.delete("users", user)


@pytest.fixture
def rpc_queue(config):
    """`rpc-personnel` as personnel's RpcConsumer leaves it (declared and bound by the admin here)."""
    with Connection(config["AMQP_URI"]) as connection:
        Queue("rpc-personnel", broker_setup.topology.Exchange("nameko-rpc", type="topic", durable=True),
              routing_key="personnel.*", durable=True)(connection.default_channel).declare()
    return "rpc-personnel"


# --- services -----------------------------------------------------------------------------------
def test_a_service_publishes_its_own_events(identity_uris):
    publish_as(identity_uris["personnel"], "personnel.events", "unit_created", {"probe": True})


def test_a_service_cannot_publish_to_another_services_events_exchange(identity_uris):
    with pytest.raises(AccessRefused):
        publish_as(identity_uris["personnel"], "training.events", "training_completed", {"forged": True})


def test_a_service_cannot_publish_rpc_requests(identity_uris):
    for target in ("personnel.get_official", "training.get_course"):
        with pytest.raises(AccessRefused):
            publish_as(identity_uris["personnel"], "nameko-rpc", target, {"args": [], "kwargs": {}})


def test_a_service_may_publish_an_rpc_reply(identity_uris):
    publish_as(identity_uris["personnel"], "nameko-rpc", REPLY_KEY, {"result": None, "error": None})


def test_no_identity_may_write_to_the_default_exchange(identity_uris):
    for identity in broker_setup.IDENTITIES:
        with pytest.raises(AccessRefused):
            publish_as(identity_uris[identity], "", "personnel.dlq", {"forged": True})


def test_a_service_cannot_feed_another_services_handler_queues_through_its_requeue_exchange(identity_uris):
    with pytest.raises(AccessRefused):
        publish_as(identity_uris["training"], "personnel.requeue",
                   "evt-training-training_completed--personnel.handle_training_completed", {"forged": True})


def test_a_service_cannot_read_another_services_rpc_queue(identity_uris, rpc_queue):
    with pytest.raises(AccessRefused):
        get_as(identity_uris["training"], rpc_queue)


def test_a_service_cannot_bind_its_queue_to_another_services_rpc_requests(identity_uris):
    with pytest.raises(AccessRefused):
        bind_as(identity_uris["training"], "rpc-training", "nameko-rpc", "personnel.*", declare_queue=True)


def test_a_service_cannot_bind_its_queue_to_the_gateways_replies(identity_uris):
    with pytest.raises(AccessRefused):
        bind_as(identity_uris["training"], "rpc-training", "nameko-rpc", REPLY_KEY, declare_queue=True)


# --- the gateway --------------------------------------------------------------------------------
def test_the_gateway_publishes_rpc_requests_to_a_service(identity_uris):
    publish_as(identity_uris["gateway"], "nameko-rpc", "personnel.get_official", {"args": ["x"], "kwargs": {}})


def test_the_gateway_cannot_publish_events_nor_rpc_replies(identity_uris):
    with pytest.raises(AccessRefused):
        publish_as(identity_uris["gateway"], "training.events", "training_completed", {"forged": True})
    with pytest.raises(AccessRefused):
        publish_as(identity_uris["gateway"], "nameko-rpc", REPLY_KEY, {"result": "forged"})


def test_the_gateway_cannot_read_a_services_rpc_queue(identity_uris, rpc_queue):
    with pytest.raises(AccessRefused):
        get_as(identity_uris["gateway"], rpc_queue)


# --- an agency ----------------------------------------------------------------------------------
def test_an_agency_cannot_publish_anywhere(agency, config):
    _, agency_uri = agency
    for exchange, routing_key in (("", "personnel.dlq"), ("personnel.events", "unit_created"),
                                  ("training.events", "training_completed"),
                                  ("nameko-rpc", "personnel.get_official"), ("nameko-rpc", REPLY_KEY)):
        with pytest.raises(AccessRefused):
            publish_as(agency_uri, exchange, routing_key, {"forged": True})


def test_an_agency_cannot_read_an_rpc_or_service_queue(agency, rpc_queue):
    _, agency_uri = agency
    with pytest.raises(AccessRefused):
        get_as(agency_uri, rpc_queue)
    with pytest.raises(AccessRefused):
        get_as(agency_uri, "unrouted.events")


def test_an_agency_cannot_declare_any_queue_nor_bind_its_own_to_what_it_was_not_granted(agency):
    name, agency_uri = agency
    with pytest.raises(AccessRefused):
        bind_as(agency_uri, "evt-personnel-unit_created--spy.steal", "personnel.events", "#", declare_queue=True)
    with pytest.raises(AccessRefused):
        bind_as(agency_uri, "agency.{}.more".format(name), "personnel.events", "#", declare_queue=True)
    with pytest.raises(AccessRefused):
        bind_as(agency_uri, "agency." + name, "personnel.events", "discipline_imposed")


def test_an_agency_consumes_its_own_queue_and_receives_only_its_granted_types(agency, identity_uris):
    name, agency_uri = agency
    publish_as(identity_uris["personnel"], "personnel.events", "discipline_imposed", {"official_id": "off-1"})
    publish_as(identity_uris["personnel"], "personnel.events", "unit_created", {"unit_id": "unit-1"})

    message = wait_until(lambda: get_as(agency_uri, "agency." + name), message="the agency did not receive the event")
    assert message.delivery_info["routing_key"] == "unit_created"
    assert json.loads(message.body) == {"unit_id": "unit-1"}
    assert get_as(agency_uri, "agency." + name) is None       # the restricted event never reached the queue


# --- the whole system under these identities ------------------------------------------------------
def test_every_service_and_the_gateway_connect_as_their_own_broker_user(api, system_config, broker_management):
    assert api.get("/api/v1/units").status_code == 200      # an RPC through the restricted identities
    vhost = broker_setup.vhost_of(system_config["AMQP_URI"])
    expected = {"{}-{}".format(vhost, identity) for identity in broker_setup.IDENTITIES}

    def connected_users():
        return {connection["user"] for connection in broker_management.get("vhosts", vhost, "connections")}

    assert wait_until(lambda: expected <= connected_users(), timeout=15,
                      message="not every identity has a connection")


def test_rotating_an_agencys_password_closes_the_connections_opened_with_the_old_one(config, broker_management):
    vhost = broker_setup.vhost_of(config["AMQP_URI"])
    broker = AgencyBroker(broker_management, vhost, user_prefix=vhost + "-agency-")
    name = "rot" + uuid.uuid4().hex[:6]
    user, old_password = broker.provision(name, "agency." + name, {("personnel", "unit_created")})
    try:
        leaked = Connection(broker_setup.amqp_uri_for(config["AMQP_URI"], user, old_password), connect_timeout=5)
        channel = leaked.channel()
        assert channel.basic_get("agency." + name) is None          # it reads (an empty queue)
        broker.provision(name, "agency." + name, {("personnel", "unit_created")}, None, True)

        def refused():
            try:
                channel.basic_get("agency." + name)
            except (ConnectionForced, OSError):
                return True
            return False
        wait_until(refused, timeout=10, message="the connection made with the old password stayed open")
        leaked.release()
    finally:
        broker.revoke(name, "agency." + name)
