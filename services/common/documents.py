"""Domain dataclasses <-> storable documents (dates kept as ISO strings, which sort correctly)."""
import dataclasses
import enum
from datetime import date, datetime

import dacite


def _as_date(value):
    return value if isinstance(value, date) else date.fromisoformat(value)


def _as_datetime(value):
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


_CONFIG = dacite.Config(
    type_hooks={date: _as_date, datetime: _as_datetime},
    cast=[enum.Enum, tuple],
)


def to_document(value):
    """A dataclass (or nested structure) as plain JSON-like data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_document(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: to_document(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_document(item) for item in value]
    return value


def from_document(cls, document):
    """Build dataclass `cls` from a stored document or a loaded command (extra keys ignored)."""
    names = {f.name for f in dataclasses.fields(cls)}
    data = {key: value for key, value in document.items() if key in names}
    if "id" in names and "id" not in data and "_id" in document:
        data["id"] = document["_id"]
    return dacite.from_dict(cls, data, config=_CONFIG)
