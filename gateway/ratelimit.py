"""Per-client rate limits for public and login routes: 429 with Retry-After.

A token bucket per (limit name, client address), kept in the gateway's MongoDB database, so that every
gateway replica behind a load balancer takes from the same bucket (in each replica's memory, N replicas let
a client through N times as often: issue 24). A bucket is read, then written back only if unchanged since
(a compare-and-swap on one document, taken again when another request won), on the wall clock, which the
replicas share. The client address is the TCP peer unless GATEWAY_TRUSTED_PROXY is set, then the last
address in X-Forwarded-For.
"""
import math
import time
from datetime import datetime, timezone

from nameko.extensions import DependencyProvider

from gateway.errors import HttpError
from gateway.store import GatewayStore

PRUNE_EVERY_SECONDS = 60       # the embedded store has no TTL monitor: expired buckets are deleted this often
SWAP_ATTEMPTS = 20             # a bucket changed meanwhile: read it again (many requests of one client at once)


class SharedTokenBuckets:
    """A token bucket per key (`per_minute` tokens, one back every 60/per_minute s), stored in the gateway's
    database (`GatewayStore.find_bucket`, `swap_bucket`): the same answers, whichever replica a request reaches."""

    def __init__(self, store, name, per_minute, clock=time.time):
        self.store, self.name, self.clock = store, name, clock
        self.capacity = float(per_minute)
        self.rate = float(per_minute) / 60.0
        self._pruned = clock()

    def take(self, key):
        """Seconds to wait before `key` may try again (0 when allowed)."""
        bucket_key = "{}:{}".format(self.name, key)
        for _ in range(SWAP_ATTEMPTS):
            now = self.clock()
            seen = self.store.find_bucket(bucket_key)
            tokens = self.capacity if seen is None else min(
                self.capacity, seen["tokens"] + max(0.0, now - seen["last"]) * self.rate)
            allowed = tokens >= 1
            left = tokens - 1 if allowed else tokens
            # Full again this long after the last request: nothing worth keeping past that.
            expires_at = datetime.fromtimestamp(now + (self.capacity - left) / self.rate + 1, timezone.utc)
            if self.store.swap_bucket(bucket_key, seen, left, now, expires_at):
                self._prune(now)
                return 0 if allowed else math.ceil((1 - tokens) / self.rate)
        return math.ceil(1 / self.rate)      # contended beyond reason: refused, as a flood would be

    def _prune(self, now):
        if now - self._pruned >= PRUNE_EVERY_SECONDS:
            self._pruned = now
            self.store.prune_buckets(datetime.fromtimestamp(now, timezone.utc))


class RateLimits(DependencyProvider):
    """Limits by name: `public` (feedback intake and tracking), `login` (tokens, password changes) and
    `operations` (/ready, /metrics)."""

    def setup(self):
        config = self.container.config
        self.trusted_proxy = bool(config.get("GATEWAY_TRUSTED_PROXY", False))
        store = GatewayStore.from_config(config)
        self.limits = {name: SharedTokenBuckets(store, name, config.get(setting, default))
                       for name, setting, default in (("public", "GATEWAY_PUBLIC_RATE_PER_MINUTE", 30),
                                                      ("login", "GATEWAY_LOGIN_RATE_PER_MINUTE", 10),
                                                      ("operations", "GATEWAY_OPERATIONS_RATE_PER_MINUTE", 60))}

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
