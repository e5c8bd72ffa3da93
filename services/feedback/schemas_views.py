"""Feedback views: what the service returns (staff, public, statistics). Never interpreted as markup."""
from marshmallow import fields

from services.common.schemas import EventDataSchema


# --- views ------------------------------------------------------------------------------------
class StatusChangeView(EventDataSchema):
    status = fields.String()
    at = fields.Date()
    note = fields.String(allow_none=True)


class AssignmentView(EventDataSchema):
    unit_id = fields.String()
    unit_name = fields.String()
    officer_id = fields.String()
    officer_name = fields.String()
    assigned_on = fields.Date()


class PublicationView(EventDataSchema):
    content = fields.String()
    published_on = fields.Date()
    on_time = fields.Boolean()


class OverdueFlagView(EventDataSchema):
    deadline = fields.String()
    due_on = fields.Date()
    flagged_on = fields.Date()


class RatingView(EventDataSchema):
    access = fields.Integer()
    procedure = fields.Integer()
    civil_servant = fields.Integer()
    result = fields.Integer()
    feedback_handling = fields.Integer()
    rated_on = fields.Date()
    comment = fields.String(allow_none=True)


class SubmitterView(EventDataSchema):
    type = fields.String()
    name = fields.String()
    address = fields.String()
    phone = fields.String()
    email = fields.String(allow_none=True)
    legal_basis = fields.String()


class AnswerView(EventDataSchema):
    text = fields.String()
    answered_on = fields.Date()
    substantiated = fields.Boolean()
    on_time = fields.Boolean()


class ReceiptView(EventDataSchema):
    """What the submitter gets back: the code to track it with."""
    id = fields.String()
    tracking_code = fields.String()
    status = fields.String()
    received_on = fields.Date()
    answer_due = fields.Date(allow_none=True)
    routed_to = fields.String(allow_none=True)


class FeedbackSummaryView(EventDataSchema):
    """Staff view without the submitter's contact data (e.g. on an official's profile)."""
    id = fields.String()
    kind = fields.String()
    channel = fields.String()
    title = fields.String()
    target_unit_id = fields.String()
    target_unit_name = fields.String(allow_none=True)
    official_id = fields.String(allow_none=True)
    procedure_code = fields.String(allow_none=True)
    status = fields.String()
    received_on = fields.Date()
    answer_due = fields.Date(allow_none=True)
    routed_to = fields.String(allow_none=True)
    answer = fields.Nested(AnswerView, allow_none=True)
    procedure_domain = fields.String(allow_none=True)
    assignment = fields.Nested(AssignmentView, allow_none=True)
    update_due = fields.Date(allow_none=True)
    publication_due = fields.Date(allow_none=True)
    publication = fields.Nested(PublicationView, allow_none=True)
    overdue = fields.List(fields.Nested(OverdueFlagView))


class FeedbackView(FeedbackSummaryView):
    """The full record, for feedback staff: content, contact data, tracking code, history."""
    tracking_code = fields.String()
    content = fields.String()
    submitter = fields.Nested(SubmitterView)
    history = fields.List(fields.Nested(StatusChangeView))
    recorded_by = fields.String(allow_none=True)
    rating = fields.Nested(RatingView, allow_none=True)   # its comment is the submitter's free text


class MaskedSubmitterView(EventDataSchema):
    type = fields.String()
    name = fields.String()
    phone = fields.String()
    email = fields.String(allow_none=True)


class PublicAnswerView(EventDataSchema):
    text = fields.String()
    answered_on = fields.Date()


class TrackView(EventDataSchema):
    """Public: progress of one feedback, personal data masked (domain.privacy.public_view)."""
    tracking_code = fields.String()
    status = fields.String()
    kind = fields.String()
    channel = fields.String()
    title = fields.String()
    target_unit_name = fields.String(allow_none=True)
    received_on = fields.Date()
    answer_due = fields.Date(allow_none=True)
    routed_to = fields.String(allow_none=True)
    history = fields.List(fields.Nested(StatusChangeView))
    answer = fields.Nested(PublicAnswerView, allow_none=True)
    submitter = fields.Nested(MaskedSubmitterView)
    update_due = fields.Date(allow_none=True)
    published_on = fields.Date(allow_none=True)
    can_rate = fields.Boolean()
    rating = fields.Nested(RatingView, allow_none=True)


class PublishedView(EventDataSchema):
    """Public: an answered feedback as published, personal data masked (domain.publication)."""
    id = fields.String()
    kind = fields.String()
    title = fields.String()
    content = fields.String()
    submitter_type = fields.String()
    submitter_name = fields.String()
    target_unit_id = fields.String()
    target_unit_name = fields.String(allow_none=True)
    procedure_code = fields.String(allow_none=True)
    procedure_domain = fields.String(allow_none=True)
    received_on = fields.Date()
    answer = fields.String()
    answered_on = fields.Date()
    published_on = fields.Date()


class CountsView(EventDataSchema):
    received = fields.Integer()
    in_scope = fields.Integer()
    out_of_scope = fields.Integer()
    answered = fields.Integer()
    answered_on_time = fields.Integer()
    answered_late = fields.Integer()
    open = fields.Integer()
    open_overdue = fields.Integer()
    overdue = fields.Integer()
    published = fields.Integer()


class GroupCountsView(CountsView):
    key = fields.String()
    label = fields.String(allow_none=True)


class SatisfactionView(EventDataSchema):
    ratings = fields.Integer()
    access = fields.Float(allow_none=True)
    procedure = fields.Float(allow_none=True)
    civil_servant = fields.Float(allow_none=True)
    result = fields.Float(allow_none=True)
    feedback_handling = fields.Float(allow_none=True)


class DialogueCountsView(EventDataSchema):
    held = fields.Integer()
    participants = fields.Integer()
    items_raised = fields.Integer()


class StatisticsView(CountsView):
    """Indicators over the feedback received in [from, to], as of `as_of` (domain.statistics)."""
    from_ = fields.Date(data_key="from")
    to = fields.Date()
    as_of = fields.Date()
    unit_id = fields.String(allow_none=True)
    by_unit = fields.List(fields.Nested(GroupCountsView))
    by_handling_unit = fields.List(fields.Nested(GroupCountsView))
    by_procedure_domain = fields.List(fields.Nested(GroupCountsView))
    by_channel = fields.List(fields.Nested(GroupCountsView))
    by_kind = fields.List(fields.Nested(GroupCountsView))
    by_month = fields.List(fields.Nested(GroupCountsView))
    overdue_flags = fields.Dict(keys=fields.String(), values=fields.Integer())
    satisfaction = fields.Nested(SatisfactionView)
    dialogues = fields.Nested(DialogueCountsView)
    deadline_rules = fields.Dict()


class DialogueView(EventDataSchema):
    id = fields.String()
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)
    held_on = fields.Date()
    chair = fields.String()
    participant_count = fields.Integer()
    title = fields.String()
    location = fields.String(allow_none=True)
    feedback_ids = fields.List(fields.String())
    recorded_by = fields.String(allow_none=True)


class DeadlineCheckView(EventDataSchema):
    as_of = fields.Date()
    checked = fields.Integer()
    flagged = fields.Integer()
