"""A webhook receiver for the Cà Mau civil-service platform's event deliveries: copy it and replace the callback.

Every delivery is an HTTP POST carrying one CloudEvent 1.0 (HTTP binding, structured mode: the body is the
whole event as JSON, `Content-Type: application/cloudevents+json`), signed per Standard Webhooks 1.0
(`webhook-id`, `webhook-timestamp`, `webhook-signature`). This receiver:

- verifies the signature and the timestamp with the `standardwebhooks` library (its only dependency:
  `pip install standardwebhooks`) and answers 401 when they do not match;
- answers 2xx at once and hands the event to your callback on another thread: a slow callback must not make
  the platform time out and retry;
- skips a `webhook-id` it has already accepted (the platform retries until it gets a 2xx, so the same
  delivery can arrive twice).

Run it:  python examples/webhook_receiver.py --port 8900 --secret whsec_...
Or from code (tests):

    with WebhookReceiver(secret, on_event=handle) as receiver:   # a free port on 127.0.0.1
        ... receiver.url ...
        receiver.wait_for_events(1, timeout=5)
"""
import argparse
import json
import os
import queue
import ssl
import sys
import threading
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

MAX_BODY_BYTES = 1024 * 1024
# Ids remembered for deduplication. In memory only: a receiver that restarts may see a delivery twice, so
# make the callback itself idempotent too (the event's `id` is unique per event).
REMEMBERED_IDS = 100_000


def print_event(event):
    print("{} {} subject={} id={}".format(event.get("time"), event["type"], event.get("subject"), event["id"]),
          flush=True)


class WebhookReceiver:
    def __init__(self, secret=None, on_event=print_event, host="127.0.0.1", port=0, ssl_context=None):
        self._webhook = Webhook(secret) if secret else None
        self._ssl_context = ssl_context
        self._on_event = on_event
        self._address = (host, port)
        self._seen_ids = OrderedDict()
        self._changed = threading.Condition()
        self._callbacks = queue.Queue()
        self._server = None
        self.events = []             # the accepted CloudEvents, in arrival order
        self.requests_received = 0   # every request, refused ones included
        self.refused = []            # (status, reason) of every refused request

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return "{}://{}:{}/".format("https" if self._ssl_context else "http", host, port)

    def use_secret(self, secret):
        """The endpoint's secret, once registered (its URL is needed to register it: start, register, then this).
        Until then every delivery is refused with 401, and the platform retries it."""
        self._webhook = Webhook(secret)

    def start(self):
        receiver = self

        class Handler(_DeliveryHandler):
            def handle_delivery(self, body, headers):
                return receiver._receive(body, headers)

        self._server = ThreadingHTTPServer(self._address, Handler)
        self._server.daemon_threads = True
        if self._ssl_context is not None:
            self._server.socket = self._ssl_context.wrap_socket(self._server.socket, server_side=True)
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        threading.Thread(target=self._run_callbacks, daemon=True).start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._callbacks.put(None)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def wait_for_events(self, count, timeout):
        """The first `count` accepted events, waiting at most `timeout` seconds for them (TimeoutError)."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.events) >= count, timeout):
                raise TimeoutError("{} of {} events arrived in {} s".format(len(self.events), count, timeout))
            return self.events[:count]

    def _receive(self, body, headers):
        """(status, reason) for one delivery; never runs the callback itself."""
        with self._changed:
            self.requests_received += 1
        if self._webhook is None:
            return self._refuse(401, "no secret yet")
        try:
            event = self._webhook.verify(body, headers)
        except (WebhookVerificationError, ValueError) as error:   # ValueError: a malformed signature header
            return self._refuse(401, "signature not verified: {}".format(error))
        if not _is_cloudevent(event):
            return self._refuse(400, "the body is not a CloudEvents 1.0 JSON event")
        message_id = headers["webhook-id"]
        with self._changed:
            if message_id in self._seen_ids:
                return 200, "already received"
            self._seen_ids[message_id] = True
            if len(self._seen_ids) > REMEMBERED_IDS:
                self._seen_ids.popitem(last=False)
            self.events.append(event)
            self._changed.notify_all()
        self._callbacks.put(event)
        return 204, None

    def _refuse(self, status, reason):
        with self._changed:
            self.refused.append((status, reason))
            self._changed.notify_all()
        return status, reason

    def _run_callbacks(self):
        for event in iter(self._callbacks.get, None):
            try:
                self._on_event(event)
            except Exception as error:  # the delivery was accepted already; a failing callback is ours to fix
                print("callback failed for event {}: {!r}".format(event.get("id"), error), file=sys.stderr)


def _is_cloudevent(event):
    return (isinstance(event, dict) and event.get("specversion") == "1.0"
            and all(isinstance(event.get(name), str) and event[name] for name in ("id", "source", "type")))


class _DeliveryHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            return self._answer(413, "body too large")
        body = self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        status, reason = self.handle_delivery(body, headers)
        self._answer(status, reason)

    def _answer(self, status, reason):
        payload = json.dumps({"error": reason}).encode() if reason else b""
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        if payload:
            self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):  # one line per event from the callback is enough
        pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--certfile", help="serve HTTPS with this certificate chain (PEM)")
    parser.add_argument("--keyfile", help="the certificate's private key (PEM)")
    parser.add_argument("--secret", default=os.environ.get("WEBHOOK_SECRET"),
                        help="the endpoint's whsec_... secret (or WEBHOOK_SECRET)")
    arguments = parser.parse_args(argv)
    if not arguments.secret:
        parser.error("give --secret or set WEBHOOK_SECRET")
    ssl_context = None
    if arguments.certfile:
        ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ssl_context.load_cert_chain(arguments.certfile, arguments.keyfile)
    receiver = WebhookReceiver(arguments.secret, host=arguments.host, port=arguments.port,
                               ssl_context=ssl_context).start()
    print("listening on {}".format(receiver.url), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        receiver.stop()


if __name__ == "__main__":
    main()
