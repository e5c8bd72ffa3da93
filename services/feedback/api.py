"""Feedback's public surface: the commands, queries, views and codes the gateway may use.

Commands and queries refuse what they do not declare (CommandSchema); views declare their own fields and are
never interpreted as markup. Events: events_published.py, events_consumed.py."""
import re

from marshmallow import ValidationError, fields, post_load, pre_load, validate, validates_schema

from services.common.schemas import CommandSchema, ENTITY_ID, EventDataSchema, KeysetPageQuery, PageQuery, code_field
from services.feedback.domain.enums import (STAFF_CHANNELS, UPDATABLE_STATUSES, Channel, FeedbackKind,
                                           FeedbackStatus, ProcedureDomain, SubmitterType)

# Vietnamese phone numbers: +84 or 0, then 9-10 digits (separators are removed before checking).
PHONE = validate.Regexp(r"^(\+84|0)[0-9]{9,10}$", error="a Vietnamese phone number: 0 or +84 then 9-10 digits")
PHONE_SEPARATORS = re.compile(r"[\s.()-]")
PROCEDURE_CODE = validate.Regexp(r"^[A-Za-z0-9._-]{1,60}$", error="letters, digits, '.', '_' or '-' only")
# Control characters and unpaired surrogates are refused for every command by CommandSchema;
# everything else (HTML included) is plain text.
SUBMITTER_FIELDS = ("submitter_type", "name", "address", "phone", "email")


def plain_text(min_length, max_length, **kwargs):
    """Text stored exactly as given; at least `min_length` characters that are not blank."""
    def check(value):
        if len(value.strip()) < min_length:
            raise ValidationError("at least {} non-blank characters required".format(min_length))
    return fields.String(validate=[validate.Length(max=max_length), check], **kwargs)


def optional_id():
    return fields.String(load_default=None, allow_none=True, validate=ENTITY_ID)


# --- commands and queries ---------------------------------------------------------------------
class SubmitFeedback(CommandSchema):
    submitter_type = code_field(SubmitterType, required=True)
    name = plain_text(1, 200, required=True)
    address = plain_text(1, 300, required=True)
    phone = fields.String(required=True, validate=PHONE)
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))
    channel = code_field(Channel, load_default=Channel.DIEN_TU.value)
    kind = code_field(FeedbackKind, required=True)
    title = plain_text(1, 200, required=True)
    content = plain_text(10, 5000, required=True)
    target_unit_id = fields.String(required=True, validate=ENTITY_ID)
    official_id = optional_id()
    procedure_code = fields.String(load_default=None, allow_none=True, validate=PROCEDURE_CODE)
    procedure_domain = code_field(ProcedureDomain, load_default=None, allow_none=True)

    @pre_load
    def normalise_phone(self, data, **kwargs):
        if isinstance(data, dict) and isinstance(data.get("phone"), str):
            data = dict(data, phone=PHONE_SEPARATORS.sub("", data["phone"]))
        return data

    @post_load
    def group_submitter(self, data, **kwargs):
        """The contact data travels as one `submitter` record (personal data, rule 11)."""
        submitter = {key: data.pop(key) for key in SUBMITTER_FIELDS}
        submitter["type"] = submitter.pop("submitter_type")
        return dict(data, submitter=submitter)


class RecordFeedback(SubmitFeedback):
    """Staff recording an item received by post, phone, at the desk or at a dialogue (rule 9 applies alike)."""
    channel = code_field(sorted(STAFF_CHANNELS), required=True)
    received_on = fields.Date(required=True)


def note_field(required=False):
    return plain_text(1, 2000, required=required, **({} if required else {"load_default": None, "allow_none": True}))


class ClassifyFeedback(CommandSchema):
    kind = code_field(FeedbackKind, required=True)
    procedure_domain = code_field(ProcedureDomain, load_default=None, allow_none=True)
    procedure_code = fields.String(load_default=None, allow_none=True, validate=PROCEDURE_CODE)
    note = note_field()


class AssignFeedback(CommandSchema):
    unit_id = fields.String(required=True, validate=ENTITY_ID)
    officer_id = fields.String(required=True, validate=ENTITY_ID)
    note = note_field()


