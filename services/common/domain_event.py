"""What a domain decision announces; the store turns it into a CloudEvents envelope in its outbox.

Each published event is one frozen dataclass in `services/<service>/domain/events.py`:

    @dataclass(frozen=True, kw_only=True)
    class TrainingCompleted(DomainEvent):
        event_type = "training_completed"     # the routing key: past tense, snake_case
        enrollment_id: str
        ...

Its fields (all but `subject`) are the payload; `subject` is the id of the thing the event is about
(the envelope's `subject`, not part of the payload). The service's `events_published.py` maps each class
to the marshmallow schema the store dumps and validates the payload with (tests/unit/test_event_catalog.py
checks that both declare the same fields).
"""
import re
from dataclasses import dataclass, fields
from typing import ClassVar

ROUTING_KEY = re.compile(r"^[a-z]+(_[a-z]+)+$")
TYPE_PREFIX = "vn.camau.civilservice"
SOURCE_PREFIX = "/camau/civilservice/"      # the CloudEvents `source` of a service: SOURCE_PREFIX + its name


def cloudevent_type(service, routing_key, version=1):
    """The CloudEvents type of an event: `training` + `training_completed` ->
    `vn.camau.civilservice.training.completed.v1` (here, with no dependency, so domains may name types)."""
    name = routing_key[len(service) + 1:] if routing_key.startswith(service + "_") else routing_key
    return "{}.{}.{}.v{}".format(TYPE_PREFIX, service, name, version)


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    event_type: ClassVar[str] = ""
    subject: str          # id of the thing the event is about (the envelope's subject)

    def __init_subclass__(cls, **kwargs):
        """Every event class names its own routing key; a class named `_Like_this` is a shared base of
        several events (their common fields) and has none."""
        super().__init_subclass__(**kwargs)
        if cls.__name__.startswith("_"):
            return
        if not ROUTING_KEY.match(cls.__dict__.get("event_type", "")):
            raise TypeError("{} must declare its event_type: a past-tense snake_case routing key, not {!r}".format(
                cls.__name__, cls.__dict__.get("event_type")))

    @classmethod
    def payload_fields(cls):
        return tuple(f for f in fields(cls) if f.name != "subject")

    @property
    def data(self):
        """The payload, field by field (nested values as the domain built them)."""
        return {f.name: getattr(self, f.name) for f in self.payload_fields()}
