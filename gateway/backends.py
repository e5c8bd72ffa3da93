"""Calls from the gateway to the services: always with a deadline.

nameko's RpcProxy waits forever for a reply; here every call has a deadline (eventlet.Timeout
around the reply), and the request message itself expires in the service's queue at that
deadline, so a request answered with 503 is not executed later by a service that comes back.
"""
import time

import eventlet
from nameko.exceptions import RpcTimeout, UnknownService
from nameko.rpc import RpcProxy

from services.common.rpc_errors import register_typed_errors

# Every service (/ready, /metrics); the annual report asks those that hold the province's records.
SERVICES = ("personnel", "training", "inspection", "feedback", "subscriptions")
RECORD_SERVICES = ("personnel", "training", "inspection", "feedback")


def failure_reason(error):
    """Why a part of a gathered answer is missing, in words an API consumer can act on."""
    if isinstance(error, RpcTimeout):
        return "did not answer in time"
    if isinstance(error, UnknownService):
        return "not running"
    return "failed ({})".format(type(error).__name__)


class TimedRpcProxy(RpcProxy):
    """nameko's RpcProxy with a deadline, in a process whose registry knows the typed errors: the
    gateway runs alone in its process (make run, compose), where no service module fills it."""

    def setup(self):
        register_typed_errors()
        timeout = float(self.container.config.get("GATEWAY_RPC_TIMEOUT_SECONDS", 5))
        self.options["expiration"] = int(timeout * 1000)
        super().setup()


class Backends:
    """Per-request access to the services' RPC proxies, with deadlines and parallel fan-out."""

    def __init__(self, proxies, timeout, aggregate_timeout, metrics=None):
        self.proxies, self.timeout, self.aggregate_timeout = proxies, timeout, aggregate_timeout
        self.metrics = metrics

    def call(self, service, method, *args, timeout=None):
        results, failures = self.gather({"reply": (service, method, args)}, timeout or self.timeout)
        if failures:
            raise failures["reply"]
        return results["reply"]

    def gather(self, calls, timeout=None):
        """Run {name: (service, method, args)} in parallel within one deadline (default: the aggregate's).

        Returns (results, failures): a part that failed or was late is left out of `results` and
        put in `failures` as its exception, so the caller can mark a partial answer. The requests all
        leave first, then the replies are collected in this green thread (no thread per part).
        """
        deadline = timeout or self.aggregate_timeout
        started = time.monotonic()
        pending, results, failures = {}, {}, {}
        for name, (service, method, args) in calls.items():
            try:
                pending[name] = (service, method, getattr(self.proxies[service], method).call_async(*args))
            except Exception as error:  # a part failing must not fail the whole aggregate
                failures[name] = error
                self._observe(service, method, "error", started)
        for name, (service, method, reply) in pending.items():
            outcome = "error"
            try:
                with eventlet.Timeout(max(0.0, started + deadline - time.monotonic())):
                    results[name] = reply.result()
                outcome = "ok"
            except eventlet.Timeout:
                outcome = "timeout"
                failures[name] = RpcTimeout(deadline)
            except Exception as error:
                failures[name] = error
            finally:
                self._observe(service, method, outcome, started)
        return results, failures

    def _observe(self, service, method, outcome, started):
        if self.metrics is not None:
            self.metrics.observe_rpc(service, method, outcome, time.monotonic() - started)
