"""Calls from the gateway to the services: always with a deadline.

nameko's RpcProxy waits forever for a reply; here every call has a deadline (eventlet.Timeout
around the reply), and the request message itself expires in the service's queue at that
deadline, so a request answered with 503 is not executed later by a service that comes back.
"""
import time

import eventlet
from eventlet.greenpool import GreenPool
from nameko.exceptions import RpcTimeout, UnknownService
from nameko.rpc import RpcProxy

SERVICES = ("personnel", "training", "inspection", "feedback")


def failure_reason(error):
    """Why a part of a gathered answer is missing, in words an API consumer can act on."""
    if isinstance(error, RpcTimeout):
        return "did not answer in time"
    if isinstance(error, UnknownService):
        return "not running"
    return "failed ({})".format(type(error).__name__)


class TimedRpcProxy(RpcProxy):
    def setup(self):
        timeout = float(self.container.config.get("GATEWAY_RPC_TIMEOUT_SECONDS", 5))
        self.options["expiration"] = int(timeout * 1000)
        super().setup()


class Backends:
    """Per-request access to the services' RPC proxies, with deadlines and parallel fan-out."""

    def __init__(self, proxies, timeout, aggregate_timeout, metrics=None):
        self.proxies, self.timeout, self.aggregate_timeout = proxies, timeout, aggregate_timeout
        self.metrics = metrics

    def call(self, service, method, *args, timeout=None):
        deadline = timeout or self.timeout
        started, outcome = time.monotonic(), "error"
        try:
            reply = getattr(self.proxies[service], method).call_async(*args)
            with eventlet.Timeout(deadline):
                result = reply.result()
            outcome = "ok"
            return result
        except eventlet.Timeout:
            outcome = "timeout"
            raise RpcTimeout(deadline) from None
        finally:
            if self.metrics is not None:
                self.metrics.observe_rpc(service, method, outcome, time.monotonic() - started)

    def gather(self, calls):
        """Run {name: (service, method, args)} in parallel within the aggregate deadline.

        Returns (results, failures): a part that failed or was late is left out of `results` and
        put in `failures` as its exception, so the caller can mark a partial answer.
        """
        pool = GreenPool(len(calls) or 1)
        threads = {name: pool.spawn(self._attempt, service, method, args)
                   for name, (service, method, args) in calls.items()}
        results, failures = {}, {}
        for name, thread in threads.items():
            ok, value = thread.wait()
            (results if ok else failures)[name] = value
        return results, failures

    def _attempt(self, service, method, args):
        try:
            return True, self.call(service, method, *args, timeout=self.aggregate_timeout)
        except Exception as error:  # a part failing must not fail the whole aggregate
            return False, error
