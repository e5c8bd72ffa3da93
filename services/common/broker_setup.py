"""Prepare a RabbitMQ vhost: one broker identity per service and for the gateway, each allowed only
its own resources, the exchanges declared up front, and the unrouted-events policy.

    python -m services.common.broker_setup                    # provision (compose's broker-setup)
    python -m services.common.broker_setup --generate-missing # `make run`: invent missing passwords

All of it through the management API (RABBITMQ_MANAGEMENT_URL, an administrator), on the vhost of
AMQP_URI; every step is idempotent (PUT), so running it again changes nothing, or rotates a password
given anew in the environment.

Identities (user `<BROKER_USER_PREFIX><name>`, default prefix `camau-`; password from
`BROKER_PASSWORD_<NAME>`), enforced by RabbitMQ's own per-vhost permissions (configure / write / read
regexes over queue and exchange names) and topic permissions on `nameko-rpc`:
- a service (personnel, training, inspection, feedback) publishes only to its own `<service>.events`
  and its own retry, requeue and dead-letter exchanges; it reads only its own queues (`rpc-<service>`,
  `evt-<source>-<type>--<service>.<method>`, `<service>.retry.<ms>`, `<service>.dlq`) and binds them to
  any service's `<service>.events`; on `nameko-rpc` it may publish only replies (nameko 2.14's reply
  routing keys are uuid4 strings: nameko.rpc.ReplyListener) and bind only `<service>.*`;
- the gateway publishes RPC requests `<service>.<method>` on `nameko-rpc` and nothing else; it reads
  only its reply queues `rpc.reply-gateway-<uuid>`, bound by their uuid key;
- an agency (`agency-<name>`, created when an admin registers it: POST /api/v1/agencies, see
  services/subscriptions/broker.py) only reads its queue `agency.<name>`, which the platform binds to the
  types it is granted; it configures, binds and publishes nothing;
- nobody may write to the default exchange (`amq.default`): dead letters go through
  `<service>.dead-letter` (services/common/topology.py).
docker-compose.yml runs it as the one-shot `broker-setup` service before any other service starts
(not a definitions file loaded at broker boot: RabbitMQ then skips creating the user of
RABBITMQ_DEFAULT_USER/PASS, and the file would have to carry password hashes).
"""
import argparse
import json
import os
import re
import secrets
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlparse, urlunparse

import requests
from kombu import Connection

from services.common import topology

SERVICES = ("personnel", "training", "inspection", "feedback", "subscriptions")
GATEWAY = "gateway"
IDENTITIES = SERVICES + (GATEWAY,)
DEFAULT_USER_PREFIX = "camau-"
AGENCY_USER_PREFIX = "agency-"
RPC_EXCHANGE = "nameko-rpc"
# str(uuid.uuid4()): what nameko 2.14 uses as a reply routing key and in reply queue names.
UUID4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
NAME_PART = "[a-z0-9_]+"
NOTHING = "^$"
# Where `--generate-missing` keeps the passwords it made (git-ignored, mode 600), for `make run`.
DEFAULT_CREDENTIALS_FILE = Path(__file__).resolve().parents[2] / ".broker-credentials.json"
DEFAULT_MANAGEMENT_URL = "http://guest:guest@127.0.0.1:15672"

POLICY_NAME = "unrouted-events"
POLICY = {"pattern": topology.EVENTS_EXCHANGE_PATTERN, "apply-to": "exchanges", "priority": 0,
          "definition": {"alternate-exchange": topology.UNROUTED_EXCHANGE}}
# The subscriptions service's archive is bound to every `*.events` exchange, so events reach
# `unrouted.events` only while it is down, and the archive keeps them all anyway: the queue is bounded
# (its oldest dropped) so that nobody reading it can never fill the broker.
UNROUTED_POLICY_NAME = "unrouted-bounded"
DEFAULT_UNROUTED_MAX_LENGTH = 10_000


def unrouted_policy(max_length=None):
    max_length = int(max_length or os.environ.get("UNROUTED_MAX_LENGTH", DEFAULT_UNROUTED_MAX_LENGTH))
    return {"pattern": r"^unrouted\.events$", "apply-to": "queues", "priority": 0,
            "definition": {"max-length": max_length, "overflow": "drop-head"}}


class MissingPassword(RuntimeError):
    pass


# --- who may do what ------------------------------------------------------------------------------
def _anchored(*alternatives):
    return "^({})$".format("|".join(alternatives))


def _events_exchanges(services):
    # Named one by one: a looser `[a-z_]+\.events` would also match the `unrouted.events` queue.
    return r"({})\.events".format("|".join(re.escape(service) for service in services))


