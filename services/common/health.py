"""`health` and `metrics` RPCs every service exposes: the gateway's /ready and /metrics ask each
service through the broker."""
from services.common import metrics
from services.common.rpc_errors import domain_rpc


class HealthEntrypoint:
    @domain_rpc
    def health(self):
        return {"service": self.name, "store": self.store.ping(), "outbox_pending": self.store.outbox_pending()}

    @domain_rpc
    def metrics(self):
        return {"service": self.name, "events": metrics.snapshot(self.name),
                "outbox_pending": self.store.outbox_pending()}
