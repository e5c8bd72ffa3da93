"""Every service has the same shape (docs/architecture.md, "Shape of one service"): `api.py` for what the
gateway may use, `events_published.py` for the catalog, `events_consumed.py` for the tolerant readers, and
views that declare their own fields instead of inheriting from a command."""
import importlib
import inspect
import pkgutil

import pytest
from marshmallow import Schema, fields

from services.common.catalog import SERVICES
from services.common.schemas import CommandSchema, EventDataSchema


def _schemas_defined_in(module):
    return [cls for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Schema) and cls.__module__ == module.__name__]


def _nested(schema_cls):
    """Schema classes nested in `schema_cls` (Nested fields, also inside List and Dict), recursively."""
    found, todo = set(), [schema_cls]
    while todo:
        for field in todo.pop()._declared_fields.values():
            stack = [field]
            while stack:
                item = stack.pop()
                if isinstance(item, fields.Nested) and isinstance(item.nested, type):
                    if item.nested not in found:
                        found.add(item.nested)
                        todo.append(item.nested)
                stack += [inner for inner in (getattr(item, "inner", None), getattr(item, "value_field", None))
                          if inner is not None]
    return found


def _views(module):
    """The output schemas of an api module: every class named *View and everything nested in one."""
    views = {cls for cls in _schemas_defined_in(module) if cls.__name__.endswith("View")}
    for view in list(views):
        views |= _nested(view)
    return views


@pytest.mark.parametrize("service", SERVICES)
def test_no_view_inherits_from_a_command(service):
    api = importlib.import_module("services.{}.api".format(service))
    views = _views(api)
    assert len(views) >= 5, "services/{}/api.py: no views found".format(service)
    commands = [view.__name__ for view in views if issubclass(view, CommandSchema)]
    assert commands == [], "views must declare their own fields, not inherit a command's: {}".format(commands)


def test_no_response_of_the_gateway_inherits_from_a_command():
    from gateway.http import ROUTES
    import gateway.service  # noqa: F401  (declares every route)
    responses = {route.response for route in ROUTES if isinstance(route.response, type)}
    assert len(responses) > 30
    for response in list(responses):
        responses |= _nested(response)
    assert sorted(r.__name__ for r in responses if issubclass(r, CommandSchema)) == []


def test_the_check_catches_a_view_inheriting_from_a_command():
    class Register(CommandSchema):
        name = fields.String(required=True)

    class RegisteredView(Register):
        id = fields.String()

    class ListView(EventDataSchema):
        items = fields.List(fields.Nested(RegisteredView))

    assert RegisteredView in _nested(ListView) and issubclass(RegisteredView, CommandSchema)


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_the_same_modules(service):
    published = importlib.import_module("services.{}.events_published".format(service))
    consumed = importlib.import_module("services.{}.events_consumed".format(service))
    api = importlib.import_module("services.{}.api".format(service))
    assert published.PUBLISHED_EVENTS
    assert all(issubclass(schema, EventDataSchema) for schema in _schemas_defined_in(consumed))
    assert _schemas_defined_in(consumed), "services/{}/events_consumed.py reads no event".format(service)
    assert not hasattr(api, "PUBLISHED_EVENTS")
    package = importlib.import_module("services.{}".format(service))
    modules = {module.name for module in pkgutil.iter_modules(package.__path__)}
    assert {"api", "events_published", "events_consumed", "domain"} <= modules
    assert [name for name in modules if name.startswith("schemas")] == []
