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


def test_the_healthcheck_works_with_the_services_own_restricted_broker_user(config, identity_uris, container_factory):
    """Compose runs it inside the service's container, with that container's AMQP_URI (issue #12):
    a passive declare needs no permission, so the restricted user can look."""
    from services.personnel.service import PersonnelService
    container_factory(PersonnelService, dict(config, AMQP_URI=identity_uris["personnel"])).start()

    healthy, reason = check_rpc(identity_uris["personnel"], "personnel")

    assert healthy, reason
