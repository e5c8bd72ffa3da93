"""Field helpers of inspection's schemas (internal to the service: the gateway uses api.py)."""
from marshmallow import ValidationError, fields, validate

VIOLATION_CODE = validate.Regexp(r"^[A-Z][A-Z0-9_]{1,39}$",
                                 error="a short code of capital letters, digits and _ (e.g. TTHC_OVERDUE)")


def not_blank(value):
    if value and not value.strip():      # "" is left to the length rule: one message per problem
        raise ValidationError("must not be blank")


def text(max_length, **kwargs):
    """Free text of 1..max_length characters that is not only whitespace."""
    return fields.String(validate=[validate.Length(min=1, max=max_length), not_blank], **kwargs)


def an_id(**kwargs):
    return fields.String(validate=validate.Length(min=1, max=64), **kwargs)
