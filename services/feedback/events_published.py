"""The catalog of feedback.events: the payload of every event feedback publishes (`PUBLISHED_EVENTS`,
read by services/common/catalog.py and checked by the store before an event is written). Never any personal
data (rule 11)."""
from marshmallow import fields

from services.common.schemas import EventDataSchema, code_field
from services.feedback.domain import events
from services.feedback.domain.enums import Channel, Deadline, FeedbackKind, FeedbackStatus


class FeedbackReceived(EventDataSchema):
    feedback_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    official_id = fields.String(allow_none=True, required=True)
    kind = code_field(FeedbackKind, required=True)
    channel = code_field(Channel, required=True)
    status = code_field(FeedbackStatus, required=True)
    received_on = fields.Date(required=True)
    answer_due = fields.Date(allow_none=True, required=True)


class FeedbackAnswered(EventDataSchema):
    feedback_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    official_id = fields.String(allow_none=True, required=True)
    answered_on = fields.Date(required=True)
    substantiated = fields.Boolean(required=True)
    on_time = fields.Boolean(required=True)


class FeedbackSubstantiated(EventDataSchema):
    """Consumed by personnel (FeedbackSubstantiatedIn) to open a review of the official."""
    feedback_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True, required=True)
    answered_on = fields.Date(required=True)
    summary = fields.String(required=True)


class FeedbackSubjectChanged(EventDataSchema):
    """Staff attached, corrected or detached the official the feedback is about, or corrected its unit
    (docs/domain.md rule 9). The reason stays on the item: free text never travels (rule 11)."""
    feedback_id = fields.String(required=True)
    unit_id = fields.String(required=True, metadata={"description": "the unit the feedback is about now"})
    official_id = fields.String(allow_none=True, required=True,
                                metadata={"description": "the official it is about now; null: none"})
    previous_unit_id = fields.String(required=True)
    previous_official_id = fields.String(allow_none=True, required=True)
    changed_on = fields.Date(required=True)


class FeedbackAssigned(EventDataSchema):
    feedback_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    officer = fields.String(required=True)          # official_id of the officer handling it
    assigned_on = fields.Date(required=True)


class FeedbackOverdue(EventDataSchema):
    """A rule 9 deadline passed without the act; once per feedback, deadline and due day."""
    feedback_id = fields.String(required=True)
    unit_id = fields.String(required=True)          # the handling unit (the target unit until assigned)
    official_id = fields.String(allow_none=True, required=True)  # the assigned officer, null if none yet
    deadline = code_field(Deadline, required=True)
    due_on = fields.Date(required=True)


class FeedbackPublished(EventDataSchema):
    feedback_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    published_on = fields.Date(required=True)
    on_time = fields.Boolean(required=True)


class DialogueHeld(EventDataSchema):
    dialogue_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    held_on = fields.Date(required=True)
    chair = fields.String(required=True)
    participant_count = fields.Integer(required=True)
    feedback_ids = fields.List(fields.String(), required=True)


# event class (services/feedback/domain/events.py) -> the schema of its payload
PUBLISHED_EVENTS = {
    events.FeedbackReceived: FeedbackReceived,
    events.FeedbackAssigned: FeedbackAssigned,
    events.FeedbackSubjectChanged: FeedbackSubjectChanged,
    events.FeedbackAnswered: FeedbackAnswered,
    events.FeedbackSubstantiated: FeedbackSubstantiated,
    events.FeedbackOverdue: FeedbackOverdue,
    events.FeedbackPublished: FeedbackPublished,
    events.DialogueHeld: DialogueHeld,
}
