"""The permission regexes of broker_setup against the names nameko and the services really use."""
import re
import uuid

import pytest
from nameko.events import EventHandler

from services.common import broker_setup
from services.feedback.service import FeedbackService
from services.inspection.service import InspectionService
from services.personnel.service import PersonnelService
from services.subscriptions.service import SubscriptionsService
from services.training.service import TrainingService

SERVICE_CLASSES = {"personnel": PersonnelService, "training": TrainingService,
                   "inspection": InspectionService, "feedback": FeedbackService,
                   "subscriptions": SubscriptionsService}


def handler_queues(service, cls):
    """The queue of every event handler of the class, named as nameko's EventHandler names it."""
    queues = []
    for method_name in dir(cls):
        for entrypoint in getattr(getattr(cls, method_name), "nameko_entrypoints", ()):
            if isinstance(entrypoint, EventHandler):
                # The archive's handlers take every type (`#`): their queues say `all`.
                event_type = "all" if entrypoint.event_type == "#" else entrypoint.event_type
                queues.append("evt-{}-{}--{}.{}".format(entrypoint.source_service, event_type, service,
                                                      method_name))
    return queues


def own_resources(service):
    return (["rpc-" + service, "nameko-rpc", service + ".events", service + ".requeue", service + ".dead-letter",
             service + ".dlq", service + ".retry.1000"]
            + ([service + ".overflow"] if service == "subscriptions" else []) + handler_queues(service, SERVICE_CLASSES[service]))


def allows(regex, name):
    return re.match(regex, name) is not None


@pytest.mark.parametrize("service", broker_setup.SERVICES)
def test_a_service_may_configure_write_and_read_everything_of_its_own(service):
    permissions = broker_setup.service_permissions(service)
    assert len(own_resources(service)) > 7, "no event handler found"
    for name in own_resources(service):
        for kind in ("configure", "write", "read"):
            assert allows(permissions[kind], name), (kind, name)


@pytest.mark.parametrize("service", broker_setup.SERVICES)
def test_a_service_may_touch_nothing_of_another_service_but_bind_from_its_events(service):
    permissions = broker_setup.service_permissions(service)
    for other in set(broker_setup.SERVICES) - {service}:
        for name in own_resources(other):
            if name == "nameko-rpc":
                continue
            assert not allows(permissions["configure"], name), name
            assert not allows(permissions["write"], name), name
            assert allows(permissions["read"], name) == (name == other + ".events"), name
    for kind in ("configure", "write", "read"):
        assert not allows(permissions[kind], "amq.default")
        assert not allows(permissions[kind], "unrouted.events")


def test_rpc_replies_and_requests_are_told_apart_by_their_routing_keys():
    reply_key = str(uuid.uuid4())
    service_topic = broker_setup.service_topic_permissions("personnel")[0]
    gateway_topic = broker_setup.gateway_topic_permissions()[0]
    assert allows(service_topic["write"], reply_key) and not allows(service_topic["write"], "personnel.get_official")
    assert allows(service_topic["read"], "personnel.*") and not allows(service_topic["read"], "training.*")
    assert not allows(service_topic["read"], reply_key)
    assert allows(gateway_topic["write"], "personnel.get_official") and not allows(gateway_topic["write"], reply_key)
    assert allows(gateway_topic["read"], reply_key) and not allows(gateway_topic["read"], "personnel.*")
