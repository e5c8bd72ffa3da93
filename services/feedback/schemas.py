"""Feedback boundaries: commands and queries in, events consumed (views: schemas_views, events: schemas_events)."""
import re

from marshmallow import ValidationError, fields, post_load, pre_load, validate, validates_schema

from services.common.schemas import CommandSchema, ENTITY_ID, EventDataSchema, PageQuery, code_field
from services.feedback.schemas_events import PUBLISHED_EVENTS  # noqa: F401  (the catalog reads it here)
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


# --- commands ---------------------------------------------------------------------------------
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


class ListFeedbackQuery(PageQuery):
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


# --- events consumed (tolerant readers) -------------------------------------------------------
class UnitCreatedIn(EventDataSchema):
    unit_id = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(allow_none=True, load_default=None)


class OfficialRegisteredIn(EventDataSchema):
    official_id = fields.String(required=True)
    full_name = fields.String(required=True)
    unit_id = fields.String(required=True)
