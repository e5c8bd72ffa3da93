"""Every command and query refuses control characters and unpaired surrogates, naming the field
(docs/security.md, "Text input"); tab, line feed, carriage return and all other Unicode are kept."""
import importlib
import pkgutil

import pytest
from marshmallow import ValidationError, fields

import gateway
import services
from services.common.schemas import CommandSchema, text_problem

NUL, LONE_SURROGATE = "Sở\x00Nội vụ", "Sở \ud800 Nội vụ"


def _all_command_schemas():
    for package in (services, gateway):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".schemas" in module.name or module.name.endswith((".inputs", ".api")) or "schemas_" in module.name:
                importlib.import_module(module.name)
    found, todo = [], [CommandSchema]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        found.append(cls)
    return [cls for cls in found if cls is not CommandSchema]


COMMAND_SCHEMAS = _all_command_schemas()
STRING_FIELDS = [(cls, name) for cls in COMMAND_SCHEMAS for name, field in cls._declared_fields.items()
                 if isinstance(field, fields.String) and not field.dump_only]


def test_the_walk_finds_the_command_schemas_of_every_service_and_the_gateway():
    modules = {cls.__module__.split(".")[1] if cls.__module__.startswith("services.") else "gateway"
               for cls in COMMAND_SCHEMAS}
    assert {"personnel", "training", "inspection", "feedback", "gateway"} <= modules
    assert len(STRING_FIELDS) > 100


@pytest.mark.parametrize("bad", [NUL, LONE_SURROGATE, "a\x1bb", "a\x7fb", "a\x85b"])
@pytest.mark.parametrize("schema_cls,field_name", STRING_FIELDS,
                         ids=["{}.{}".format(cls.__name__, name) for cls, name in STRING_FIELDS])
def test_every_string_field_of_every_command_refuses_unsafe_text_naming_the_field(schema_cls, field_name, bad):
    key = schema_cls._declared_fields[field_name].data_key or field_name
    with pytest.raises(ValidationError) as refused:
        schema_cls().load({key: bad})
    assert list(refused.value.messages) == [key]


def test_nested_lists_and_mapping_keys_are_checked_and_reported_by_path():
    class Nested(CommandSchema):
        team = fields.List(fields.String())
        extra = fields.Dict()

    with pytest.raises(ValidationError) as refused:
        Nested().load({"team": ["ok", "b\x00d"], "extra": {"k\ud800": "v", "good": {"deep": "\x01"}}})
    assert set(refused.value.messages) == {"team[1]", "extra.k\ud800", "extra.good.deep"}


@pytest.mark.parametrize("kept", ["Nguyễn Thị Hồng", "line one\nline two\r\n\tindented", "<b>html</b> & 'quotes'",
                                  "emoji \U0001F600 (a valid surrogate pair in JSON)", "Bạc Liêu \u200b zero width"])
def test_ordinary_text_is_accepted(kept):
    assert text_problem(kept) is None


def test_the_messages_say_what_is_wrong():
    assert "unpaired surrogate" in text_problem("\udfff")
    assert "control characters" in text_problem("\x00")
