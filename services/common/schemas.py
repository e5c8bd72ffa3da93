"""Schema bases: strict for commands (unknown fields, `$` operators and unsafe text rejected), tolerant
for events."""
import functools
import re

from marshmallow import (EXCLUDE, RAISE, Schema, ValidationError, fields, pre_load, validate,
                         validates_schema)

MAX_PAGE_SIZE = 200
# Field metadata marking personal data (docs/domain.md rule 11): shown in the OpenAPI description, and the
# gateway audits every answer whose schema carries such a field (gateway/personal_data.py).
PERSONAL_DATA_MARK = "x-personal-data"
PERSONAL = {PERSONAL_DATA_MARK: True}
# Every entity id the platform hands out (services/common/ids.py) fits this; a longer one is no id of ours.
ENTITY_ID = validate.Length(min=1, max=64)
# Characters no input text may hold (docs/security.md, "Text input"): C0 controls except tab, line feed and
# carriage return, DEL, C1 controls, and UTF-16 surrogate code points. JSON can spell a lone surrogate
# (`"\ud800"`); it decodes to a Python str that no store can encode, and NUL ends strings in C consumers.
FORBIDDEN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(value):
    """Why `value` (a str) is not acceptable text, or None."""
    found = FORBIDDEN_TEXT.search(value)
    if found is None:
        return None
    if "\ud800" <= found.group() <= "\udfff":
        return "invalid Unicode: an unpaired surrogate (U+{:04X}) is not allowed".format(ord(found.group()))
    return "control characters are not allowed (U+{:04X} found)".format(ord(found.group()))


def _operator_keys(value, path=""):
    """Paths of mapping keys that look like MongoDB operators or field paths."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            here = "{}.{}".format(path, key) if path else str(key)
            if isinstance(key, str) and (key.startswith("$") or "." in key or "\x00" in key):
                found.append(here)
            found += _operator_keys(item, here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _operator_keys(item, "{}[{}]".format(path, index))
    return found


def _text_problems(value, path=""):
    """{path: message} for every string (mapping keys included) holding forbidden characters."""
    found = {}
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            found[path or "_schema"] = problem
    elif isinstance(value, dict):
        for key, item in value.items():
            here = "{}.{}".format(path, key) if path else str(key)
            if isinstance(key, str) and text_problem(key):
                found[here] = "field names: " + text_problem(key)
                continue
            found.update(_text_problems(item, here))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.update(_text_problems(item, "{}[{}]".format(path, index)))
    return found


class CommandSchema(Schema):
    """Input of a command or query: anything not declared is refused with a message per field."""

    class Meta:
        unknown = RAISE

    @pre_load
    def require_object(self, data, **kwargs):
        if not isinstance(data, dict):
            raise ValidationError("a JSON object is required", field_name="_schema")
        return data

    # Unsafe text is checked on the raw input, before any hook or field reads it (a pre_load hook
    # could run after another that rewrites the value): once for every command and query of every route
    # and RPC, strings in free-form mappings and lists included, so nothing unsafe reaches a field's own
    # validation, a store or an event. The answer then names only those fields.
    def load(self, data, **kwargs):
        problems = _text_problems(data)
        if problems:
            raise ValidationError({field: [message] for field, message in problems.items()})
        return super().load(data, **kwargs)

    def validate(self, data, **kwargs):
        problems = _text_problems(data)
        if problems:
            return {field: [message] for field, message in problems.items()}
        return super().validate(data, **kwargs)

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def refuse_operators(self, data, original, **kwargs):
        # Field types already refuse objects where scalars belong; this also covers free-form
        # mappings, so no MongoDB operator or dotted path can reach a query.
        bad = _operator_keys(original) if isinstance(original, dict) else []
        if bad:
            raise ValidationError({key: ["keys starting with '$' or containing '.' are not allowed"]
                                   for key in bad})


class EventDataSchema(Schema):
    """Payload of an event. Producers dump with it; consumers load with EXCLUDE (tolerant reader)."""

    class Meta:
        unknown = EXCLUDE


class PageQuery(CommandSchema):
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class KeysetPageQuery(PageQuery):
    """A list that can hold a province's worth of rows (issue 16): pages by cursor as well as by offset;
    the answer's `next` is the cursor of the following page (BaseStore.keyset_page)."""
    after = fields.String(validate=validate.Length(min=1, max=400), metadata={
        "description": "the `next` of the previous page: the page after it, read from the index (fast at any "
                       "depth; `offset` is ignored then)"})
    total = fields.Boolean(load_default=True, metadata={
        "description": "false: leave out the count of every match (`total` is then null)"})


def code_field(codes, **kwargs):
    """A string limited to the codes of an Enum (or an iterable of codes)."""
    values = [getattr(code, "value", code) for code in codes]
    return fields.String(validate=validate.OneOf(values), **kwargs)


def text_field(max_length, min_length=1, **kwargs):
    return fields.String(validate=validate.Length(min=min_length, max=max_length), **kwargs)


@functools.lru_cache(maxsize=None)
def shared(schema_cls, many=False):
    """One reusable instance per schema class (marshmallow schemas keep no state between loads and
    dumps; building one costs more than most loads) for the paths that run on every event or read."""
    return schema_cls(many=many)


def load_or_invalid(schema, data, **kwargs):
    """Load with `schema`, turning a ValidationError into the typed Invalid error."""
    from services.common.errors import Invalid
    try:
        return schema.load(data, **kwargs)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        raise Invalid("the request is not valid", fields=messages) from None
