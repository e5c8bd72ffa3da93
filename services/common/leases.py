"""Work that must run once per deployment, however many replicas of a service run (issue 24): it runs
under a lease, one document per kind of work in the service's own database (collection `leases`).

The lease document: `{_id: <name>, holder, fencing, expires_at, claimed_at}`.

- **Claimed** with one conditional `find_one_and_update`: a lease that is free (never claimed, released)
  or expired is taken over: `holder` becomes this replica, `expires_at` now + LEASE_SECONDS, and `fencing`
  goes up by one. A lease already ours is renewed instead, by an update conditional on our holder id and
  our fencing number, which leaves the number as it is: nobody else held it in between.
- **Renewed while held**: every LEASE_RENEW_SECONDS the replica pushes `expires_at` on for each lease it
  holds (services/common/timers.py, `LeaseKeeper`), so a holder keeps it for as long as it lives, and a
  long run of the work does not outlive its lease. A renewal that matches nothing means another replica
  took the lease over (ours had expired): we no longer hold it.
- **Expiry**: a replica that dies (killed, its host lost) stops renewing; LEASE_SECONDS later its lease is
  expired and the next replica that asks takes it over. A replica that stops cleanly releases its leases
  (`expires_at` 0), so its successor takes them at once.
- **Fencing**: the number increases with every takeover and never otherwise, so a write carrying the
  number it was made under can be refused when a newer holder exists (`still_holds`): a replica that
  stalled past its expiry and woke up cannot tell itself it still holds the lease.

Only operations that both MongoDB and the embedded store (mongomock) support: `update_one` with
`$setOnInsert` and upsert, `find_one_and_update` with plain conditions, `$set` and `$inc`; no
transactions, no `$where`, no pipeline updates. Times are the replicas' wall clocks (seconds since the
epoch, `clock`): keep the replicas' clocks within a small fraction of LEASE_SECONDS of each other (NTP).
"""
import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass

import eventlet
from pymongo import ReturnDocument

_log = logging.getLogger(__name__)
LEASES = "leases"
DEFAULT_LEASE_SECONDS = 30
DEFAULT_RENEW_SECONDS = 10
BUILD_WAIT_POLL_SECONDS = 0.5
SUMMARIES_BUILD = "summaries-build"


@dataclass(frozen=True)
class Lease:
    name: str
    holder: str
    fencing: int          # the holder's term: greater than every earlier holder's
    expires_at: float     # seconds since the epoch


def replica_id():
    """This replica's holder id: readable (host and process) and unique per container, so two
    containers in one process (the tests) are two holders, as two processes are."""
    return "{}:{}:{}".format(socket.gethostname(), os.getpid(), uuid.uuid4().hex[:8])


def lease_settings(config):
    """(LEASE_SECONDS, LEASE_RENEW_SECONDS) from the configuration. A holder must renew well within its
    lease, or one slow renewal would hand it to another replica while it still works."""
    seconds = float(config.get("LEASE_SECONDS", DEFAULT_LEASE_SECONDS))
    renew = float(config.get("LEASE_RENEW_SECONDS", DEFAULT_RENEW_SECONDS))
    if not 0 < renew <= seconds / 2:
        raise ValueError("LEASE_RENEW_SECONDS ({}) must be positive and at most half of LEASE_SECONDS ({})"
                         .format(renew, seconds))
    return seconds, renew


def _lease(document):
    return Lease(name=document["_id"], holder=document["holder"], fencing=document["fencing"],
                 expires_at=document["expires_at"])


