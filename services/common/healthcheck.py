"""Container healthcheck (exit 0 healthy, 1 not), for services that speak no HTTP.

    python -m services.common.healthcheck personnel
        healthy when this container's process beats (its heartbeat file is fresh: its event loop runs,
        services/common/heartbeat.py) and the service's RPC queue `rpc-personnel` exists and has at least one
        consumer, i.e. a nameko container of that service is connected and serving (AMQP_URI from config). With
        replicas, the queue alone stayed "healthy" while this replica was wedged and another consumed;
    python -m services.common.healthcheck --http http://127.0.0.1:8000/health
        healthy when the URL answers 2xx (the gateway).

Used by docker-compose.yml, inside each service's container, so with that service's own broker user
(docs/security.md): a passive queue.declare needs no permission, and creates nothing. Any error (broker
unreachable, queue missing, timeout) is "unhealthy", with the reason on stderr so `docker inspect` shows it.
"""
import argparse
import sys
import urllib.request

from kombu import Connection

TIMEOUT_SECONDS = 5
# nameko.rpc.RPC_QUEUE_TEMPLATE (not imported: importing nameko.rpc drags eventlet in, whose
# deprecation warning would fill every health log; a unit test keeps the two equal).
RPC_QUEUE_TEMPLATE = "rpc-{}"


def rpc_consumer_count(amqp_uri, service, timeout=TIMEOUT_SECONDS):
    """Consumers of `rpc-<service>`; raises when the broker or the queue is not there."""
    with Connection(amqp_uri, connect_timeout=timeout) as connection:
        channel = connection.channel()
        try:
            # passive: only look; a missing queue raises (404) instead of being created.
            _, _, consumers = channel.queue_declare(queue=RPC_QUEUE_TEMPLATE.format(service), passive=True)
        finally:
            channel.close()
    return consumers


def check_rpc(amqp_uri, service, timeout=TIMEOUT_SECONDS):
    try:
        consumers = rpc_consumer_count(amqp_uri, service, timeout)
    except Exception as error:  # noqa: BLE001 - anything wrong means unhealthy
        return False, "{}: {}".format(type(error).__name__, error)
    if consumers < 1:
        return False, "{} has no consumer".format(RPC_QUEUE_TEMPLATE.format(service))
    return True, "{} has {} consumer(s)".format(RPC_QUEUE_TEMPLATE.format(service), consumers)


def check_alive(identity, config):
    # Imported here, not at the top: the heartbeat module imports eventlet, whose warning would fill the logs
    # of the --http check too.
    from services.common.heartbeat import heartbeat_path, is_fresh
    return is_fresh(heartbeat_path(identity, config), float(config.get("HEARTBEAT_SECONDS") or 5))


def check_http(url, timeout=TIMEOUT_SECONDS):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - local URL
            status = response.status
    except Exception as error:  # noqa: BLE001 - HTTPError (4xx/5xx) included
        return False, "{}: {}".format(type(error).__name__, error)
    return 200 <= status < 300, "{} answered {}".format(url, status)


def main(argv=None):
    parser = argparse.ArgumentParser(description="container healthcheck: exit 0 healthy, 1 not")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("service", nargs="?", help="nameko service name: check its RPC queue")
    target.add_argument("--http", metavar="URL", help="check that URL answers 2xx")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS)
    args = parser.parse_args(argv)
    if args.http:
        healthy, reason = check_http(args.http, args.timeout)
    else:
        from services.common.config import load_config
        config = load_config()
        healthy, reason = check_alive(args.service, config)
        if healthy:
            healthy, reason = check_rpc(config["AMQP_URI"], args.service, args.timeout)
    print(("healthy: " if healthy else "unhealthy: ") + reason, file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
