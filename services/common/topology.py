"""Broker objects of the delivery guarantees, named per consuming service.

- `<service>.retry.<ms>`: fanout exchange + queue holding a failed message for <ms>, after which
  RabbitMQ dead-letters it to `<service>.requeue` keeping its routing key (the handler's queue name);
- `<service>.requeue`: direct exchange; every handler queue is bound to it under its own name;
- `<service>.dead-letter`: direct exchange bound to `<service>.dlq`, where parked messages are published
  (not the default exchange: no identity may write to `amq.default`, see broker_setup.py);
- `<service>.dlq`: messages that failed every retry, with the error in their headers;
- `<service>.events`: the service's own events (topic); declared up front by broker_setup, and bound
  by consumers without redeclaring it (`foreign_events_exchange`), which would need configure permission
  on another service's exchange;
- `unrouted.events`: where events that no queue is bound to end up (alternate exchange set on
  every `*.events` exchange by a broker policy, see services/common/broker_setup.py).
"""
from kombu import Exchange, Queue

UNROUTED_EXCHANGE = "unrouted.events"
UNROUTED_QUEUE = "unrouted.events"
EVENTS_EXCHANGE_PATTERN = r"^[a-z_]+\.events$"


def requeue_exchange(service):
    return Exchange("{}.requeue".format(service), type="direct", durable=True)


def retry_exchange(service, delay_ms):
    return Exchange("{}.retry.{}".format(service, delay_ms), type="fanout", durable=True)


def retry_queue(service, delay_ms):
    return Queue("{}.retry.{}".format(service, delay_ms),
                 exchange=retry_exchange(service, delay_ms), durable=True,
                 queue_arguments={"x-message-ttl": int(delay_ms),
                                  "x-dead-letter-exchange": "{}.requeue".format(service)})


def dead_letter_exchange(service):
    return Exchange("{}.dead-letter".format(service), type="direct", durable=True)


def dead_letter_routing_key(service):
    return "{}.dlq".format(service)


def dead_letter_queue(service):
    return Queue("{}.dlq".format(service), exchange=dead_letter_exchange(service),
                 routing_key=dead_letter_routing_key(service), durable=True)


def events_exchange(service):
    return Exchange("{}.events".format(service), type="topic", durable=True)


def foreign_events_exchange(service):
    """The events exchange of `service` as a consumer binds to it: never declared (broker_setup did)."""
    return Exchange("{}.events".format(service), type="topic", durable=True, no_declare=True)


def service_topology(service, delays_ms):
    """Everything a consuming service declares at start."""
    entities = [requeue_exchange(service), dead_letter_exchange(service), dead_letter_queue(service)]
    for delay in delays_ms:
        entities += [retry_exchange(service, delay), retry_queue(service, delay)]
    return entities


def unrouted_topology():
    exchange = Exchange(UNROUTED_EXCHANGE, type="fanout", durable=True)
    return [exchange, Queue(UNROUTED_QUEUE, exchange=exchange, durable=True)]
