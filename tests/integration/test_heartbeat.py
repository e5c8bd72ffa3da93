"""A running service beats; the container's probe sees it, and sees it stop (issue 24)."""
from services.common.healthcheck import check_alive
from services.inspection.service import InspectionService


def test_the_probe_finds_a_running_service_alive_and_a_stopped_one_dead(config, container_factory, tmp_path):
    config = dict(config, HEARTBEAT_FILE=str(tmp_path / "inspection.alive"), HEARTBEAT_SECONDS=0.2)
    container = container_factory(InspectionService, config)
    container.start()
    assert check_alive("inspection", config)[0]
    container.stop()
    alive, why = check_alive("inspection", config)
    assert not alive and "no heartbeat" in why
