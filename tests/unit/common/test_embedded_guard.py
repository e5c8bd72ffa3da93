"""The embedded store serves one process on one machine (issue 24): where it cannot, it says so at start."""
import pytest

from services.common.embedded_guard import EmbeddedStoreRefused, check_allowed, is_loopback

TRIAL = {"MONGO_URI": "mongomock://localhost", "AMQP_URI": "amqp://u:p@127.0.0.1:5672/"}


@pytest.mark.parametrize("host,loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True), (None, True),
                                           ("127.0.1.1", True), ("10.0.0.5", False), ("rabbitmq", False),
                                           ("0.0.0.0", False), ("", True)])
def test_only_this_machines_own_addresses_count_as_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_the_embedded_store_is_allowed_on_loopback():
    check_allowed(TRIAL, "personnel")
    check_allowed(TRIAL, "gateway", listens=("WEB_SERVER_ADDRESS", "127.0.0.1:8000"))


@pytest.mark.parametrize("changes,listens,named", [
    ({"AMQP_URI": "amqp://u:p@rabbitmq:5672/"}, None, "AMQP_URI"),
    ({}, ("WEB_SERVER_ADDRESS", "0.0.0.0:8000"), "WEB_SERVER_ADDRESS")])
def test_the_embedded_store_is_refused_beyond_this_machine_naming_why_and_what_to_set(changes, listens, named):
    with pytest.raises(EmbeddedStoreRefused, match="{}.*Set MONGO_URI".format(named)):
        check_allowed(dict(TRIAL, **changes), "gateway", listens)


def test_a_trial_may_allow_it_and_a_real_mongodb_needs_no_allowance():
    beyond = dict(TRIAL, AMQP_URI="amqp://u:p@rabbitmq:5672/")
    check_allowed(dict(beyond, ALLOW_EMBEDDED_STORE="true"), "training")
    check_allowed(dict(beyond, MONGO_URI="mongodb://mongo:27017"), "training")
