"""Prometheus metrics of the gateway (requests, RPC latency) and of the services' events.

The services' event counters are read at scrape time through their `metrics` RPC, so /metrics
shows the whole system even when every service runs in its own container.
"""
from nameko.extensions import DependencyProvider
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from services.common.heartbeat import replica_id

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class GatewayMetrics:
    def __init__(self):
        self.registry = CollectorRegistry()
        self.requests = Counter("camau_http_requests_total", "HTTP requests answered by the gateway",
                                ["route", "method", "status"], registry=self.registry)
        self.latency = Histogram("camau_http_request_seconds", "HTTP request latency per route",
                                 ["route", "method"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.rpc_latency = Histogram("camau_rpc_seconds", "RPC latency per service and method",
                                     ["service", "method", "outcome"], buckets=LATENCY_BUCKETS,
                                     registry=self.registry)

    def observe_request(self, route, method, status, seconds):
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route, method).observe(seconds)

    def observe_rpc(self, service, method, outcome, seconds):
        self.rpc_latency.labels(service, method, outcome).observe(seconds)

    def exposition(self, service_reports):
        """Text format: the gateway's own metrics plus the services' event counters."""
        return generate_latest(self.registry) + generate_latest(_ServiceCollector(service_reports))


class _ServiceCollector:
    """A throwaway registry-like object for generate_latest: families built from the RPC answers."""

    def __init__(self, reports):
        self.reports = reports

    def collect(self):
        # `replica`: the process that answered (host:pid). With several replicas of a service each scrape reaches
        # one of them; labelled, each replica's counters are a series of their own instead of one that jumps.
        events = CounterMetricFamily("camau_events", "Events per service, event type and outcome "
                                     "(published, consumed, retried, dead_lettered, already_dead_lettered)",
                                     labels=["service", "replica", "event_type", "outcome"])
        pending = GaugeMetricFamily("camau_outbox_pending_documents", "Documents with unpublished events",
                                    labels=["service", "replica"])
        up = GaugeMetricFamily("camau_service_up", "1 when the service answered the scrape", labels=["service"])
        for service, report in sorted(self.reports.items()):
            up.add_metric([service], 0 if report is None else 1)
            if report is None:
                continue
            replica = report.get("replica", "")
            pending.add_metric([service, replica], report["outbox_pending"])
            for outcome, per_type in sorted(report["events"].items()):
                for event_type, value in sorted(per_type.items()):
                    events.add_metric([service, replica, event_type, outcome], value)
        gateway = GaugeMetricFamily("camau_gateway_replica", "The gateway process that answered this scrape",
                                    labels=["replica"])
        gateway.add_metric([replica_id()], 1)
        yield from (events, pending, up, gateway)


class Metrics(DependencyProvider):
    def setup(self):
        self.metrics = GatewayMetrics()

    def get_dependency(self, worker_ctx):
        return self.metrics
