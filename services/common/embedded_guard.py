"""The embedded store refuses what it cannot do (issue 24): it lives inside one process, so it serves one
process of a service on one machine, a trial.

- Two processes of one service on `mongomock://` would each keep their own users, officials and outbox: a
  split brain nobody sees. So a process that opens the embedded store holds an exclusive queue,
  `<identity>.embedded-store`, on its vhost for as long as it runs; a second process of the same service (or
  gateway) cannot declare it (RabbitMQ answers RESOURCE_LOCKED) and fails at start, saying to set MONGO_URI.
  The broker ends the hold with the connection, so a process that dies frees it at once. Containers of one
  process (the tests) share the process's embedded store, hence its hold.
- Beyond one machine (the broker, or the address the gateway listens on, not on loopback) the embedded store is refused
  unless ALLOW_EMBEDDED_STORE says this is a trial: a deployment must not lose its data at the first restart.
"""
import ipaddress
import threading
from urllib.parse import urlparse

from amqp.exceptions import ResourceLocked
from kombu import Connection, Queue

from services.common.config import flag

ALLOW_SETTING = "ALLOW_EMBEDDED_STORE"
EMBEDDED_SCHEME = "mongomock://"
_HELD = {}                  # (AMQP URI, identity) -> [connection, containers holding it]
_LOCK = threading.Lock()    # green under eventlet: containers start side by side


class EmbeddedStoreRefused(RuntimeError):
    """The embedded store cannot serve this process as configured."""


def is_embedded(config):
    return str(config.get("MONGO_URI") or "mongomock://localhost").startswith(EMBEDDED_SCHEME)


def lock_queue_name(identity):
    return "{}.embedded-store".format(identity)


def is_loopback(host):
    if not host or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:          # a host name other than localhost: another machine, as far as we can tell
        return False


def check_allowed(config, identity, listens=None):
    """Refuse the embedded store beyond one machine, unless ALLOW_EMBEDDED_STORE is set. `listens`: (the
    setting, its host:port) of an address the process serves on (the gateway's)."""
    if not is_embedded(config) or flag(config.get(ALLOW_SETTING, False)):
        return
    hosts = {"the broker (AMQP_URI)": urlparse(config["AMQP_URI"]).hostname}
    if listens and listens[1]:
        hosts["the address it listens on ({})".format(listens[0])] = str(listens[1]).rpartition(":")[0]
    beyond = [what for what, host in hosts.items() if not is_loopback(host.strip("[]") if host else host)]
    if beyond:
        raise EmbeddedStoreRefused(
            "{}: the embedded store (MONGO_URI={}) keeps data inside this process, but {} is not on this machine's "
            "loopback. Set MONGO_URI to a MongoDB for a deployment, or {}=true for a trial that may lose its data."
            .format(identity, config.get("MONGO_URI") or "mongomock://localhost", " and ".join(beyond), ALLOW_SETTING))


def hold(config, identity, listens=None):
    """This process's hold on the embedded store of `identity` (nothing to hold on a real MongoDB)."""
    if not is_embedded(config):
        return
    check_allowed(config, identity, listens)
    key = (config["AMQP_URI"], identity)
    with _LOCK:
        if key in _HELD:
            _HELD[key][1] += 1
            return
        connection = Connection(config["AMQP_URI"], connect_timeout=10)
        try:
            Queue(lock_queue_name(identity), exclusive=True, auto_delete=True)(connection.channel()).declare()
        except ResourceLocked:
            connection.release()
            raise EmbeddedStoreRefused(
                "{0}: another process of {0} is running on the embedded store (MONGO_URI={1}) on this broker; each "
                "would keep data of its own. Stop it, or run every replica on one MongoDB (set MONGO_URI)."
                .format(identity, config.get("MONGO_URI") or "mongomock://localhost")) from None
        except Exception:
            connection.release()
            raise
        _HELD[key] = [connection, 1]


def release(config, identity):
    if not is_embedded(config):
        return
    key = (config["AMQP_URI"], identity)
    with _LOCK:
        held = _HELD.get(key)
        if held is None:
            return
        held[1] -= 1
        if held[1] <= 0:
            del _HELD[key]
            try:
                held[0].release()
            except Exception:       # the broker went first: its end of the hold is gone already
                pass
