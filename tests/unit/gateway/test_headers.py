"""Security headers added to every answer of the gateway, and answers sent without Nagle's delay."""
import socket

from gateway.headers import PAGE_POLICY, SecureWebServer, secured


def test_every_answer_gets_nosniff_and_no_store_unless_it_chose_its_own_caching():
    json_answer = dict(secured([("Content-Type", "application/json")]))
    assert json_answer["X-Content-Type-Options"] == "nosniff" and json_answer["Cache-Control"] == "no-store"
    asset = dict(secured([("Content-Type", "text/css"), ("Cache-Control", "public, max-age=86400")]))
    assert asset["Cache-Control"] == "public, max-age=86400"


def test_html_pages_get_a_policy_that_forbids_framing_and_foreign_scripts():
    page = dict(secured([("Content-Type", "text/html; charset=utf-8")]))
    assert page["Content-Security-Policy"] == PAGE_POLICY and page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in PAGE_POLICY and "script-src 'self'" in PAGE_POLICY
    assert "Content-Security-Policy" not in dict(secured([("Content-Type", "application/json")]))


def test_a_header_is_never_sent_twice():
    headers = secured([("Content-Type", "text/html"), ("x-content-type-options", "nosniff")])
    assert [name.lower() for name, _ in headers].count("x-content-type-options") == 1


def test_the_gateway_answers_without_waiting_for_the_clients_acknowledgement():
    """An answer over 16 KB leaves eventlet's buffer in two writes; without TCP_NODELAY Nagle's algorithm held
    the second until the client's delayed ACK (40 ms a read on Linux)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    client = socket.create_connection(listener.getsockname())
    accepted, address = listener.accept()
    server, handed = SecureWebServer(), []
    server._serv = type("Wsgi", (), {"process_request": lambda self, request: handed.append(request)})()
    try:
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
        server.process_request(accepted, address)
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        assert handed and accepted in handed[0]           # then served as nameko serves it
    finally:
        for opened in (client, accepted, listener):
            opened.close()
