"""The catalog of personnel.events: the payload of every event personnel publishes (`PUBLISHED_EVENTS`,
read by services/common/catalog.py and checked by the store before an event is written)."""
from marshmallow import fields, post_dump

from services.common.schemas import EventDataSchema, code_field
from services.personnel.domain import events
from services.personnel.domain.enums import (DisciplineForm, OfficialStatus, QualificationKind, Rating,
                                             ReviewOrigin, ReviewOutcome, ReviewStatus, SeparationReason, Severity)
from services.personnel.domain.recruitment_rules import ProbationStatus


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


# --- recruitment (docs/domain.md rule 12) -----------------------------------------------------------
class VacancyOffered(EventDataSchema):
    position_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    title = fields.String(required=True)
    rank = fields.String(required=True)
    places = fields.Integer(required=True)


class RecruitmentCampaignOpened(EventDataSchema):
    """A recruitment campaign announced (thông báo tuyển dụng): its vacancies and the rule set it runs under."""
    campaign_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    title = fields.String(required=True)
    category = fields.String(required=True)
    method = fields.String(required=True, metadata={"description": "EXAM (thi tuyển) or SELECTION (xét tuyển)"})
    announced_on = fields.Date(required=True)
    application_deadline = fields.Date(required=True)
    legal_basis = fields.String(required=True)
    vacancies = fields.List(fields.Nested(VacancyOffered), required=True)


class PositionResult(EventDataSchema):
    position_id = fields.String(required=True)
    places = fields.Integer(required=True)
    applicants = fields.Integer(required=True)
    qualified = fields.Integer(required=True, metadata={"description": "every round at its pass mark or above"})
    passed = fields.Integer(required=True, metadata={"description": "trúng tuyển"})


class RecruitmentResultsPublished(EventDataSchema):
    """A campaign's results published: counts per vacancy, no candidate's personal data."""
    campaign_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    published_on = fields.Date(required=True)
    results_ref = fields.String(required=True)
    legal_basis = fields.String(required=True)
    results = fields.List(fields.Nested(PositionResult), required=True)


class RecruitedOfficial(EventDataSchema):
    candidate_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    rank = fields.String(required=True)
    probation_end = fields.Date(required=True)


class RecruitmentCompleted(EventDataSchema):
    """The recruitment decision: every candidate who passed is now an official on probation (each also
    announced by official_registered)."""
    campaign_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    decided_on = fields.Date(required=True)
    decision_ref = fields.String(required=True)
    service_start_date = fields.Date(required=True)
    legal_basis = fields.String(required=True)
    recruited = fields.List(fields.Nested(RecruitedOfficial), required=True)


class ProbationEnded(EventDataSchema):
    """The end-of-probation evaluation: PASSED (the official stays) or FAILED (then official_separated)."""
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    campaign_id = fields.String(required=True)
    started_on = fields.Date(required=True)
    ended_on = fields.Date(required=True)
    outcome = code_field(ProbationStatus, required=True, metadata={"description": "PASSED or FAILED"})
    decision_ref = fields.String(required=True)
    legal_basis = fields.String(required=True)


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
    events.RecruitmentCampaignOpened: RecruitmentCampaignOpened,
    events.RecruitmentResultsPublished: RecruitmentResultsPublished,
    events.RecruitmentCompleted: RecruitmentCompleted,
    events.ProbationEnded: ProbationEnded,
}
