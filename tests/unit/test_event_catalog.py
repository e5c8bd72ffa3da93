"""docs/events/asyncapi.json: up to date, valid AsyncAPI 3.0.0, and complete for what the code sends."""
import ast
import json
import re
from pathlib import Path

import jsonschema
import pytest
from marshmallow import Schema

from services.common.catalog import (SERVICES, build_catalog, channel_id, published_events, render,
                                     schema_name)
from services.common.envelope import EVENT_TYPE_PATTERN, EnvelopeSchema, cloudevent_type

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
            assert set(payload["required"]) == envelope_fields
            assert payload["properties"]["type"]["const"] == cloudevent_type(service, routing_key)
            assert payload["properties"]["source"]["const"] == "/camau/civilservice/" + service
            data = _resolve(committed, payload["properties"]["data"]["$ref"])
            assert payload["properties"]["data"]["$ref"].endswith("/" + schema_name(schema))
            assert set(data["properties"]) == set(schema().fields), routing_key


def test_the_catalog_lists_exactly_the_published_events(committed, all_events):
    expected = {channel_id(service, key) for service, events in all_events.items() for key in events}
    assert set(committed["channels"]) == expected
    assert {op["channel"]["$ref"].split("/")[-1] for op in committed["operations"].values()} == expected


# --- (c) every event the code dispatches is published and catalogued ---------------------------------
class _DispatchScanner:
    """Finds the event types a service's code creates, by reading its source (no import).

    Recognised: `DomainEvent("type", ...)` (or `type="..."`), a nameko `EventDispatcher` attribute
    called with a literal, and helpers that pass one of their parameters on as the type
    (`def official_event(event_type, ...): return DomainEvent(event_type, ...)` called as
    `official_event("official_registered", ...)`), also through several levels and conditional
    expressions of literals. Anything else is reported as unreadable, so it cannot slip by.
    """

    def __init__(self, package_dir):
        self.root = package_dir.parent
        self.trees = {path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
                      for path in sorted(package_dir.rglob("*.py"))}

    @staticmethod
    def _call_name(call):
        func = call.func
        return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None

    @staticmethod
    def _argument(call, index, keyword):
        if index is not None and len(call.args) > index and not isinstance(call.args[index], ast.Starred):
            return call.args[index]
        return next((kw.value for kw in call.keywords if kw.arg == keyword), None)

    def _dispatcher_attributes(self):
        names = set()
        for tree in self.trees.values():
            for node in ast.walk(tree):
                if (isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call)
                        and self._call_name(node.value) == "EventDispatcher"):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    names |= {t.id for t in targets if isinstance(t, ast.Name)}
        return names

    def _literals(self, node, function):
        """Set of strings `node` can be, ("param", name) when it is a parameter, None if unknown."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            body, orelse = self._literals(node.body, function), self._literals(node.orelse, function)
            return body | orelse if isinstance(body, set) and isinstance(orelse, set) else None
        if isinstance(node, ast.Name) and function is not None:
            params = [a.arg for a in function.args.posonlyargs + function.args.args + function.args.kwonlyargs]
            if node.id in params:
                return ("param", node.id)
            values = [n.value for n in ast.walk(function) if isinstance(n, ast.Assign)
                      and any(isinstance(t, ast.Name) and t.id == node.id for t in n.targets)]
            found = [self._literals(value, None) for value in values]
            if found and all(isinstance(item, set) for item in found):
                return set().union(*found)
        return None

    def _calls(self):
        """(path, enclosing function or None, call) for every call in the package."""
        for path, tree in self.trees.items():
            stack = [(tree, None)]
            while stack:
                node, function = stack.pop()
                for child in ast.iter_child_nodes(node):
                    inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
                    if isinstance(child, ast.Call):
                        yield path, function, child
                    stack.append((child, inner))

    def scan(self):
        # target name -> (positional index, keyword) of the argument that is the event type
        targets = {"DomainEvent": (0, "type")}
        targets.update({name: (0, "event_type") for name in self._dispatcher_attributes()})
        while True:
            found, unreadable, forwarders = set(), [], {}
            for path, function, call in self._calls():
                name = self._call_name(call)
                if name not in targets:
                    continue
                index, keyword = targets[name]
                argument = self._argument(call, index, keyword)
                literals = self._literals(argument, function) if argument is not None else None
                if isinstance(literals, set):
                    found |= literals
                elif isinstance(literals, tuple):
                    params = [a.arg for a in function.args.posonlyargs + function.args.args]
                    position = params.index(literals[1]) if literals[1] in params else None
                    if position is not None and params and params[0] in ("self", "cls"):
                        position -= 1
                    forwarders[function.name] = (position, literals[1])
                else:
                    unreadable.append("{}:{}".format(path.relative_to(self.root), call.lineno))
            if all(targets.get(name) == spec for name, spec in forwarders.items()):
                return found, unreadable
            targets.update(forwarders)


def dispatched_event_types(service):
    return _DispatchScanner(ROOT / "services" / service).scan()


def test_the_scanner_reads_helpers_and_conditionals(tmp_path):
    (tmp_path / "domain.py").write_text(
        "def official_event(event_type, official):\n"
        "    return DomainEvent(event_type, official.id, {})\n"
        "def outer(kind, x):\n"
        "    return official_event(kind, x)\n"
        "class Service:\n"
        "    dispatch = EventDispatcher()\n"
        "    def notify(self, ok):\n"
        "        official_event('official_registered', 1)\n"
        "        outer(kind='official_updated', x=1)\n"
        "        DomainEvent(type='a_done' if ok else 'a_failed', subject='s')\n"
        "        self.dispatch('thing_dispatched', {})\n"
        "        name = 'unit_' + 'created'\n"
        "        DomainEvent(name, 's')\n", encoding="utf-8")
    found, unreadable = _DispatchScanner(tmp_path).scan()
    assert found == {"official_registered", "official_updated", "a_done", "a_failed", "thing_dispatched"}
    assert len(unreadable) == 1


@pytest.mark.parametrize("service", SERVICES)
def test_every_dispatched_event_is_published_and_in_the_catalog(service, committed):
    assert (ROOT / "services" / service).is_dir(), "services/{} does not exist".format(service)
    dispatched, unreadable = dispatched_event_types(service)
    assert unreadable == [], "write the event type as a string literal (or pass one to a helper): {}".format(
        unreadable)
    published = set(published_events([service], skip_missing=False)[service])
    assert dispatched - published == set(), "add them to PUBLISHED_EVENTS in services/{}/events_published.py".format(
        service)
    catalogued = {channel["address"] for channel in committed["channels"].values()
                  if channel["bindings"]["amqp"]["exchange"]["name"] == "{}.events".format(service)}
    assert dispatched - catalogued == set(), REGENERATE


@pytest.mark.parametrize("service", SERVICES)
def test_every_published_event_is_dispatched_somewhere(service):
    """The catalog promises nothing that the code never sends."""
    dispatched, _ = dispatched_event_types(service)
    published = set(published_events([service], skip_missing=False)[service])
    assert published - dispatched == set()


def test_the_readme_explains_every_catalogued_event(committed):
    readme = README_PATH.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### (\S+)\n(.*?)(?=^#|\Z)", readme, re.MULTILINE | re.DOTALL))
    missing = []
    for channel in committed["channels"].values():
        exchange = channel["bindings"]["amqp"]["exchange"]["name"]
        if "| `{}` |".format(channel["address"]) not in sections.get(exchange, ""):
            missing.append("{} {}".format(exchange, channel["address"]))
    assert missing == [], "describe them in docs/events/README.md"
