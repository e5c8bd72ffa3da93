"""The webhook sender (services/subscriptions/webhook_sender.py) against the example receiver
(examples/webhook_receiver.py), which verifies every delivery with the `standardwebhooks` library."""
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from standardwebhooks import Webhook

from examples.webhook_receiver import WebhookReceiver
from services.common.envelope import new_event
from services.subscriptions.domain.webhooks import new_secret
from services.subscriptions.webhook_sender import WebhookSender

ROOT = Path(__file__).resolve().parents[3]
OLD_SECRET = new_secret(datetime.now(timezone.utc), os.urandom(32)).secret
NEW_SECRET = new_secret(datetime.now(timezone.utc), os.urandom(32)).secret
EVENT = new_event("training", "training_completed", {"official_id": "off-1", "full_name": "Trần Thị Bé"},
                  subject="off-1")


def now():
    return datetime.now(timezone.utc)


@pytest.fixture
def receiver():
    with WebhookReceiver(NEW_SECRET, on_event=lambda event: None) as receiver:
        yield receiver


@pytest.fixture
def sent():
    """The requests a sender made, as it sent them (a response hook on its session)."""
    requests_sent = []
    session = requests.Session()
    session.hooks["response"].append(lambda response, *args, **kwargs: requests_sent.append(response.request))
    return session, requests_sent


def local_sender(**options):
    return WebhookSender(timeout_seconds=options.pop("timeout_seconds", 5), allow_private_targets=True, **options)


# Delivery and signatures

def test_a_delivery_is_a_structured_cloudevent_signed_per_standard_webhooks(receiver, sent):
    session, requests_sent = sent
    attempt = local_sender(session=session).deliver(receiver.url, EVENT, [NEW_SECRET], "msg_1", now())

    assert (attempt.status_code, attempt.error) == (204, None)
    assert 0 <= attempt.latency_ms < 5000
    [event] = receiver.wait_for_events(1, timeout=5)
    assert {name: event[name] for name in ("id", "type", "source", "subject", "data", "correlationid")} == {
        name: EVENT[name] for name in ("id", "type", "source", "subject", "data", "correlationid")}
    assert datetime.fromisoformat(event["time"]) == datetime.fromisoformat(EVENT["time"])
    [request] = requests_sent
    assert request.headers["Content-Type"] == "application/cloudevents+json; charset=utf-8"
    assert request.headers["webhook-id"] == "msg_1"
    assert Webhook(NEW_SECRET).verify(request.body, dict(request.headers)) == event


def test_during_a_rotation_receivers_holding_the_old_or_the_new_secret_both_verify(sent):
    session, requests_sent = sent
    with WebhookReceiver(OLD_SECRET, on_event=lambda e: None) as old, \
            WebhookReceiver(NEW_SECRET, on_event=lambda e: None) as new:
        for receiver in (old, new):
            attempt = local_sender(session=session).deliver(receiver.url, EVENT, [NEW_SECRET, OLD_SECRET],
                                                            "msg_rotating", now())
            assert attempt.status_code == 204
            assert receiver.wait_for_events(1, timeout=5)[0]["id"] == EVENT["id"]
    signatures = requests_sent[0].headers["webhook-signature"].split(" ")
    assert len(signatures) == 2 and all(signature.startswith("v1,") for signature in signatures)


def test_a_delivery_signed_with_a_secret_the_receiver_does_not_hold_is_refused(receiver):
    attempt = local_sender().deliver(receiver.url, EVENT, [OLD_SECRET], "msg_1", now())
    assert (attempt.status_code, attempt.error) == (401, "HTTP 401 Unauthorized")
    assert receiver.events == [] and receiver.refused[0][0] == 401


def test_a_tampered_body_is_refused_by_the_receiver(receiver, sent):
    session, requests_sent = sent
    local_sender(session=session).deliver(receiver.url, EVENT, [NEW_SECRET], "msg_1", now())
    [signed] = requests_sent
    tampered = signed.body.replace(b'"official_id": "off-1"', b'"official_id": "off-2"')
    assert tampered != signed.body

    answer = requests.post(receiver.url, data=tampered, headers={**signed.headers, "webhook-id": "msg_2"},
                           timeout=5)

    assert answer.status_code == 401
    assert [event["data"]["official_id"] for event in receiver.events] == ["off-1"]


def test_the_receiver_hands_on_a_retried_delivery_only_once(receiver):
    first = local_sender().deliver(receiver.url, EVENT, [NEW_SECRET], "msg_1", now())
    retry = local_sender().deliver(receiver.url, EVENT, [NEW_SECRET], "msg_1", now())
    assert (first.status_code, retry.status_code) == (204, 200)
    assert receiver.requests_received == 2 and len(receiver.events) == 1


def test_the_receiver_runs_its_callback_off_the_request():
    handed_on, callback_may_finish = [], threading.Event()

    def slow_callback(event):
        callback_may_finish.wait(5)
        handed_on.append(event["id"])

    with WebhookReceiver(NEW_SECRET, on_event=slow_callback) as receiver:
        attempt = local_sender().deliver(receiver.url, EVENT, [NEW_SECRET], "msg_1", now())
        assert (attempt.status_code, handed_on) == (204, [])
        callback_may_finish.set()
    assert handed_on == [EVENT["id"]]


# Targets we refuse

@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/", "http://10.0.0.1:{port}/", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:{port}/", "http://[::ffff:127.0.0.1]:{port}/", "http://localhost:{port}/",
])
def test_a_private_target_is_refused_without_connecting(receiver, target):
    port = receiver.url.rsplit(":", 1)[1].strip("/")
    attempt = WebhookSender(timeout_seconds=5).deliver(target.format(port=port), EVENT, [NEW_SECRET], "msg_1",
                                                       now())
    assert attempt.status_code is None and attempt.error.startswith("refused target: ")
    assert receiver.requests_received == 0


