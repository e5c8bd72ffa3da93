"""One platform per port (issue 22): a second gateway on a held port is refused, with a message."""
import socket

import pytest

from gateway.headers import PortHeld, listen_exclusively


def test_a_second_listener_on_the_gateways_port_is_refused_with_a_clear_message():
    first = listen_exclusively(("127.0.0.1", 0))
    try:
        with pytest.raises(PortHeld, match="another process holds it.*WEB_SERVER_ADDRESS"):
            listen_exclusively(first.getsockname())
    finally:
        first.close()


def test_a_port_held_by_a_listener_that_allows_sharing_is_refused_too():
    """What an older gateway (or eventlet's default) binds with: SO_REUSEPORT set."""
    sharing = socket.socket()
    sharing.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sharing.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sharing.bind(("127.0.0.1", 0))
    sharing.listen(5)
    try:
        with pytest.raises(PortHeld):
            listen_exclusively(sharing.getsockname())
    finally:
        sharing.close()


def test_the_port_is_free_again_once_the_gateway_closed_it():
    first = listen_exclusively(("127.0.0.1", 0))
    address = first.getsockname()
    first.close()
    listen_exclusively(address).close()
