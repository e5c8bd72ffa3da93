"""A liveness heartbeat per process (issue 24): with replicas, "the RPC queue has a consumer" stays true while
one replica is wedged and another consumes, so a probe must ask the process itself.

Every process of the platform (each service and the gateway) touches a file every HEARTBEAT_SECONDS from a
green thread of its own: the file is fresh only while the process's event loop runs. The container's health
check (`python -m services.common.healthcheck <identity>`, run inside that container) finds it stale when
the loop is stuck (a handler that never yields, a deadlock) or the process is gone. One process per container
(compose, Kubernetes): the file is the container's own. Several processes of one identity on one host share
the name, so HEARTBEAT_FILE can name another path. The beating thread is `services.common.health.Heartbeat`;
this module has no framework in it, so the probe stays light.
"""
import os
import socket
import tempfile
import time
from pathlib import Path

DEFAULT_SECONDS = 5.0
STALE_AFTER_BEATS = 3       # a probe allows this many missed beats before calling the process dead


def heartbeat_path(identity, config=None):
    configured = (config or {}).get("HEARTBEAT_FILE") or os.environ.get("HEARTBEAT_FILE")
    return Path(configured or os.path.join(tempfile.gettempdir(), "camau-{}.alive".format(identity)))


def replica_id():
    """What tells this process apart from the other replicas of its identity: host and process id."""
    return "{}:{}".format(socket.gethostname(), os.getpid())


def beat(path):
    path.write_text("{} {}\n".format(time.time(), replica_id()), encoding="utf-8")


def is_fresh(path, interval=DEFAULT_SECONDS, now=None):
    """(fresh, why) from the heartbeat file's last beat."""
    try:
        last = float(path.read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError) as error:
        return False, "no heartbeat at {} ({})".format(path, type(error).__name__)
    age = (now if now is not None else time.time()) - last
    if age > interval * STALE_AFTER_BEATS:
        return False, "last heartbeat {:.0f} s ago at {} (every {:.0f} s expected)".format(age, path, interval)
    return True, "heartbeat {:.1f} s ago".format(age)
