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
import socket

import eventlet
from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import WebServer

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
        app = super().get_wsgi_app()

        def app_with_security_headers(environ, start_response):
            def start(status, headers, exc_info=None):
                return start_response(status, secured(headers), exc_info)
            return app(environ, start)
        return app_with_security_headers


class SecureHttpRequestHandler(HttpRequestHandler):
    server = SecureWebServer()


http = SecureHttpRequestHandler.decorator
