"""One process per service on the embedded store (issue 24), held by an exclusive queue on the broker."""
import pytest
from amqp.exceptions import ResourceLocked
from kombu import Connection, Queue

from services.common import embedded_guard


@pytest.fixture
def config(config):
    """The embedded store, whatever MONGO_URI the suite runs with (the wire-protocol pass sets one)."""
    return dict(config, MONGO_URI="mongomock://guard-test")


def _held_elsewhere(config, identity):
    """What another process's hold looks like: the exclusive queue, on a connection of its own."""
    connection = Connection(config["AMQP_URI"])
    Queue(embedded_guard.lock_queue_name(identity), exclusive=True, auto_delete=True)(connection.channel()).declare()
    return connection


def test_a_service_held_by_another_process_is_refused_until_that_process_ends(config):
    elsewhere = _held_elsewhere(config, "training")
    with pytest.raises(embedded_guard.EmbeddedStoreRefused, match="another process of training.*MONGO_URI"):
        embedded_guard.hold(config, "training")
    elsewhere.release()                 # the process ended: the broker dropped its queue with the connection
    embedded_guard.hold(config, "training")
    embedded_guard.release(config, "training")


def test_containers_of_one_process_share_its_hold_and_the_last_one_out_frees_it(config):
    embedded_guard.hold(config, "feedback")
    embedded_guard.hold(config, "feedback")      # a second container of the same process: its embedded store too
    embedded_guard.release(config, "feedback")
    with pytest.raises(ResourceLocked):          # still held by the first
        _held_elsewhere(config, "feedback").release()
    embedded_guard.release(config, "feedback")
    _held_elsewhere(config, "feedback").release()


def test_a_real_mongodb_takes_no_hold(config):
    real = dict(config, MONGO_URI="mongodb://127.0.0.1:1")
    embedded_guard.hold(real, "inspection")
    _held_elsewhere(config, "inspection").release()
