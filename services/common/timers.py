"""Timers whose interval is a setting of config.yml (read when the container sets up), and the variant for
work that must run once per deployment however many replicas run (issue 24; docs/architecture.md, "What
runs once, under a lease")."""
import logging

import eventlet
from nameko.extensions import SharedExtension
from nameko.timer import Timer

from services.common.leases import Leases, lease_settings, replica_id
from services.common.mongo import database_for

_log = logging.getLogger(__name__)


class ConfiguredTimer(Timer):
    def __init__(self, setting, default, **kwargs):
        self.setting, self.default = setting, default
        super().__init__(interval=default, **kwargs)

    def setup(self):
        self.interval = float(self.container.config.get(self.setting, self.default))


configured_timer = ConfiguredTimer.decorator


class LeaseKeeper(SharedExtension):
    """One container's leases (services/common/leases.py), shared by its singleton timers: renewed every
    LEASE_RENEW_SECONDS while the container runs, released when it stops, left to expire when it is killed."""

    def setup(self):
        config = self.container.config
        seconds, self.renew_seconds = lease_settings(config)
        self.leases = Leases(database_for(config, self.container.service_name), replica_id(), seconds)
        self._renewer = None

    def start(self):
        self._renewer = self.container.spawn_managed_thread(self._renew_forever, identifier="lease-renewal")

    def stop(self):
        """After the workers (nameko stops sub-extensions last): the work is done, the next replica may start."""
        self._stop_renewing()
        try:
            self.leases.release_all()
        except Exception:     # noqa: BLE001 - the leases then expire, as a killed container's do
            _log.warning("leases of %s not released; they expire instead", self.leases.holder, exc_info=True)

    def kill(self):
        self._stop_renewing()

    def claim(self, name):
        return self.leases.claim(name)

    def still_holds(self, lease):
        return self.leases.still_holds(lease)

    def _stop_renewing(self):
        if self._renewer is not None:
            self._renewer.kill()
            self._renewer = None

    def _renew_forever(self):
        while True:
            eventlet.sleep(self.renew_seconds)
            try:
                self.leases.renew_all()
            except Exception:     # noqa: BLE001 - storage away: retried; the lease may expire meanwhile
                _log.warning("lease renewal failed; retried in %s s", self.renew_seconds, exc_info=True)


class SingletonTimer(ConfiguredTimer):
    """A configured timer whose method runs only on the replica holding the lease `lease`; the other
    replicas' ticks are skipped. The lease is claimed at each tick (renewed when ours; taken over when free
    or expired), so the holder runs the work every interval and, when it dies, a survivor takes over at its
    first tick after the lease expired. The method is still an ordinary one: the RPCs that run the same work
    on demand, and entrypoint hooks in tests, call it without a lease."""
    keeper = LeaseKeeper()

    def __init__(self, setting, default, lease, **kwargs):
        self.lease = lease
        self._running = None          # the lease the current run started under
        super().__init__(setting, default, **kwargs)

    def handle_timer_tick(self):
        try:
            held = self.keeper.claim(self.lease)
        except Exception:     # noqa: BLE001 - storage away: this tick is skipped, the next one asks again
            _log.warning("lease %s could not be claimed; tick skipped", self.lease, exc_info=True)
            held = None
        if held is None:
            self.worker_complete.send()      # the timer loop waits for this before its next tick
            return
        self._running = held
        super().handle_timer_tick()

    def handle_result(self, worker_ctx, result, exc_info):
        """After the run, the fencing check: a run that outlived its lease (this replica stalled past the expiry
        and another took over) may have overlapped the new holder's, which operators should hear of."""
        held, self._running = self._running, None
        try:
            if held is not None and not self.keeper.still_holds(held):
                _log.warning("%s ran past its lease %s (fencing %d): another replica took it over meanwhile, and "
                             "their runs may have overlapped", self.method_name, held.name, held.fencing)
        except Exception:     # noqa: BLE001 - only a check; the next tick claims again
            _log.warning("lease %s could not be checked after its run", self.lease, exc_info=True)
        return super().handle_result(worker_ctx, result, exc_info)


def singleton_timer(setting, default, lease, **kwargs):
    """`@singleton_timer("REVIEW_OVERDUE_SCAN_SECONDS", 3600, lease="review-overdue-scan")`."""
    return SingletonTimer.decorator(setting, default, lease=lease, **kwargs)