class Leases:
    """The leases of one replica (`holder`) in one service's database."""

    def __init__(self, db, holder, seconds=DEFAULT_LEASE_SECONDS, clock=time.time):
        self.collection = db[LEASES]
        self.holder, self.seconds, self.clock = holder, float(seconds), clock
        self._held = {}            # name -> the Lease as we last claimed or renewed it
        self._known = set()        # names whose document exists (made once, then only updated)

    def claim(self, name):
        """The lease `name` if this replica holds it now (renewed, or taken over because it was free or
        expired), else None."""
        now = self.clock()
        held = self._held.get(name)
        if held is not None:
            renewed = self._renew(held, now)
            if renewed is not None:
                return renewed
        self._ensure(name)
        document = self.collection.find_one_and_update(
            {"_id": name, "expires_at": {"$lte": now}},
            {"$set": {"holder": self.holder, "expires_at": now + self.seconds, "claimed_at": now},
             "$inc": {"fencing": 1}},
            return_document=ReturnDocument.AFTER)
        if document is None:
            return None
        lease = self._held[name] = _lease(document)
        _log.info("lease %s taken by %s (fencing %d)", name, self.holder, lease.fencing)
        return lease

    def renew_all(self):
        """Push every held lease's expiry on; the names of those another replica took over meanwhile."""
        now, lost = self.clock(), []
        for name, held in list(self._held.items()):
            if self._renew(held, now) is None:
                lost.append(name)
        return lost

    def holds(self, name):
        """Whether this replica held `name` at its last claim or renewal and that has not expired since."""
        held = self._held.get(name)
        return held is not None and held.expires_at > self.clock()

    def still_holds(self, lease):
        """Whether `lease` is still the current term and ours (a fencing check before a write that a
        newer holder's would contradict)."""
        current = self.current(lease.name)
        return (current is not None and current.holder == self.holder and current.fencing == lease.fencing
                and current.expires_at > self.clock())

    def current(self, name):
        """The lease as stored (None before its first claim)."""
        document = self.collection.find_one({"_id": name})
        return _lease(document) if document and document.get("holder") else None

    def release(self, name):
        """Free `name` now if we hold it (the next replica to ask takes it without waiting for expiry)."""
        held = self._held.pop(name, None)
        if held is not None:
            self.collection.update_one({"_id": name, "holder": self.holder, "fencing": held.fencing},
                                       {"$set": {"expires_at": 0}})

    def release_all(self):
        for name in list(self._held):
            self.release(name)

    def run_alone(self, name, work, renew_seconds=DEFAULT_RENEW_SECONDS, poll_seconds=BUILD_WAIT_POLL_SECONDS,
                  sleep=eventlet.sleep):
        """Run `work()` holding `name`, waiting for the lease while another replica holds it (it renews it as
        long as it works; if it dies, its lease expires and this replica takes over). The lease is renewed
        during the work and released after it. Returns what `work` returns. `sleep`: the wait between two
        claims (tests move their clock instead)."""
        while self.claim(name) is None:
            sleep(poll_seconds)
        renewer = eventlet.spawn(self._renew_every, name, renew_seconds)
        try:
            return work()
        finally:
            renewer.kill()
            try:
                self.release(name)
            except Exception:     # noqa: BLE001 - the lease then expires; the work's own outcome stands
                _log.warning("lease %s not released; it expires in %s s", name, self.seconds, exc_info=True)

    def _renew_every(self, name, renew_seconds):
        while True:
            eventlet.sleep(renew_seconds)
            held = self._held.get(name)
            if held is None or self._renew(held, self.clock()) is None:
                return

    def _renew(self, held, now):
        document = self.collection.find_one_and_update(
            {"_id": held.name, "holder": self.holder, "fencing": held.fencing},
            {"$set": {"expires_at": now + self.seconds}}, return_document=ReturnDocument.AFTER)
        if document is None:
            self._held.pop(held.name, None)
            _log.warning("lease %s (fencing %d) was taken over by another replica: %s no longer holds it",
                         held.name, held.fencing, self.holder)
            return None
        lease = self._held[held.name] = _lease(document)
        return lease

    def _ensure(self, name):
        """The lease's document, free, if it does not exist yet: the takeover then needs no upsert (an upsert
        racing another replica's would fail on the duplicate _id instead of simply not matching)."""
        if name not in self._known:
            self.collection.update_one({"_id": name},
                                       {"$setOnInsert": {"holder": None, "fencing": 0, "expires_at": 0}},
                                       upsert=True)
            self._known.add(name)


def ensure_indexes_once(store, config, holder=None):
    """`store.ensure_indexes()`, for a store that keeps summaries under the lease SUMMARIES_BUILD.

    Why: building a summary (BaseStore.build_summaries, at a start) first deletes the counters of a summary
    not yet marked built, then recounts every bucket. Two replicas starting together both find it
    unmarked; the later one's delete then wipes counters the earlier one built and already serves reports
    from (they read zero until it has recounted), and both count everything. Under the lease the second
    replica waits for the first to finish, then finds the marks and builds nothing. The wait also holds
    back its start, as a single replica's start waits for its own build. Indexes alone (no summaries) are
    idempotent and need no lease."""
    if not store.summaries:
        store.ensure_indexes()
        return
    seconds, renew = lease_settings(config)
    leases = Leases(store.db, holder or replica_id(), seconds)
    leases.run_alone(SUMMARIES_BUILD, store.ensure_indexes, renew_seconds=renew)
