"""`health` and `metrics` RPCs every service exposes: the gateway's /ready and /metrics ask each
service through the broker."""
import eventlet
from nameko.extensions import DependencyProvider

from services.common import metrics
from services.common.heartbeat import DEFAULT_SECONDS, beat, heartbeat_path, replica_id
from services.common.rpc_errors import domain_rpc


class Heartbeat(DependencyProvider):
    """Beats while the container runs; the file is removed when it stops."""

    def __init__(self, identity=None):
        self.identity = identity
        self._thread = None

    def setup(self):
        config = self.container.config
        self.interval = float(config.get("HEARTBEAT_SECONDS") or DEFAULT_SECONDS)
        self.path = heartbeat_path(self.identity or self.container.service_name, config)

    def start(self):
        beat(self.path)
        self._thread = self.container.spawn_managed_thread(self._beat_forever, identifier="heartbeat")

    def _beat_forever(self):
        while True:
            eventlet.sleep(self.interval)
            try:
                beat(self.path)
            except OSError:         # a full or read-only disk: the probe will say so, the service goes on
                pass

    def stop(self):
        if self._thread is not None:
            self._thread.kill()
            self._thread = None
        self.path.unlink(missing_ok=True)

    def kill(self):
        self.stop()

    def get_dependency(self, worker_ctx):
        return self


class HealthEntrypoint:
    # The process's own liveness, for the container's probe (services/common/heartbeat.py).
    heartbeat = Heartbeat()

    @domain_rpc
    def health(self):
        return {"service": self.name, "store": self.store.ping(), "outbox_pending": self.store.outbox_pending(),
                "replica": replica_id()}

    @domain_rpc
    def metrics(self):
        """This replica's counters (the replica that took the RPC: each is a series of its own at /metrics)."""
        return {"service": self.name, "events": metrics.snapshot(self.name),
                "outbox_pending": self.store.outbox_pending(), "replica": replica_id()}
