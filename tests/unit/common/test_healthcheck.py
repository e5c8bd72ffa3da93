"""The container healthcheck's HTTP mode and its failure paths (the RPC mode: tests/integration)."""
import http.server
import threading

import pytest
from nameko.rpc import RPC_QUEUE_TEMPLATE

from services.common import healthcheck


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        self.send_response(200 if self.path == "/health" else 503)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_url():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:{}".format(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_queue_name_is_nameko_rpc_queue():
    assert healthcheck.RPC_QUEUE_TEMPLATE == RPC_QUEUE_TEMPLATE


def test_http_2xx_is_healthy(http_url):
    assert healthcheck.main(["--http", http_url + "/health"]) == 0


def test_http_error_status_is_unhealthy(http_url):
    assert healthcheck.main(["--http", http_url + "/not-ready"]) == 1


def test_nothing_listening_is_unhealthy():
    healthy, reason = healthcheck.check_http("http://127.0.0.1:9/health", timeout=2)
    assert not healthy and reason


def test_unreachable_broker_is_unhealthy():
    healthy, reason = healthcheck.check_rpc("amqp://user:secret@127.0.0.1:9/", "personnel", timeout=2)
    assert not healthy and reason


def test_a_target_is_required():
    with pytest.raises(SystemExit):
        healthcheck.main([])
