"""Security headers on every answer of the gateway, set once at the WSGI layer so that the answers
nameko makes itself (an unknown path's 404, a 405) carry them too.

- `X-Content-Type-Options: nosniff` everywhere: a browser never runs a JSON or CSV answer as a script;
- `Cache-Control: no-store` unless the answer chose its own (the public docs assets do): answers to
  authenticated calls and personal data must not stay in a browser's or a proxy's cache;
- HTML pages (/docs, /dashboard) get a Content-Security-Policy: their own scripts, styles and images
  only (they serve every asset themselves), no inline script, and no framing by another site
  (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for older browsers). Inline styles stay
  allowed because Swagger UI sets style attributes; images may be `data:` URIs (Swagger UI's icons).
"""
import errno
import json
import socket

import eventlet
from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import WebServer, WsgiApp
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

from gateway.errors import to_http

PAGE_POLICY = "; ".join((
    "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
    "font-src 'self'", "connect-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
))


def secured(headers):
    """The answer's headers [(name, value)] with the security headers added."""
    present = {name.lower(): value for name, value in headers}
    added = [("X-Content-Type-Options", "nosniff")]
    if "cache-control" not in present:
        added.append(("Cache-Control", "no-store"))
    if present.get("content-type", "").startswith("text/html"):
        added += [("Content-Security-Policy", PAGE_POLICY), ("X-Frame-Options", "DENY")]
    return [header for header in headers if header[0].lower() not in {name.lower() for name, _ in added}] + added


class PortHeld(RuntimeError):
    """The gateway's address is held by another process: refusing is better than sharing it."""


def listen_exclusively(address):
    """A listening socket on `address` (host, port) that no other process may share.

    nameko binds with `eventlet.listen`, which sets SO_REUSEPORT: a second `make run` (or a stale gateway)
    on the same port then binds too, and the kernel splits the connections between two platforms holding
    different data, silently. Without SO_REUSEPORT the second bind fails, and says why."""
    try:
        return eventlet.listen(address, reuse_port=False)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise PortHeld("the gateway cannot listen on {}:{}: another process holds it (a second `make run`, a "
                       "gateway left running?). Stop it, or set WEB_SERVER_ADDRESS to a free address."
                       .format(*address)) from None


def error_response(status, code, message, headers=()):
    """The platform's error body (gateway.errors) for answers made below the routes."""
    response = Response(json.dumps({"error": code, "message": message, "fields": {}}, ensure_ascii=False),
                        status=status, mimetype="application/json")
    for name, value in headers:
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


class JsonErrorsWsgiApp(WsgiApp):
    """nameko's WsgiApp, whose own answers (an unknown path's 404, a 405 with its Allow header) carry the error
    body every route answers with, not werkzeug's HTML page."""

    def __call__(self, environ, start_response):
        request = Request(environ, shallow=True)      # as nameko's: no body read before a route takes it
        adapter = self.url_map.bind_to_environ(environ)
        try:
            provider, values = adapter.match()
            request.path_values = values
            answer = provider.handle_request(request)
        except HTTPException as exc:
            answer = exc if exc.code is None or exc.code < 400 else error_response(
                exc.code, _HTTP_CODES.get(exc.code, "HTTP_{}".format(exc.code)),
                _HTTP_MESSAGES.get(exc.code, exc.description or exc.name), exc.get_headers(environ))
        return answer(environ, start_response)


_HTTP_CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}
_HTTP_MESSAGES = {404: "no such path; the API's paths are listed at /openapi.json",
                  405: "this path does not take that method; Allow lists those it takes"}


class SecureWebServer(WebServer):
    def start(self):
        """nameko's WebServer.start, listening on a socket of this process alone (`listen_exclusively`)."""
        if not self._starting:
            self._starting = True
            self._sock = listen_exclusively(self.bind_addr)
            self._sock.settimeout(None)     # as nameko: https://github.com/celery/kombu/issues/838
            self._serv = self.get_wsgi_server(self._sock, self.get_wsgi_app())
            self._gt = self.container.spawn_managed_thread(self.run)

    def process_request(self, sock, address):
        # eventlet's wsgi writes an answer through a 16 KB buffer: a larger one leaves in two writes, and
        # Nagle's algorithm held the second until the client's delayed ACK (40 ms on Linux) on every page
        # of a list, report or profile. Answers are written whole, so nothing is gained by waiting.
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:       # not a TCP socket
            pass
        return super().process_request(sock, address)

    def get_wsgi_app(self):
        app = JsonErrorsWsgiApp(self)

        def app_with_security_headers(environ, start_response):
            def start(status, headers, exc_info=None):
                return start_response(status, secured(headers), exc_info)
            return app(environ, start)
        return app_with_security_headers


class SecureHttpRequestHandler(HttpRequestHandler):
    server = SecureWebServer()

    def response_from_exception(self, exc):
        """What escapes a route's own handling (gateway.http answers every failure it sees; this is what fails
        around it: a worker that could not be spawned, the audit write). nameko's own answer is a text 500
        naming the exception and its message; here the status and body of gateway.errors, no detail leaked."""
        status, body, headers = to_http(exc)
        return error_response(status, body["error"], body["message"], headers.items())


http = SecureHttpRequestHandler.decorator
