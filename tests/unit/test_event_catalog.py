"""docs/events/asyncapi.json: up to date, valid AsyncAPI 3.0.0, and complete for what the code sends."""
import dataclasses
import enum
import importlib
import json
import re
import typing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import jsonschema
import pytest
from marshmallow import Schema, fields, validate

from services.common.catalog import (SERVICES, build_catalog, channel_id, published_events, render,
                                     schema_name)
from services.common.domain_event import DomainEvent
from services.common.envelope import EVENT_TYPE_PATTERN, EnvelopeSchema, cloudevent_type, sequence_of

ROOT = Path(__file__).resolve().parents[2]
CATALOG_PATH = ROOT / "docs" / "events" / "asyncapi.json"
README_PATH = ROOT / "docs" / "events" / "README.md"
ASYNCAPI_SCHEMA_PATH = ROOT / "tests" / "fixtures" / "asyncapi-3.0.0.schema.json"
ROUTING_KEY = re.compile(r"^[a-z]+(_[a-z]+)+$")
REGENERATE = "run `make catalog` and commit docs/events/asyncapi.json"


@pytest.fixture(scope="module")
def committed():
    return json.loads(CATALOG_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def all_events():
    """Every service's PUBLISHED_EVENTS; a service without an events_published module fails here."""
    return published_events(SERVICES, skip_missing=False)


# --- every service publishes a catalog ---------------------------------------------------------
@pytest.mark.parametrize("service", SERVICES)
def test_service_declares_its_published_events(service):
    events = published_events([service], skip_missing=False)[service]
    assert events, "services/{}/events_published.py: PUBLISHED_EVENTS is empty".format(service)
    for routing_key, schema in events.items():
        assert ROUTING_KEY.match(routing_key), "{}: routing keys are snake_case".format(routing_key)
        assert isinstance(schema, type) and issubclass(schema, Schema), routing_key
        assert EVENT_TYPE_PATTERN.match(cloudevent_type(service, routing_key)), routing_key


# --- (a) the committed document is a fresh generation ------------------------------------------------
def test_committed_catalog_is_up_to_date(committed, all_events):
    fresh = build_catalog(all_events)
    assert committed == json.loads(render(fresh)), "docs/events/asyncapi.json is stale: " + REGENERATE
    assert CATALOG_PATH.read_text(encoding="utf-8") == render(fresh), "formatting differs: " + REGENERATE


# --- (b) it is valid AsyncAPI 3.0.0 ---------------------------------------------------------------
def test_catalog_validates_against_the_official_asyncapi_schema(committed):
    schema = json.loads(ASYNCAPI_SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft-07/")
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = ["{}: {}".format("/".join(map(str, error.absolute_path)), error.message[:300])
              for error in validator.iter_errors(committed)]
    assert errors == []


def test_the_schema_rejects_a_broken_document(committed):
    """The validation above has teeth: the official schema catches a wrong operation action."""
    broken = json.loads(json.dumps(committed))
    operation = next(iter(broken["operations"].values()))
    operation["action"] = "publish"  # AsyncAPI 2 wording, invalid in 3.0
    schema = json.loads(ASYNCAPI_SCHEMA_PATH.read_text(encoding="utf-8"))
    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _resolve(document, pointer):
    node = document
    for part in pointer[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_every_reference_resolves(committed):
    """JSON Schema validation does not follow the document's own $refs; check them here."""
    refs = set(_refs(committed))
    assert refs
    unresolved = []
    for ref in sorted(refs):
        try:
            assert ref.startswith("#/")
            _resolve(committed, ref)
        except (AssertionError, KeyError, TypeError):
            unresolved.append(ref)
    assert unresolved == []


def test_operations_send_the_messages_of_their_channel(committed):
    for name, operation in committed["operations"].items():
        assert operation["action"] == "send", name
        channel = operation["channel"]["$ref"]
        for message in operation["messages"]:
            assert message["$ref"].startswith(channel + "/messages/"), name


def test_channels_describe_exchange_routing_key_and_envelope(committed, all_events):
    envelope_fields = set(EnvelopeSchema().fields)
    for service, events in all_events.items():
        for routing_key, schema in events.items():
            channel = committed["channels"][channel_id(service, routing_key)]
            assert channel["address"] == routing_key
            amqp = channel["bindings"]["amqp"]
            assert amqp["is"] == "routingKey"
            assert amqp["exchange"]["name"] == "{}.events".format(service)
            assert amqp["exchange"]["type"] == "topic" and amqp["exchange"]["durable"] is True
            message = _resolve(committed, channel["messages"][routing_key]["$ref"])
            payload = message["payload"]
            assert set(payload["properties"]) == envelope_fields
            # Every attribute but `sequence`, which events about another entity than their write's lack.
            assert set(payload["required"]) == envelope_fields - {"sequence"}
            assert payload["properties"]["type"]["const"] == cloudevent_type(service, routing_key)
            assert payload["properties"]["source"]["const"] == "/camau/civilservice/" + service
            data = _resolve(committed, payload["properties"]["data"]["$ref"])
            assert payload["properties"]["data"]["$ref"].endswith("/" + schema_name(schema))
            assert set(data["properties"]) == set(schema().fields), routing_key


def test_every_envelope_documents_sequence_as_the_order_per_subject(committed):
    """Agencies order news about one subject by `sequence`: the catalog says what it counts and how it
    is spelled, and its pattern accepts what the store writes and nothing that would sort wrongly."""
    for message in committed["components"]["messages"].values():
        sequence = message["payload"]["properties"]["sequence"]
        assert sequence["type"] == "string"
        assert "version of the subject's document" in sequence["description"]
        assert "sequence" not in message["payload"]["required"]
        pattern = re.compile(sequence["pattern"])
        assert all(pattern.match(example) for example in sequence["examples"])
        assert pattern.match(sequence_of(1)) and pattern.match(sequence_of(10 ** 12 - 1, 9999))
        assert not pattern.match("7") and not pattern.match("7.2") and not pattern.match("000000000007")
    assert "sequence" in committed["info"]["description"]


def test_the_catalog_lists_exactly_the_published_events(committed, all_events):
    expected = {channel_id(service, key) for service, events in all_events.items() for key in events}
    assert set(committed["channels"]) == expected
    assert {op["channel"]["$ref"].split("/")[-1] for op in committed["operations"].values()} == expected


# --- (c) every event class is published, catalogued and built; its fields are its schema's -----------------
def event_classes(service):
    """The DomainEvent classes services/<service>/domain/events.py defines (shared `_Bases` left out)."""
    module = importlib.import_module("services.{}.domain.events".format(service))
    return {cls for cls in vars(module).values()
            if isinstance(cls, type) and issubclass(cls, DomainEvent) and cls.__module__ == module.__name__
            and not cls.__name__.startswith("_")}


def published_classes(service):
    return importlib.import_module("services.{}.events_published".format(service)).PUBLISHED_EVENTS


ALL_EVENT_CLASSES = sorted(((service, cls) for service in SERVICES for cls in event_classes(service)),
                           key=lambda pair: (pair[0], pair[1].event_type))


@pytest.mark.parametrize("service", SERVICES)
def test_every_event_class_is_published_and_every_published_event_is_a_class(service):
    published = published_classes(service)
    assert set(published) == event_classes(service), (
        "map every class of services/{0}/domain/events.py (and only those) to its payload schema in "
        "PUBLISHED_EVENTS (services/{0}/events_published.py)".format(service))
    keys = [cls.event_type for cls in published]
    assert len(keys) == len(set(keys)), "two event classes share a routing key"


def test_every_domain_event_class_of_a_service_is_in_its_catalog():
    """An event class declared anywhere else in a service (the store would refuse it at commit) is caught here."""
    for service in SERVICES:
        importlib.import_module("services.{}.service".format(service))
    catalogued = {cls for service in SERVICES for cls in published_classes(service)}
    pending, declared = [DomainEvent], set()
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("services.") and not sub.__name__.startswith("_"):
                declared.add(sub)
    assert declared - catalogued == set()


def test_an_event_class_must_name_its_routing_key():
    with pytest.raises(TypeError, match="event_type"):
        @dataclass(frozen=True, kw_only=True)
        class ThingHappened(DomainEvent):
            thing_id: str
    with pytest.raises(TypeError, match="event_type"):
        @dataclass(frozen=True, kw_only=True)
        class ThingDone(DomainEvent):
            event_type = "ThingDone"


# Date before DateTime: marshmallow's Date is a DateTime.
_FIELD_TYPES = {fields.Date: date, fields.DateTime: datetime, fields.Integer: int, fields.Float: float,
                fields.Boolean: bool}


def _expected_type(schema_field):
    """The Python type a dataclass field must have for `schema_field` (Optional aside)."""
    if isinstance(schema_field, fields.List):
        return ("list", _expected_type(schema_field.inner))
    if isinstance(schema_field, fields.Nested):
        return ("nested", schema_field.nested)
    if isinstance(schema_field, fields.String):
        codes = [v.choices for v in schema_field.validators if isinstance(v, validate.OneOf)]
        return ("codes", frozenset(codes[0])) if codes else str
    return next(python for kind, python in _FIELD_TYPES.items() if isinstance(schema_field, kind))


def _declared_type(annotation):
    """(the type, whether None is allowed) of a dataclass field's annotation, as _expected_type spells it."""
    args = typing.get_args(annotation)
    optional = type(None) in args
    if optional:
        (annotation,) = [arg for arg in args if arg is not type(None)]
    if typing.get_origin(annotation) is list:
        (inner,) = typing.get_args(annotation)
        return ("list", _declared_type(inner)[0]), optional
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return ("codes", frozenset(member.value for member in annotation)), optional
    if dataclasses.is_dataclass(annotation):
        return ("nested", annotation), optional
    return annotation, optional


def _nested_mismatches(python, expected, name):
    """A dataclass where the schema nests a schema (also in lists): compared field by field in turn."""
    def kind(spelled):
        return spelled[0] if isinstance(spelled, tuple) else None
    while kind(python) == kind(expected) == "list":
        python, expected = python[1], expected[1]
    if kind(python) == kind(expected) == "nested":
        return ["{}.{}".format(name, problem) for problem in field_mismatches(python[1], expected[1])]
    return None


def field_mismatches(event_cls, schema):
    """What differs between an event class's payload fields (a nested dataclass's fields) and its schema's
    fields: names (in order), None allowed (Optional[...] <-> allow_none, or a field the schema lists in
    OMITTED_WHEN_NONE), required (a required field has no default) and type (str, date, int, float, bool,
    list[...], an Enum <-> a code_field of its codes, a dataclass <-> Nested, compared in turn)."""
    hints = typing.get_type_hints(event_cls)
    own = event_cls.payload_fields() if issubclass(event_cls, DomainEvent) else dataclasses.fields(event_cls)
    declared = {f.name: f for f in own}
    schema_fields = schema._declared_fields
    omitted_when_none = getattr(schema, "OMITTED_WHEN_NONE", ())
    problems = []
    if list(declared) != list(schema_fields):
        problems.append("fields {} != schema's {}".format(list(declared), list(schema_fields)))
    for name in [name for name in declared if name in schema_fields]:
        python, optional = _declared_type(hints[name])
        schema_field = schema_fields[name]
        if optional != (schema_field.allow_none or name in omitted_when_none):
            problems.append("{}: Optional is {}, allow_none is {}".format(name, optional, schema_field.allow_none))
        has_default = (declared[name].default is not dataclasses.MISSING
                       or declared[name].default_factory is not dataclasses.MISSING)
        if schema_field.required and has_default:
            problems.append("{}: required in the schema but has a default".format(name))
        nested = _nested_mismatches(python, _expected_type(schema_field), name)
        if nested is not None:
            problems += nested
        elif python != _expected_type(schema_field):
            problems.append("{}: {} is not {}".format(name, hints[name], type(schema_field).__name__))
    return problems


@pytest.mark.parametrize("service,event_cls", ALL_EVENT_CLASSES,
                         ids=["{}.{}".format(service, cls.__name__) for service, cls in ALL_EVENT_CLASSES])
def test_an_event_class_declares_exactly_its_schema_fields(service, event_cls):
    schema = published_classes(service)[event_cls]
    assert field_mismatches(event_cls, schema) == []


def test_the_field_comparison_has_teeth():
    """A field added, dropped, made Optional, given a default or another type on one side only is reported."""
    from marshmallow import Schema as Base

    from services.common.schemas import code_field
    from services.training.domain.enums import NeedClosure

    class Payload(Base):
        thing_id = fields.String(required=True)
        closed_on = fields.Date(required=True, allow_none=True)
        reason = code_field(NeedClosure, required=True)
        scores = fields.List(fields.Float(), required=True)

    @dataclass(frozen=True, kw_only=True)
    class ThingClosed(DomainEvent):
        event_type = "thing_closed"
        thing_id: str
        closed_on: date | None
        reason: NeedClosure
        scores: list[float]

    assert field_mismatches(ThingClosed, Payload) == []

    @dataclass(frozen=True, kw_only=True)
    class Added(ThingClosed):
        event_type = "thing_closed"
        extra: str
    assert field_mismatches(Added, Payload)

    @dataclass(frozen=True, kw_only=True)
    class Changed(DomainEvent):
        event_type = "thing_closed"
        thing_id: str | None = None
        closed_on: date
        reason: str
        scores: list[int]
    assert len(field_mismatches(Changed, Payload)) == 5

    class Dropped(Base):
        thing_id = fields.String(required=True)
        closed_on = fields.Date(required=True, allow_none=True)
        reason = code_field(NeedClosure, required=True)
    assert field_mismatches(ThingClosed, Dropped)


    class Item(Base):
        item_id = fields.String(required=True)
        note = fields.String()

    class WithItems(Base):
        items = fields.List(fields.Nested(Item), required=True)
        first = fields.Nested(Item, required=True, allow_none=True)

    @dataclass(frozen=True)
    class ItemData:
        item_id: str
        note: str

    @dataclass(frozen=True)
    class ItemWithoutNote:
        item_id: str

    @dataclass(frozen=True, kw_only=True)
    class ItemsListed(DomainEvent):
        event_type = "items_listed"
        items: list[ItemData]
        first: ItemData | None

    @dataclass(frozen=True, kw_only=True)
    class ItemsShort(DomainEvent):
        event_type = "items_listed"
        items: list[ItemWithoutNote]
        first: dict | None

    assert field_mismatches(ItemsListed, WithItems) == []
    short = field_mismatches(ItemsShort, WithItems)
    assert len(short) == 2 and short[0].startswith("items.fields [") and short[1].startswith("first: dict")


@pytest.mark.parametrize("service", SERVICES)
def test_every_published_event_is_built_in_the_domain(service):
    """The catalog promises nothing that the code never sends: each class is named in its domain."""
    domain = ROOT / "services" / service / "domain"
    source = "\n".join(path.read_text(encoding="utf-8") for path in sorted(domain.glob("*.py"))
                       if path.name != "events.py")
    never = [cls.__name__ for cls in published_classes(service)
             if not re.search(r"\b{}\b".format(cls.__name__), source)]
    assert never == []


@pytest.mark.parametrize("service", SERVICES)
def test_events_leave_only_through_the_outbox(service):
    """No nameko EventDispatcher: every event is a DomainEvent the store writes to the outbox."""
    for path in (ROOT / "services" / service).rglob("*.py"):
        assert "EventDispatcher" not in path.read_text(encoding="utf-8"), path


def test_the_readme_explains_every_catalogued_event(committed):
    readme = README_PATH.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### (\S+)\n(.*?)(?=^#|\Z)", readme, re.MULTILINE | re.DOTALL))
    missing = []
    for channel in committed["channels"].values():
        exchange = channel["bindings"]["amqp"]["exchange"]["name"]
        if "| `{}` |".format(channel["address"]) not in sections.get(exchange, ""):
            missing.append("{} {}".format(exchange, channel["address"]))
    assert missing == [], "describe them in docs/events/README.md"
