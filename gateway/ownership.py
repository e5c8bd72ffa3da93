"""Which unit owns what an id names: the one table the gateway's unit scope (gateway.scope) checks against.

Every id a request can carry, in its path, JSON body (nested lists too), query string or CSV columns,
is looked up here by its name:
- `REFERENCES`: the kind of object it names; `KINDS` says how to find that kind's owning unit;
- `NOT_UNIT_OWNED`: why it names nothing a unit owns (province-wide documents, gateway accounts).
`references_of` gives each route its references at import time (RouteSpec.references); a test fails
when a route carries an id-like name (`*_id`, `*_ids`) that neither table classifies, so a new field
cannot reach a service unchecked.

Objects without an id of their own in the API follow their container: findings and recommendations
their inspection, commitments their enrollment, evaluations, disciplines, rewards and separations
their official.
"""
import re
from dataclasses import dataclass

from marshmallow import fields

ID_LIKE = re.compile(r"^[a-z_]*_ids?$")
PATH_PARAMETER = re.compile(r"{([a-z_]+)}")


@dataclass(frozen=True)
class Owner:
    """How to find the unit owning an object: one RPC, then a field of its answer naming the unit
    (or, with `via`, naming another object whose owner is the unit)."""
    service: str | None                 # None: the id is a unit's own id
    method: str | None = None
    field: str | None = None
    via: str | None = None


KINDS = {
    "unit": Owner(None),
    "unit_code": Owner(None),            # a unit by its code (CSV imports): matched against the scope's codes
    "official": Owner("personnel", "get_official", "unit_id"),
    "position": Owner("personnel", "get_position", "unit_id"),
    "scheme": Owner("personnel", "get_scheme", "unit_id"),
    "review": Owner("personnel", "get_review", "unit_id"),
    "enrollment": Owner("training", "get_enrollment", "official_id", via="official"),  # the official's unit today
    "need": Owner("training", "get_need", "unit_id"),
    "inspection": Owner("inspection", "get_inspection", "unit_id"),
    "feedback": Owner("feedback", "get_feedback", "target_unit_id"),
    "dialogue": Owner("feedback", "get_dialogue", "unit_id"),
    "campaign": Owner("personnel", "get_campaign", "unit_id"),                          # the recruiting unit
    "candidate": Owner("personnel", "get_candidate", "campaign_id", via="campaign"),  # its campaign's unit
    "promotion_round": Owner("personnel", "get_promotion_round", "unit_id"),             # the organising body
    "selection": Owner("personnel", "get_selection", "unit_id"),                        # the post's unit
}

REFERENCES = {
    "unit_id": "unit", "target_unit_id": "unit", "parent_id": "unit", "successor_ids": "unit", "successor_id": "unit",
    "unit_code": "unit_code",
    "official_id": "official", "head_official_id": "official", "manager_official_id": "official", "responsible_official_ids": "official",
    "position_id": "position", "new_position_id": "position",
    "scheme_id": "scheme", "review_id": "review", "enrollment_id": "enrollment", "need_id": "need",
    "inspection_id": "inspection", "feedback_id": "feedback", "feedback_ids": "feedback",
    "dialogue_id": "dialogue",
    "campaign_id": "campaign", "candidate_id": "candidate", "head_choice_ids": "candidate",
    "round_id": "promotion_round", "selection_id": "selection", "head_choice_official_ids": "official",
}

NOT_UNIT_OWNED = {
    "course_id": "courses are open to officials of every unit",
    "plan_id": "training and inspection plans are the province's documents",
    "plan_item_id": "an item of a province-wide inspection plan (its unit is the body's unit_id)",
    "recommendation_id": "inside its inspection, which the path's inspection_id scopes",
    "officer_id": "a feedback desk officer's user name (the item's unit is checked by its own id)",
    "national_id": "a citizen identity number: data, not a reference",
    "key_id": "API keys are the administrator's", "username": "users are the administrator's",
    "endpoint_id": "a webhook endpoint belongs to the agency named in the same path, which the subscriptions "
                   "service checks", "event_type": "a type of the public event catalog",
    "tracking_code": "public: the submitter's own code",
    "record_id": "a record of an official's service history, inside the official the path's official_id scopes",
    "name": "a static asset of the documentation or the dashboard, or an agency (agencies belong to no unit: "
            "an agency's key reaches its own only, gateway/routes/agencies.py)",
}


def references_of(path, body=None, query=None, raw_body=None):
    """{"path" | "body" | "query" | "csv": {field path: kind}} of a route; nested fields as `items[].unit_id`."""
    found = {"path": _classified(PATH_PARAMETER.findall(path)),
             "body": _classified(field_paths(body)) if body else {},
             "query": _classified(field_paths(query)) if query else {},
             "csv": _classified((raw_body or {}).get("columns", ()))}
    return {where: names for where, names in found.items() if names}


def unclassified(path, body=None, query=None, raw_body=None):
    """The names a route carries that look like ids (or are path parameters) but neither table knows."""
    names = [name for name in PATH_PARAMETER.findall(path)]
    for schema in (body, query):
        names += [name for name in field_paths(schema) if ID_LIKE.match(_last(name))] if schema else []
    names += [name for name in (raw_body or {}).get("columns", ()) if ID_LIKE.match(name)]
    return [name for name in names if _last(name) not in REFERENCES and _last(name) not in NOT_UNIT_OWNED]


def field_paths(schema, prefix=""):
    """Every field of a marshmallow schema by its loaded name, nested ones as `parent[].child`."""
    instance = schema() if isinstance(schema, type) else schema
    paths = []
    for name, field in instance.fields.items():
        if field.dump_only:
            continue
        is_list = isinstance(field, fields.List)
        inner = field.inner if is_list else field
        if isinstance(inner, fields.Nested):
            paths += field_paths(inner.nested, prefix + name + ("[]." if is_list else "."))
        else:
            paths.append(prefix + name)
    return paths


def values_at(document, field_path):
    """The values a loaded document holds at `field_path` (lists flattened), with whether the last key is
    present at all: an absent reference is no reference, a present null one names the province."""
    documents = [document]
    steps = field_path.split(".")
    for step in steps[:-1]:
        key, is_list = step.rstrip("[]"), step.endswith("[]")
        documents = [inner for outer in documents if isinstance(outer, dict)
                     for inner in ((outer.get(key) or []) if is_list else [outer.get(key)])]
    last = steps[-1]
    values = []
    for item in documents:
        if isinstance(item, dict) and last in item:
            value = item[last]
            values += value if isinstance(value, list) else [value]
    return values


def _classified(names):
    return {name: REFERENCES[_last(name)] for name in names if _last(name) in REFERENCES}


def _last(field_path):
    return field_path.rsplit(".", 1)[-1]