def service_permissions(service, services=SERVICES):
    """Per-vhost permissions of a service (RabbitMQ matches each regex against queue and exchange names).

    configure: declaring its own queues and exchanges, and `nameko-rpc`, which nameko's RpcConsumer
    declares at every start; write: publishing to its exchanges, and binding its own queues (queue.bind
    needs write on the queue); read: consuming its queues, and binding from any `*.events`.
    """
    name = re.escape(service)
    own = [RPC_EXCHANGE, "rpc-" + name, r"evt-{0}-{0}--{1}\.{0}".format(NAME_PART, name),
           r"{}\.(events|retry\.[0-9]+|requeue|dead-letter|dlq|overflow|embedded-store)".format(name)]
    return {"configure": _anchored(*own), "write": _anchored(*own),
            "read": _anchored(*own, _events_exchanges(services))}


def service_topic_permissions(service):
    """On `nameko-rpc`: publish replies only (uuid keys), bind only its own requests (`<service>.*`)."""
    return [{"exchange": RPC_EXCHANGE, "write": "^{}$".format(UUID4),
             "read": r"^{}\.\*$".format(re.escape(service))}]


def gateway_permissions():
    replies = r"rpc\.reply-{}-{}".format(GATEWAY, UUID4)
    # `gateway.embedded-store`: the exclusive queue one gateway process holds on the embedded store
    # (services/common/embedded_guard.py); declaring it needs configure alone.
    hold = r"{}\.embedded-store".format(GATEWAY)
    return {"configure": _anchored(RPC_EXCHANGE, replies, hold), "write": _anchored(RPC_EXCHANGE, replies),
            "read": _anchored(RPC_EXCHANGE, replies)}


def gateway_topic_permissions(services=SERVICES):
    """On `nameko-rpc`: publish requests `<service>.<method>`, bind only its reply keys."""
    return [{"exchange": RPC_EXCHANGE,
             "write": r"^({})\.{}$".format("|".join(map(re.escape, services)), NAME_PART),
             "read": "^{}$".format(UUID4)}]


def agency_topic_permissions():
    """An agency's user (made by the subscriptions service, services/subscriptions/broker.py) has no say on
    `nameko-rpc` either."""
    return [{"exchange": RPC_EXCHANGE, "write": NOTHING, "read": NOTHING}]


def identity_permissions(identity, services=SERVICES):
    if identity == GATEWAY:
        return gateway_permissions(), gateway_topic_permissions(services)
    return service_permissions(identity, services), service_topic_permissions(identity)


# --- names and passwords ------------------------------------------------------------------------
def user_name(identity, prefix=None):
    return (prefix if prefix is not None else user_prefix()) + identity


def user_prefix(environ=None):
    return (environ if environ is not None else os.environ).get("BROKER_USER_PREFIX", DEFAULT_USER_PREFIX)


def password_variable(identity):
    return "BROKER_PASSWORD_" + identity.upper()


def credentials_file(environ=None):
    return Path((environ if environ is not None else os.environ).get("BROKER_CREDENTIALS_FILE",
                                                                     DEFAULT_CREDENTIALS_FILE))


