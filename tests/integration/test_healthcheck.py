"""The container healthcheck on the real broker: a service is healthy while it consumes its RPC queue."""
from nameko.rpc import rpc

from services.common.healthcheck import check_rpc


class Pingable:
    name = "hc_probe"

    @rpc
    def ping(self):
        return "pong"


def test_healthy_while_the_service_runs_and_not_after(rabbit_config, container_factory):
    uri = rabbit_config["AMQP_URI"]
    assert check_rpc(uri, "hc_probe")[0] is False          # the queue does not exist yet

    container = container_factory(Pingable, rabbit_config)
    container.start()
    healthy, reason = check_rpc(uri, "hc_probe")
    assert healthy, reason

    container.stop()
    healthy, reason = check_rpc(uri, "hc_probe")
    assert not healthy and "no consumer" in reason
