"""Which answers carry personal data (docs/domain.md rule 11, Law 91/2025, Decree 356/2025): the one place that
says so, from the routes' response schemas, so every read of it is audited (gateway.audit) and a new
route or field is covered without anyone remembering a path list.

A response carries personal data when its schema (nested ones too) has a field that identifies a person
or ties a record to one, when its schema as a whole is about people, or when its path names an official.
"""
from marshmallow import fields

from services.feedback.api import DialogueView
from services.common.schemas import PERSONAL_DATA_MARK
from services.personnel.api import DistributionView

# Identity and contact data, and the ids that tie a record (a review's reasons, a rating, a finding, an amount
# owed, a training need) to a named official. Masked public copies (`submitter_name` of published answers)
# are not listed: what they show identifies no one.
PERSONAL_FIELDS = {"full_name", "national_id", "birth_date", "phone", "email", "address", "submitter",
                   "official_id", "responsible_official_ids"}
# Schemas about people without a field naming them.
PERSONAL_SCHEMAS = {
    DistributionView: "the ratings of a unit's officials: in a small unit they name the people rated",
    DialogueView: "who chaired a dialogue with citizens and which citizens' feedback was raised there",
}
OFFICIAL_PATH_KINDS = ("official", "enrollment")     # a route about one named official, whatever it answers


def carries_personal_data(spec):
    """Does this route's answer carry personal data? (computed once per route at import time)"""
    about_an_official = any(kind in OFFICIAL_PATH_KINDS for kind in spec.references.get("path", {}).values())
    return about_an_official or (spec.response is not None and schema_is_personal(spec.response))


def schema_is_personal(schema, seen=None):
    cls = schema if isinstance(schema, type) else type(schema)
    seen = set() if seen is None else seen
    if issubclass(cls, tuple(PERSONAL_SCHEMAS)):
        return True
    if cls in seen:
        return False
    seen.add(cls)
    for name, field in cls().fields.items():
        inner = field.inner if isinstance(field, fields.List) else field
        if name in PERSONAL_FIELDS or (field.data_key or name) in PERSONAL_FIELDS or field.metadata.get(PERSONAL_DATA_MARK):
            return True
        if isinstance(inner, fields.Nested) and schema_is_personal(inner.nested, seen):
            return True
    return False