def test_a_name_resolving_to_one_private_address_among_public_ones_is_refused(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", resolver({"hooks.example.vn": ["93.184.216.34", "10.0.0.7"]}))
    attempt = WebhookSender().deliver("https://hooks.example.vn/", EVENT, [NEW_SECRET], "msg_1", now())
    assert attempt.error == "refused target: hooks.example.vn resolves to 10.0.0.7, a private address"


def test_the_connection_goes_to_the_address_that_was_checked_not_a_second_lookup(receiver, sent, monkeypatch):
    # A rebinding name: the check sees the receiver's address, any later lookup an address that never answers.
    answers = iter([["127.0.0.1"]])
    lookups = []
    real_getaddrinfo = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host != "rebinding.example.vn":
            return real_getaddrinfo(host, port, *args, **kwargs)
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in next(answers, ["10.255.255.1"])]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    port = receiver.url.rsplit(":", 1)[1].strip("/")
    session, requests_sent = sent
    attempt = local_sender(timeout_seconds=1, session=session).deliver(
        "http://rebinding.example.vn:{}/".format(port), EVENT, [NEW_SECRET], "msg_1", now())
    assert (attempt.status_code, lookups) == (204, ["rebinding.example.vn"])
    assert requests_sent[0].headers["Host"] == "rebinding.example.vn:{}".format(port)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for hooks.example.vn: (certificate file, key file)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=hooks.example.vn",
                    "-addext", "subjectAltName=DNS:hooks.example.vn"], check=True, capture_output=True, timeout=30)
    return str(cert), str(key)


# Run in a fresh interpreter: this suite monkey-patches with eventlet after urllib3 has imported ssl, which
# breaks TLS in-process (eventlet's SSLContext recursion); `nameko run` patches first, so services are not hit.
HTTPS_DELIVERY = """
import json, socket, ssl, sys
from datetime import datetime, timezone
import requests
from examples.webhook_receiver import WebhookReceiver
from services.subscriptions.webhook_sender import WebhookSender

name, cert, key, secret, event = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5])
real_getaddrinfo = socket.getaddrinfo
socket.getaddrinfo = lambda host, port, *args, **kwargs: real_getaddrinfo(
    "127.0.0.1" if host.endswith(".example.vn") else host, port, *args, **kwargs)
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
session = requests.Session()
session.verify = cert
with WebhookReceiver(secret, on_event=lambda event: None, ssl_context=context) as receiver:
    port = receiver.url.rsplit(":", 1)[1].strip("/")
    attempt = WebhookSender(timeout_seconds=5, allow_private_targets=True, session=session).deliver(
        "https://{}:{}/".format(name, port), event, [secret], "msg_1", datetime.now(timezone.utc))
    print(json.dumps({"status_code": attempt.status_code, "error": attempt.error,
                      "received": [event["id"] for event in receiver.events]}))
"""


@pytest.mark.parametrize("name, verified", [("hooks.example.vn", True), ("other.example.vn", False)])
def test_over_https_the_pinned_address_is_verified_against_the_name_in_the_url(certificate, name, verified):
    arguments = [name, *certificate, NEW_SECRET, json.dumps(EVENT)]
    child = subprocess.run([sys.executable, "-c", HTTPS_DELIVERY, *arguments], capture_output=True, text=True,
                           timeout=60, cwd=ROOT)
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    if verified:
        assert result == {"status_code": 204, "error": None, "received": [EVENT["id"]]}
    else:
        assert result["status_code"] is None and "certificate" in result["error"].lower()
        assert result["received"] == []


def test_a_name_that_does_not_resolve_is_a_failed_attempt(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", resolver({}))
    attempt = WebhookSender().deliver("https://nowhere.example.vn/", EVENT, [NEW_SECRET], "msg_1", now())
    assert attempt.status_code is None and attempt.error.startswith("refused target: nowhere.example.vn does")


# Network failures are recorded, never raised

def test_a_server_that_never_answers_times_out():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # the kernel completes the handshake; nobody ever reads or answers
        attempt = local_sender(timeout_seconds=0.3).deliver(
            "http://127.0.0.1:{}/".format(silent.getsockname()[1]), EVENT, [NEW_SECRET], "msg_1", now())
    assert attempt.status_code is None and attempt.error.startswith("timeout after 0.3 s")
    assert 300 <= attempt.latency_ms < 3000


def test_a_refused_connection_is_a_failed_attempt():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, never listening: connections are refused
        attempt = local_sender().deliver("http://127.0.0.1:{}/".format(port), EVENT, [NEW_SECRET], "msg_1", now())
    assert (attempt.status_code, attempt.error) == (None, "connection failed: Connection refused")


def test_a_redirect_is_not_followed(receiver):
    with redirecting_to(receiver.url) as redirecting_url:
        attempt = local_sender().deliver(redirecting_url, EVENT, [NEW_SECRET], "msg_1", now())
    assert (attempt.status_code, attempt.error) == (307, "redirect to {} not followed".format(receiver.url))
    assert receiver.requests_received == 0


def resolver(names):
    def getaddrinfo(host, port, *args, **kwargs):
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (address, port)) for address in names[host]]
    return getaddrinfo


class redirecting_to:
    """A local server answering every POST with a 307 to `location`."""

    def __init__(self, location):
        class Redirect(BaseHTTPRequestHandler):
            def do_POST(self):
                self.send_response(307)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return "http://127.0.0.1:{}/".format(self.server.server_address[1])

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