def _read_credentials(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def _write_credentials(path, passwords):
    # Created 600 from the start (not chmod-ed afterwards), so no other user ever reads it.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(passwords, handle, indent=2)
    os.chmod(path, 0o600)


def identity_passwords(identities=IDENTITIES, environ=None, generate_missing=False):
    """{identity: password}: from BROKER_PASSWORD_<NAME>, else (a local trial) from the credentials
    file, made and kept there once when `generate_missing`."""
    environ = environ if environ is not None else os.environ
    path = credentials_file(environ)
    stored = _read_credentials(path)
    passwords, generated = {}, False
    for identity in identities:
        password = environ.get(password_variable(identity)) or stored.get(identity)
        if not password and generate_missing:
            password = stored[identity] = secrets.token_urlsafe(24)
            generated = True
        if not password:
            raise MissingPassword("set {} (or run with --generate-missing for a local trial)".format(
                password_variable(identity)))
        passwords[identity] = password
    if generated:
        _write_credentials(path, stored)
    return passwords


def amqp_uri_for(base_uri, user, password):
    """`base_uri` (host, port, vhost) with another user's credentials."""
    parsed = urlparse(base_uri)
    host = parsed.hostname + (":{}".format(parsed.port) if parsed.port else "")
    netloc = "{}:{}@{}".format(quote(user, safe=""), quote(password, safe=""), host)
    return urlunparse(parsed._replace(netloc=netloc))


def vhost_of(amqp_uri):
    path = urlparse(amqp_uri).path
    return unquote(path[1:]) if len(path) > 1 else "/"


# --- the management API -------------------------------------------------------------------------
class Management:
    """The few calls of RabbitMQ's HTTP API this needs (an administrator's account)."""

    def __init__(self, url=None, timeout=10):
        url = url or os.environ.get("RABBITMQ_MANAGEMENT_URL", DEFAULT_MANAGEMENT_URL)
        self.url = url
        parsed = urlparse(url)
        self.base = "{}://{}:{}/api".format(parsed.scheme, parsed.hostname, parsed.port or 15672)
        self.session = requests.Session()
        self.session.auth = (unquote(parsed.username or "guest"), unquote(parsed.password or "guest"))
        self.timeout = timeout

    def _url(self, *parts):
        return "/".join([self.base] + [quote(part, safe="") for part in parts])

    def get(self, *parts):
        response = self.session.get(self._url(*parts), timeout=self.timeout)
        response.raise_for_status()
        return response.json()

    def put(self, *parts, body):
        response = self.session.put(self._url(*parts), json=body, timeout=self.timeout)
        response.raise_for_status()

    def post(self, *parts, body):
        response = self.session.post(self._url(*parts), json=body, timeout=self.timeout)
        response.raise_for_status()

    def delete(self, *parts):
        response = self.session.delete(self._url(*parts), timeout=self.timeout)
        if response.status_code != 404:
            response.raise_for_status()

    def put_user(self, name, password):
        self.put("users", name, body={"password": password, "tags": ""})

    def set_permissions(self, vhost, user, permissions, topic_permissions):
        self.put("permissions", vhost, user, body=permissions)
        for topic in topic_permissions:
            self.put("topic-permissions", vhost, user, body=topic)

    def declare_exchange(self, vhost, name, kind):
        self.put("exchanges", vhost, name, body={"type": kind, "durable": True, "auto_delete": False,
                                                 "internal": False, "arguments": {}})

    def set_policy(self, vhost, name, policy):
        self.put("policies", vhost, name, body=policy)


# --- provisioning -------------------------------------------------------------------------------
def declare_unrouted(amqp_uri):
    with Connection(amqp_uri, connect_timeout=5) as connection:
        channel = connection.default_channel
        for entity in topology.unrouted_topology():
            entity.maybe_bind(channel)
            entity.declare()


def declare_shared_exchanges(management, vhost, services=SERVICES):
    """Every `<service>.events` and `nameko-rpc`, so that no consumer has to declare another's."""
    for service in services:
        management.declare_exchange(vhost, topology.events_exchange(service).name, "topic")
    management.declare_exchange(vhost, RPC_EXCHANGE, "topic")


def provision_identities(management, vhost, passwords, prefix=None, services=SERVICES):
    """Users (password set anew each run: that is how a password is rotated) and their permissions."""
    users = {}
    for identity, password in passwords.items():
        user = user_name(identity, prefix)
        permissions, topic_permissions = identity_permissions(identity, services)
        management.put_user(user, password)
        management.set_permissions(vhost, user, permissions, topic_permissions)
        users[identity] = user
    return users


def prepare_vhost(amqp_uri, management):
    """Exchanges and the unrouted-events policy (`amqp_uri`: an administrator's, on the vhost)."""
    vhost = vhost_of(amqp_uri)
    declare_shared_exchanges(management, vhost)
    declare_unrouted(amqp_uri)
    management.set_policy(vhost, POLICY_NAME, POLICY)
    management.set_policy(vhost, UNROUTED_POLICY_NAME, unrouted_policy())


def provision(amqp_uri, management, passwords, prefix=None):
    """The whole vhost: exchanges, unrouted-events policy, identities. Returns {identity: user}."""
    prepare_vhost(amqp_uri, management)
    return provision_identities(management, vhost_of(amqp_uri), passwords, prefix)


def main(argv=None):
    from services.common.config import load_config
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=["provision"], default="provision")
    parser.add_argument("--generate-missing", action="store_true",
                        help="make passwords not in the environment and keep them in "
                             "BROKER_CREDENTIALS_FILE (mode 600): for a local trial")
    args = parser.parse_args(argv)
    uri = load_config()["AMQP_URI"]
    management = Management()
    try:
        passwords = identity_passwords(generate_missing=args.generate_missing)
    except MissingPassword as error:
        print("broker setup: {}".format(error), file=sys.stderr)
        return 2
    users = provision(uri, management, passwords)
    print("broker ready on vhost {!r}: {} policy, users {}".format(
        vhost_of(uri), POLICY_NAME, ", ".join(sorted(users.values()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
