"""stalled_agency: the relay's publishing rate while an agency's queue (bound to what is published) is full and
nobody reads it, against the same relay with no agency at all. Issue #14: a dead subscriber must not slow or
block the platform; its queue drops its oldest messages (drop-head) instead of pushing back."""
import uuid

from bench.harness import MANAGEMENT, compare, fresh_config, record
from bench.relay import project_rate
from services.common import broker_setup
from services.subscriptions.broker import AgencyBroker

QUEUE_LIMIT = 500


def with_stalled_agency(config, count):
    management = broker_setup.Management(MANAGEMENT)
    vhost = broker_setup.vhost_of(config["AMQP_URI"])
    broker = AgencyBroker(management, vhost, user_prefix=vhost + "-agency-", queue_max_length=QUEUE_LIMIT)
    broker.apply_policies()
    management.declare_exchange(vhost, "subscriptions.overflow", "fanout")
    name = "stalled-" + uuid.uuid4().hex[:6]
    user, _ = broker.provision(name, "agency." + name, {("personnel", "unit_created")})
    try:
        rate = project_rate(config, count)       # every event lands in the full queue: the oldest are dropped
        depth = management.get("queues", vhost, "agency." + name).get("messages")
        assert depth is None or depth <= QUEUE_LIMIT, depth
        return rate
    finally:
        management.delete("users", user)


def run(count=5000, target=0.8, rounds=3):
    def in_fresh_vhost_and_store(measure):
        with fresh_config() as config:
            return measure(config)
    value, baseline = compare(lambda: in_fresh_vhost_and_store(lambda c: with_stalled_agency(c, count)),
                              lambda: in_fresh_vhost_and_store(lambda c: project_rate(c, count)), rounds)
    return record("stalled_agency", value, baseline, target, "events/s", events=count, rounds=rounds,
                  queue_limit=QUEUE_LIMIT)
