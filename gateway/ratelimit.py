"""Per-client rate limits for public and login routes: 429 with Retry-After.

A token bucket per (limit name, client address), in the gateway's memory: each gateway replica
limits on its own (put the limit at the proxy too when running several). The client address is
the TCP peer unless GATEWAY_TRUSTED_PROXY is set, then the last address in X-Forwarded-For.
"""
import math
import time

from nameko.extensions import DependencyProvider

from gateway.errors import HttpError

MAX_TRACKED_CLIENTS = 100_000


class TokenBuckets:
    def __init__(self, per_minute, clock=time.monotonic):
        self.capacity = float(per_minute)
        self.rate = float(per_minute) / 60.0
        self.clock = clock
        self.buckets = {}

    def take(self, key):
        """Seconds to wait before `key` may try again (0 when allowed)."""
        now = self.clock()
        tokens, last = self.buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self._remember(key, (tokens - 1, now))
            return 0
        self._remember(key, (tokens, now))
        return math.ceil((1 - tokens) / self.rate)

    def _remember(self, key, state):
        if len(self.buckets) >= MAX_TRACKED_CLIENTS and key not in self.buckets:
            self.buckets.clear()  # bounded memory; a flood of new addresses resets the table
        self.buckets[key] = state


class RateLimits(DependencyProvider):
    """Limits by name: `public` (feedback intake and tracking), `login` (tokens, password changes) and
    `operations` (/ready, /metrics)."""

    def setup(self):
        config = self.container.config
        self.trusted_proxy = bool(config.get("GATEWAY_TRUSTED_PROXY", False))
        self.limits = {"public": TokenBuckets(config.get("GATEWAY_PUBLIC_RATE_PER_MINUTE", 30)),
                       "login": TokenBuckets(config.get("GATEWAY_LOGIN_RATE_PER_MINUTE", 10)),
                       "operations": TokenBuckets(config.get("GATEWAY_OPERATIONS_RATE_PER_MINUTE", 60))}

    def get_dependency(self, worker_ctx):
        return self

    def client(self, request):
        """The caller's address: the TCP peer, or the last X-Forwarded-For entry behind a trusted proxy."""
        if self.trusted_proxy and request.headers.get("X-Forwarded-For"):
            return request.headers["X-Forwarded-For"].split(",")[-1].strip()
        return request.remote_addr or "unknown"

    def check(self, name, request):
        wait = self.limits[name].take(self.client(request))
        if wait:
            raise HttpError(429, "RATE_LIMITED", "too many requests; retry in {} s".format(wait),
                            headers={"Retry-After": str(wait)})
