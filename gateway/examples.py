"""An example request body for each route, built from its marshmallow schema (shown in /docs)."""
from marshmallow import fields, validate

SAMPLES = {fields.Date: "2024-06-28", fields.DateTime: "2024-06-28T09:00:00+07:00", fields.Integer: 1,
           fields.Float: 7.5, fields.Decimal: "1000000", fields.Number: 7.5, fields.Boolean: True,
           fields.Email: "nguoidan@example.vn"}


def example_for(schema, depth=0):
    schema = schema() if isinstance(schema, type) else schema
    example = {}
    for name, field in schema.fields.items():
        if field.dump_only or (not field.required and depth > 0):
            continue
        value = _field_example(field, depth)
        if value is not None or field.required:
            example[field.data_key or name] = value
    return example


def _field_example(field, depth):
    if "example" in field.metadata:
        return field.metadata["example"]
    if isinstance(field, fields.Nested):
        return example_for(field.schema, depth + 1) if depth < 3 else {}
    if isinstance(field, fields.List):
        inner = _field_example(field.inner, depth + 1)
        return [] if inner is None else [inner]
    for validator in _validators(field):
        if isinstance(validator, validate.OneOf):
            return list(validator.choices)[0]
    for cls, sample in SAMPLES.items():
        if isinstance(field, cls):
            return sample
    if isinstance(field, fields.String):
        return "..." if not field.required else "text"
    return None


def _validators(field):
    validators = field.validators if hasattr(field, "validators") else []
    return validators if isinstance(validators, (list, tuple)) else [validators]
