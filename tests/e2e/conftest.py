"""The whole system in this process: four services and the gateway on the real broker, over HTTP,
each connected as its own restricted broker user (broker_setup's permissions), as deployed."""
import eventlet
import pytest

from gateway.service import GatewayService
from services.feedback.service import FeedbackService
from services.inspection.service import InspectionService
from services.personnel.service import PersonnelService
from services.subscriptions.service import SubscriptionsService
from services.training.service import TrainingService
from tests.helpers import Api, free_port  # noqa: F401  (imported from here by other tiers)

SERVICES = {"personnel": PersonnelService, "training": TrainingService, "inspection": InspectionService,
            "feedback": FeedbackService, "subscriptions": SubscriptionsService}


def start_side_by_side(containers):
    """Start the containers together: a start is mostly broker round trips (connections, declarations),
    which overlap. Each start returns once its consumers are listening, so all are ready on return."""
    pool = eventlet.GreenPool(len(containers))
    for _ in pool.imap(lambda container: container.start(), containers):
        pass


@pytest.fixture
def system_config(config):
    config = dict(config)
    port = free_port()
    config.update({"WEB_SERVER_ADDRESS": "127.0.0.1:{}".format(port), "GATEWAY_ADMIN_USER": "admin",
                   "GATEWAY_ADMIN_PASSWORD": "e2e-password", "GATEWAY_AGGREGATE_TIMEOUT_SECONDS": 1,
                   "GATEWAY_RPC_TIMEOUT_SECONDS": 3})
    return config


def identity_config(config, identity_uris, identity):
    """`config` as the process of `identity` gets it: its own broker user."""
    return dict(config, AMQP_URI=identity_uris[identity])


@pytest.fixture
def system(system_config, identity_uris, container_factory):
    containers = {name: container_factory(cls, identity_config(system_config, identity_uris, name))
                  for name, cls in SERVICES.items()}
    containers["gateway"] = container_factory(GatewayService,
                                              identity_config(system_config, identity_uris, "gateway"))
    start_side_by_side(list(containers.values()))
    return containers


@pytest.fixture
def api(system, system_config):
    base = "http://{}".format(system_config["WEB_SERVER_ADDRESS"])
    return Api(base).login("admin", "e2e-password")


@pytest.fixture
def anonymous(system, system_config):
    return Api("http://{}".format(system_config["WEB_SERVER_ADDRESS"]))
