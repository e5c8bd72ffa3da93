"""The catalog of personnel.events: the payload of every event personnel publishes (`PUBLISHED_EVENTS`,
read by services/common/catalog.py and checked by the store before an event is written)."""
from marshmallow import fields, post_dump

from services.common.schemas import EventDataSchema, code_field
from services.personnel.domain import events
from services.personnel.domain.enums import (DisciplineForm, OfficialStatus, QualificationKind, Rating,
                                             ReviewOrigin, ReviewOutcome, ReviewStatus, SeparationReason, Severity)


class UnitCreated(EventDataSchema):
    unit_id = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    level = fields.String(required=True)
    parent_id = fields.String(allow_none=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(allow_none=True)
    head_official_id = fields.String(allow_none=True)
    unit_type = fields.String()
    successor_ids = fields.List(fields.String())


class UnitUpdated(UnitCreated):
    """A unit renamed, moved, given a head, or closed (abolished / merged, with its successors)."""


class OfficialRegistered(EventDataSchema):
    official_id = fields.String(required=True)
    full_name = fields.String(required=True)
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True)
    category = fields.String(required=True)
    rank = fields.String(required=True)
    status = code_field(OfficialStatus, required=True)
    service_start_date = fields.Date(required=True)
    birth_date = fields.Date(required=True)


class OfficialUpdated(OfficialRegistered):
    """An official renamed, transferred (unit, position, rank) or put on leave and back."""


class QualificationUpdated(EventDataSchema):
    official_id = fields.String(required=True)
    kind = code_field(QualificationKind, required=True)
    level = fields.String(required=True)
    obtained_on = fields.Date(required=True)
    source = fields.String(required=True)


# GapView and NeedView keep these names: they are the catalog's component names (personnel.GapView,
# personnel.NeedView) of published payloads. They are not the API's views of the same name (api.py).
class GapView(EventDataSchema):
    OMITTED_WHEN_NONE = ("field_of_study",)     # absent rather than null (tests/unit/test_event_catalog.py)

    kind = fields.String()
    required_level = fields.String()
    held_level = fields.String(allow_none=True)
    field_of_study = fields.String(metadata={"description": "present when the requirement names a field"})
    source = fields.String(metadata={"description": "where the requirement comes from: \"position\", \"rank 01.003 "
                                                    "under Circular 02/2021/TT-BNV\", or both joined by \" + \""})

    @post_dump
    def only_named_fields(self, data, **kwargs):
        for name in self.OMITTED_WHEN_NONE:
            if data.get(name) is None:
                data.pop(name, None)
        return data


class NeedView(EventDataSchema):
    kind = fields.String()
    level = fields.String()


class StandardsStatusChanged(EventDataSchema):
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True)
    met = fields.Boolean(required=True)
    previously_met = fields.Boolean(allow_none=True, required=True)
    as_of = fields.Date(required=True)
    missing = fields.List(fields.Nested(GapView), required=True)
    rank_rule_set = fields.String(allow_none=True, metadata={
        "description": "legal basis of the rank standards applied; null: the position's standards only"})


class ReviewEvent(EventDataSchema):
    """What every review event says about the case."""
    review_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True)
    origin = code_field(ReviewOrigin, required=True)
    origin_ref = fields.String(required=True)


class ReviewOpened(ReviewEvent):
    reason = fields.String(required=True)
    opened_on = fields.Date(required=True)


class ReviewDecided(ReviewEvent):
    outcome = code_field(ReviewOutcome, required=True)
    decided_on = fields.Date(required=True)
    reason = fields.String(required=True)
    retraining_need = fields.Nested(NeedView, allow_none=True, required=True)
    content_area = fields.String(allow_none=True, required=True)
    discipline_id = fields.String(allow_none=True)
    new_position_id = fields.String(allow_none=True)     # REASSIGNMENT: applied by personnel itself


class ReviewOverdue(ReviewEvent):
    """A review case still undecided after its deadline (announced once per case)."""
    status = code_field(ReviewStatus, required=True)
    deadline = fields.Date(required=True)
    days_overdue = fields.Integer(required=True)
    as_of = fields.Date(required=True)


class DisciplineImposed(EventDataSchema):
    discipline_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    form = code_field(DisciplineForm, required=True)
    severity = code_field(Severity, required=True)
    decided_on = fields.Date(required=True)
    violation_date = fields.Date(required=True)
    counts_in_year = fields.Integer(allow_none=True)      # the evaluation year it forces NOT_COMPLETED
    review_id = fields.String(allow_none=True)
    legal_basis = fields.String()


class EvaluationRecorded(EventDataSchema):
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    year = fields.Integer(required=True)
    rating = code_field(Rating, required=True)
    category = fields.String(required=True)
    proposed_rating = fields.String(allow_none=True)
    forced_by = fields.List(fields.String())
    legal_basis = fields.String()


class OfficialSeparated(EventDataSchema):
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    separated_on = fields.Date(required=True)
    reason = code_field(SeparationReason, required=True)
    decision_ref = fields.String()


# event class (services/personnel/domain/events.py) -> the schema of its payload
PUBLISHED_EVENTS = {
    events.UnitCreated: UnitCreated,
    events.UnitUpdated: UnitUpdated,
    events.OfficialRegistered: OfficialRegistered,
    events.OfficialUpdated: OfficialUpdated,
    events.OfficialSeparated: OfficialSeparated,
    events.QualificationUpdated: QualificationUpdated,
    events.StandardsStatusChanged: StandardsStatusChanged,
    events.EvaluationRecorded: EvaluationRecorded,
    events.DisciplineImposed: DisciplineImposed,
    events.ReviewOpened: ReviewOpened,
    events.ReviewDecided: ReviewDecided,
    events.ReviewOverdue: ReviewOverdue,
}
