"""Sends one webhook delivery over HTTP (docs/agencies.md, "Webhooks"): the event in the CloudEvents HTTP
binding, structured mode, signed per Standard Webhooks 1.0, to a target that is checked not to be on our own networks.

Infrastructure: what to send and when is decided in `domain/webhooks.py`; this module only makes the
request and reports what happened as an `Attempt`. It never raises for a network failure.
"""
import ipaddress
import math
import os
import socket
import ssl
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlunsplit

import requests
from cloudevents.core.bindings import http as cloudevents_http
from cloudevents.core.v1.event import CloudEvent
from requests.adapters import HTTPAdapter
from standardwebhooks import Webhook

from services.subscriptions.domain.webhooks import Attempt, is_success

CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"
USER_AGENT = "camau-civilservice-webhooks/1"
MAX_ERROR_LENGTH = 300


class RefusedTarget(Exception):
    """The URL's host resolves to an address deliveries must not reach."""


class WebhookSender:
    """One instance per service (its session pools connections). A `session` given is adapted in place:
    environment proxies off, requests sent through `PinnedAddressAdapter`."""

    def __init__(self, timeout_seconds=10, allow_private_targets=False, session=None, allowed_networks=()):
        self.timeout_seconds = timeout_seconds
        self.allow_private_targets = allow_private_targets
        # Non-public networks an operator allows (a receiver inside the province's network), e.g. 10.20.0.0/16;
        # everything else that is not public stays refused (loopback, link-local metadata addresses...).
        self.allowed_networks = tuple(ipaddress.ip_network(network) for network in allowed_networks)
        self.session = session or requests.Session()
        # Proxies from the environment would resolve the host themselves, after our check.
        self.session.trust_env = False
        adapter = PinnedAddressAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def deliver(self, url, envelope, secrets, message_id, now):
        """POST the CloudEvent `envelope` to `url`, signed with every secret in `secrets`; the Attempt."""
        started = time.monotonic()

        def attempt(status_code=None, error=None):
            # The receiver chooses reason phrases and Location headers: kept short in the log.
            return Attempt(at=now, status_code=status_code,
                           latency_ms=round((time.monotonic() - started) * 1000),
                           error=error[:MAX_ERROR_LENGTH] if error else error)

        body, content_type = structured_cloudevent(envelope)
        headers = {"Content-Type": content_type, "User-Agent": USER_AGENT,
                   **signature_headers(body, secrets, message_id, now)}
        try:
            pinned_url, host_header = self._pinned(url)
            headers["Host"] = host_header
            response = self.session.post(pinned_url, data=body, headers=headers, allow_redirects=False,
                                         stream=True, timeout=(self.timeout_seconds, self.timeout_seconds))
        except RefusedTarget as error:
            return attempt(error="refused target: {}".format(error))
        except requests.Timeout as error:
            return attempt(error="timeout after {} s: {}".format(self.timeout_seconds, _root_cause(error)))
        except requests.ConnectionError as error:
            return attempt(error="connection failed: {}".format(_root_cause(error)))
        except requests.RequestException as error:
            return attempt(error="request failed: {}".format(_root_cause(error)))
        # Only the status matters: the body is not read, so a receiver cannot make us download much.
        response.close()
        error = None
        if response.is_redirect:
            error = "redirect to {} not followed".format(response.headers.get("Location"))
        elif not is_success(response.status_code):
            error = "HTTP {} {}".format(response.status_code, response.reason)
        return attempt(response.status_code, error)

    def _pinned(self, url):
        """(the URL with its host replaced by a checked address, the Host header naming the original host).

        Connecting to the address we checked, not resolving the name again, closes the DNS rebinding gap
        between the check and the connection."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RefusedTarget("{!r} is not an http(s) URL with a host".format(url))
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = self._checked_address(parts.hostname, port)
        host = "[{}]".format(address) if ":" in address else address
        pinned = urlunsplit((parts.scheme, "{}:{}".format(host, port), parts.path or "/", parts.query, ""))
        original = "[{}]".format(parts.hostname) if ":" in parts.hostname else parts.hostname
        return pinned, original if parts.port is None else "{}:{}".format(original, parts.port)

    def _checked_address(self, hostname, port):
        try:
            infos = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise RefusedTarget("{} does not resolve: {}".format(hostname, error)) from None
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if not self.allow_private_targets:
            # Every address, not just the first: a name may also point at one of ours.
            for address in addresses:
                parsed = ipaddress.ip_address(address.split("%")[0])
                reason = non_public_reason(parsed)
                if reason and not any(parsed in network for network in self.allowed_networks):
                    raise RefusedTarget("{} resolves to {}, a {} address".format(hostname, address, reason))
        return addresses[0]


def non_public_reason(address):
    """Why `address` is not a public internet address, or None. An IPv6 address carrying an IPv4 one
    (IPv4-mapped ::ffff:127.0.0.1, 6to4, Teredo) is judged by the IPv4 address too."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is not None:
            reason = non_public_reason(embedded)
            if reason or address.ipv4_mapped:
                return reason
    # Most specific first: link-local and loopback addresses are also "private" to ipaddress.
    for reason in ("unspecified", "loopback", "link_local", "multicast", "reserved", "private"):
        if getattr(address, "is_" + reason):
            return reason.replace("_", "-")
    if not address.is_global:  # what the checks above leave, e.g. 100.64.0.0/10 (carrier-grade NAT)
        return "non-global"
    return None