class ChangeFeedbackSubject(CommandSchema):
    """Attach or correct the official and/or the unit the feedback is about; `official_id: null` detaches.
    A field left out stays as it is; at least one is given."""
    official_id = fields.String(allow_none=True, validate=ENTITY_ID,
                                metadata={"description": "the official concerned; null: none"})
    target_unit_id = fields.String(validate=ENTITY_ID, metadata={"description": "the unit concerned"})
    reason = plain_text(1, 2000, required=True)

    @validates_schema
    def names_something(self, data, **kwargs):
        if "official_id" not in data and "target_unit_id" not in data:
            raise ValidationError({"official_id": ["give official_id and/or target_unit_id"]})


class UpdateFeedbackStatus(CommandSchema):
    status = code_field(sorted(UPDATABLE_STATUSES), required=True)
    note = note_field(required=True)


class PublishFeedback(CommandSchema):
    summary = plain_text(10, 5000, load_default=None, allow_none=True)
    published_on = fields.Date(load_default=None, allow_none=True)


SCORE = validate.Range(min=1, max=5, error="from 1 (very dissatisfied) to 5 (very satisfied)")


class RateFeedback(CommandSchema):
    """The five SIPAS aspects, each 1-5."""
    access = fields.Integer(required=True, strict=True, validate=SCORE)
    procedure = fields.Integer(required=True, strict=True, validate=SCORE)
    civil_servant = fields.Integer(required=True, strict=True, validate=SCORE)
    result = fields.Integer(required=True, strict=True, validate=SCORE)
    feedback_handling = fields.Integer(required=True, strict=True, validate=SCORE)
    comment = plain_text(1, 1000, load_default=None, allow_none=True)


class PeriodQuery(CommandSchema):
    from_ = fields.Date(data_key="from", load_default=None)
    to = fields.Date(load_default=None)

    @validates_schema
    def ordered(self, data, **kwargs):
        if data.get("from_") and data.get("to") and data["from_"] > data["to"]:
            raise ValidationError({"to": ["must not be before from"]})


class PublishedQuery(PageQuery, PeriodQuery):
    unit_id = fields.String(validate=ENTITY_ID)
    procedure_code = fields.String(validate=PROCEDURE_CODE)
    procedure_domain = code_field(ProcedureDomain)


class StatisticsQuery(PeriodQuery):
    unit_id = fields.String(validate=ENTITY_ID)


class RecordDialogue(CommandSchema):
    unit_id = fields.String(required=True, validate=ENTITY_ID)
    held_on = fields.Date(required=True)
    chair = plain_text(1, 200, required=True)
    participant_count = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=100000))
    title = plain_text(1, 300, required=True)
    location = plain_text(1, 300, load_default=None, allow_none=True)
    feedback_ids = fields.List(fields.String(validate=ENTITY_ID), load_default=list, validate=validate.Length(max=500))


class ListDialoguesQuery(PageQuery, PeriodQuery):
    unit_id = fields.String(validate=ENTITY_ID)


class DialogueRef(CommandSchema):
    dialogue_id = fields.String(required=True, validate=ENTITY_ID)


class AnswerFeedback(CommandSchema):
    answer = plain_text(1, 10000, required=True)
    substantiated = fields.Boolean(load_default=False)
    answered_on = fields.Date(load_default=None, allow_none=True)


class ListFeedbackQuery(KeysetPageQuery):
    unit_id = fields.String(validate=ENTITY_ID)
    status = code_field(FeedbackStatus)
    kind = code_field(FeedbackKind)
    official_id = fields.String(validate=ENTITY_ID)
    channel = code_field(Channel)
    procedure_domain = code_field(ProcedureDomain)
    officer_id = fields.String(validate=ENTITY_ID)
    overdue = fields.Boolean()


class FeedbackRef(CommandSchema):
    feedback_id = fields.String(required=True, validate=ENTITY_ID)


class OfficialRef(CommandSchema):
    official_id = fields.String(required=True, validate=ENTITY_ID)


# --- views (staff, public, statistics) --------------------------------------------------------
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


class SubjectChangeView(EventDataSchema):
    changed_on = fields.Date()
    changed_by = fields.String()
    reason = fields.String()
    official_id_from = fields.String(allow_none=True)
    official_id_to = fields.String(allow_none=True)
    unit_id_from = fields.String()
    unit_id_to = fields.String()


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
    subject_changes = fields.List(fields.Nested(SubjectChangeView))   # who attached/corrected the official, unit


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
