"""Domain dataclasses <-> storable documents (dates kept as ISO strings, which sort correctly).

Both directions go through one cattrs converter, which generates and caches a function per
dataclass: every read, write and event of every service passes here, so per-call introspection
(dacite, a hand-written walk) cost up to 10x more."""
import enum
from datetime import date, datetime

import cattrs


def _as_date(value, _type):
    return value if isinstance(value, date) else date.fromisoformat(value)


def _as_datetime(value, _type):
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _primitive(value, expected):
    if issubclass(expected, enum.Enum):    # str- and int-valued enums arrive here as subclasses
        return expected(value)
    # cattrs would cast (str(None) == "None"); a stored value of the wrong type is a bug to surface.
    if not isinstance(value, (int, float) if expected is float else expected):
        raise TypeError("expected {}, got {!r}".format(expected.__name__, value))
    return float(value) if expected is float else value


_CONVERTER = cattrs.Converter(detailed_validation=False)
_CONVERTER.register_structure_hook(date, _as_date)
_CONVERTER.register_structure_hook(datetime, _as_datetime)
for _type in (str, int, float, bool):
    _CONVERTER.register_structure_hook(_type, _primitive)


def _as_list(values):
    return [_CONVERTER.unstructure(value) for value in values]


def _is_other_collection(type_):
    origin = getattr(type_, "__origin__", None) or type_
    return isinstance(origin, type) and issubclass(origin, (tuple, set, frozenset))


_CONVERTER.register_unstructure_hook(date, date.isoformat)
_CONVERTER.register_unstructure_hook(datetime, datetime.isoformat)
_CONVERTER.register_unstructure_hook_func(_is_other_collection, _as_list)    # BSON has arrays only


def to_document(value):
    """A dataclass (or nested structure) as plain JSON-like data: enums as their codes, dates as ISO
    strings, tuples and sets as lists."""
    return _CONVERTER.unstructure(value)


def from_document(cls, document):
    """Build dataclass `cls` from a stored document or a loaded command (extra keys ignored)."""
    if "_id" in document and "id" not in document:
        document = dict(document, id=document["_id"])
    return _CONVERTER.structure(document, cls)
