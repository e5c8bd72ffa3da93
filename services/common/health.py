"""`health` RPC every service exposes: the gateway's /ready asks each service through the broker."""
from services.common.rpc_errors import domain_rpc


class HealthEntrypoint:
    @domain_rpc
    def health(self):
        return {"service": self.name, "store": self.store.ping(), "outbox_pending": self.store.outbox_pending()}
