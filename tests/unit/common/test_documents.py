"""Stored documents <-> domain dataclasses (services/common/documents.py)."""
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import Enum

import pytest

from services.common.documents import from_document, to_document


class Colour(str, Enum):
    RED = "RED"


@dataclass(frozen=True)
class Part:
    name: str
    weight: float


@dataclass(frozen=True)
class Thing:
    id: str
    colour: Colour
    made_on: date
    parts: list[Part]
    tags: tuple[str, ...] = ()
    checked_at: datetime | None = None
    count: int = 0
    note: str | None = None
    extra: dict = field(default_factory=dict)


THING = Thing(id="t-1", colour=Colour.RED, made_on=date(2024, 6, 30), parts=[Part("a", 1.5)], tags=("x", "y"),
              checked_at=datetime(2024, 7, 1, 8, 30, tzinfo=timezone.utc), count=3, note=None, extra={"k": [1]})


def test_a_stored_document_reads_back_as_the_same_dataclass():
    document = to_document(THING)
    document["_id"] = document.pop("id")
    assert document["made_on"] == "2024-06-30" and document["colour"] == "RED"
    assert from_document(Thing, document) == THING


def test_missing_optional_fields_take_their_defaults_and_unknown_keys_are_ignored():
    thing = from_document(Thing, {"_id": "t-2", "colour": "RED", "made_on": "2024-01-01", "parts": [],
                                  "_version": 4, "outbox": []})
    assert thing == Thing(id="t-2", colour=Colour.RED, made_on=date(2024, 1, 1), parts=[])


def test_an_integer_is_accepted_where_a_float_is_declared():
    assert from_document(Part, {"name": "a", "weight": 2}).weight == 2.0


@pytest.mark.parametrize("field_name, value", [("note", 5), ("count", "3"), ("id", None)])
def test_a_value_of_the_wrong_type_is_refused_not_cast(field_name, value):
    document = dict(to_document(THING), **{field_name: value})
    with pytest.raises(TypeError):
        from_document(Thing, document)


def test_an_unknown_enum_code_is_refused():
    with pytest.raises(ValueError):
        from_document(Thing, dict(to_document(THING), colour="BLUE"))


def test_a_document_holds_only_plain_json_like_values():
    document = to_document(dict(thing=THING, when={date(2024, 1, 2)}, colours=(Colour.RED,)))
    assert document == {"thing": {
        "id": "t-1", "colour": "RED", "made_on": "2024-06-30", "parts": [{"name": "a", "weight": 1.5}],
        "tags": ["x", "y"], "checked_at": "2024-07-01T08:30:00+00:00", "count": 3, "note": None,
        "extra": {"k": [1]}}, "when": ["2024-01-02"], "colours": ["RED"]}
    assert type(document["thing"]["tags"]) is list