def structured_cloudevent(envelope):
    """(body, content type) of the event in the CloudEvents HTTP binding, structured mode, by the SDK (which
    also validates the attributes). Its content type has no charset; the body is UTF-8 JSON, so we say so."""
    attributes = {name: value for name, value in envelope.items() if name != "data"}
    if "time" in attributes:
        attributes["time"] = datetime.fromisoformat(attributes["time"])  # the SDK wants a datetime
    message = cloudevents_http.to_structured_event(CloudEvent(attributes, envelope.get("data")))
    return message.body, CONTENT_TYPE


def signature_headers(body, secrets, message_id, now):
    """Standard Webhooks headers; one `v1,<signature>` per secret, space-separated, so a receiver holding
    either the old or the new secret verifies during a rotation."""
    if not secrets:
        raise ValueError("a delivery needs at least one signing secret")
    # Webhook.sign reads the time as UTC without converting it (replace(tzinfo=utc)), so convert first.
    utc_now = now.astimezone(timezone.utc) if now.tzinfo else now.replace(tzinfo=timezone.utc)
    payload = body.decode("utf-8")
    signatures = [Webhook(secret).sign(message_id, utc_now, payload) for secret in secrets]
    return {"webhook-id": message_id, "webhook-timestamp": str(math.floor(utc_now.timestamp())),
            "webhook-signature": " ".join(signatures)}


def _root_cause(error):
    """The words of the innermost cause ("Connection refused", "timed out"), without urllib3's pool and
    object descriptions around them."""
    cause = error
    while True:
        inner = getattr(cause, "reason", None) or cause.__cause__ or cause.__context__
        if not isinstance(inner, BaseException):
            break
        cause = inner
    if isinstance(cause, OSError) and not isinstance(cause, ssl.SSLError) and isinstance(cause.errno, int):
        return os.strerror(cause.errno)  # the same words with or without eventlet's green sockets
    return str(cause) or type(cause).__name__


class PinnedAddressAdapter(HTTPAdapter):
    """Requests go to the address in the URL (checked by WebhookSender); TLS is still verified against the
    original host name, taken from the Host header (SNI and certificate matching)."""

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        host_header = request.headers.get("Host")
        if host_params["scheme"] == "https" and host_header:
            pool_kwargs["server_hostname"] = urlsplit("//" + host_header).hostname
        return host_params, pool_kwargs
