"""The agencies' broker objects, through RabbitMQ's management API (an administrator's account,
RABBITMQ_MANAGEMENT_URL): the only part of the platform that creates broker users at run time.

Per agency (docs/agencies.md, "AMQP"):
- user `<AGENCY_USER_PREFIX><name>` that may only read (consume) its queue: no configure, no write, so it can
  neither bind that queue to anything it was not granted nor publish anywhere;
- durable queue `agency.<name>`, bound to `<service>.events` with one routing key per granted type.
  Filtered by bindings, not by this service: the broker routes only granted types into the queue, in the
  publisher's order, with no second hop that could lag or fail; types are routing keys, so a grant is
  exactly a binding;
- bounded by the `agency-queues` policy: at most AGENCY_QUEUE_MAX_LENGTH messages, overflow `drop-head` (the
  oldest go, the publisher is never refused or slowed: `reject-publish` would push back on the platform's
  relays), dropped messages dead-lettered to `subscriptions.overflow`, where this service counts them and
  tells the agency (`subscriber_lagging`). What was dropped stays in the archive for replay.
`unrouted.events` is bounded the same way (`unrouted-bounded`, services/common/broker_setup.py): the
archive's queues are bound to every `*.events` exchange, so nothing is unrouted while it runs.
"""
import logging
import secrets

import requests

from services.common import broker_setup
from services.subscriptions.domain.agencies import QUEUE_PREFIX

_log = logging.getLogger(__name__)
OVERFLOW_EXCHANGE = "subscriptions.overflow"
OVERFLOW_QUEUE = "subscriptions.overflow"
AGENCY_POLICY = "agency-queues"
DEFAULT_QUEUE_MAX_LENGTH = 100_000



class BrokerUnavailable(RuntimeError):
    pass


class AgencyBroker:
    def __init__(self, management, vhost, user_prefix=broker_setup.AGENCY_USER_PREFIX,
                 queue_max_length=DEFAULT_QUEUE_MAX_LENGTH):
        self.management = management
        self.vhost = vhost
        self.user_prefix = user_prefix
        self.queue_max_length = int(queue_max_length)

    def user_of(self, agency_name):
        return self.user_prefix + agency_name

    def apply_policies(self):
        self._call(self.management.set_policy, self.vhost, AGENCY_POLICY, {
            "pattern": r"^agency\.", "apply-to": "queues", "priority": 10,
            "definition": {"max-length": self.queue_max_length, "overflow": "drop-head",
                           "dead-letter-exchange": OVERFLOW_EXCHANGE}})

    def provision(self, agency_name, queue, routes, password=None, close_connections=False):
        """User (a new password when `password` is None: returned, stored nowhere), queue, bindings; with
        `close_connections`, connections opened with an earlier password are closed (a rotation)."""
        password = password or secrets.token_urlsafe(24)
        user = self.user_of(agency_name)
        self._call(self.management.put_user, user, password)
        if close_connections:
            self._close_connections(user)
        self._call(self.management.set_permissions, self.vhost, user, agency_permissions(queue),
                   broker_setup.agency_topic_permissions())
        self.declare_queue(queue)
        self.bind(queue, routes)
        return user, password

    def _close_connections(self, user):
        # One call for every connection of the user (RabbitMQ 3.9+); closed at once ("CONNECTION_FORCED").
        self._call(self.management.delete, "connections", "username", user)

    def remove_orphans(self, recorded_names):
        """Agency users and queues of this vhost with no record (a registration interrupted by a crash).

        `recorded_names()` is asked only after the broker's users and queues are listed: a registration
        writes its record before it makes the user, so every user listed already has its record then. Names
        read before the listing (as this once took them) missed an agency registered meanwhile, on any
        replica, and its fresh user and queue were deleted as orphans."""
        users = self._call(self.management.get, "users")
        queues = self._call(self.management.get, "queues", self.vhost)
        known_names = recorded_names()
        for user in users:
            name = user["name"][len(self.user_prefix):] if user["name"].startswith(self.user_prefix) else None
            if name and name not in known_names:
                self._call(self.management.delete, "users", user["name"])
        for queue in queues:
            name = queue["name"][len(QUEUE_PREFIX):] if queue["name"].startswith(QUEUE_PREFIX) else None
            if name and name not in known_names:
                self._call(self.management.delete, "queues", self.vhost, queue["name"])

    def declare_queue(self, queue):
        self._call(self.management.put, "queues", self.vhost, queue,
                   body={"durable": True, "auto_delete": False, "arguments": {}})

    def bind(self, queue, routes):
        """Make the queue's bindings exactly `routes` ({(service, routing key)}): add missing, remove revoked."""
        wanted = {("{}.events".format(service), key) for service, key in routes}
        current = {}
        for found in self._call(self.management.get, "queues", self.vhost, queue, "bindings"):
            if found["source"]:          # "" is the default exchange's implicit binding
                current[(found["source"], found["routing_key"])] = found["properties_key"]
        for exchange, key in sorted(wanted - set(current)):
            self._call(self.management.post, "bindings", self.vhost, "e", exchange, "q", queue,
                       body={"routing_key": key, "arguments": {}})
        for (exchange, key), properties_key in current.items():
            if (exchange, key) not in wanted:
                self._call(self.management.delete, "bindings", self.vhost, "e", exchange, "q", queue, properties_key)

    def revoke(self, agency_name, queue):
        """No more access: the user goes (its connections with it), and the queue with what it held."""
        self._call(self.management.delete, "users", self.user_of(agency_name))
        self._call(self.management.delete, "queues", self.vhost, queue)

    def queue_depth(self, queue):
        try:
            return self._call(self.management.get, "queues", self.vhost, queue).get("messages")
        except BrokerUnavailable:
            return None

    @staticmethod
    def _call(operation, *args, **kwargs):
        try:
            return operation(*args, **kwargs)
        except requests.RequestException as error:
            raise BrokerUnavailable("the broker's management API did not answer: {}".format(error)) from None


def agency_permissions(queue):
    """Read (consume) its own queue; nothing to configure or write, so it cannot rebind or publish."""
    return {"configure": broker_setup.NOTHING, "write": broker_setup.NOTHING,
            "read": "^{}$".format(queue.replace(".", r"\."))}
