"""Feedback boundaries: commands in, views out, events published and consumed."""
import re

from marshmallow import ValidationError, fields, post_load, pre_load, validate

from services.common.schemas import CommandSchema, EventDataSchema, PageQuery, code_field
from services.feedback.domain.enums import Channel, FeedbackKind, FeedbackStatus, SubmitterType

ID = validate.Length(min=1, max=64)
# Vietnamese phone numbers: +84 or 0, then 9-10 digits (separators are removed before checking).
PHONE = validate.Regexp(r"^(\+84|0)[0-9]{9,10}$", error="a Vietnamese phone number: 0 or +84 then 9-10 digits")
PHONE_SEPARATORS = re.compile(r"[\s.()-]")
PROCEDURE_CODE = validate.Regexp(r"^[A-Za-z0-9._-]{1,60}$", error="letters, digits, '.', '_' or '-' only")
# Control characters other than tab/newline are refused; everything else (HTML included) is plain text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SUBMITTER_FIELDS = ("submitter_type", "name", "address", "phone", "email")


def plain_text(min_length, max_length, **kwargs):
    """Text stored exactly as given; at least `min_length` characters that are not blank."""
    def check(value):
        if len(value.strip()) < min_length:
            raise ValidationError("at least {} non-blank characters required".format(min_length))
        if CONTROL.search(value):
            raise ValidationError("control characters are not allowed")
    return fields.String(validate=[validate.Length(max=max_length), check], **kwargs)


def optional_id():
    return fields.String(load_default=None, allow_none=True, validate=ID)


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
    target_unit_id = fields.String(required=True, validate=ID)
    official_id = optional_id()
    procedure_code = fields.String(load_default=None, allow_none=True, validate=PROCEDURE_CODE)

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


class AnswerFeedback(CommandSchema):
    answer = plain_text(1, 10000, required=True)
    substantiated = fields.Boolean(load_default=False)
    answered_on = fields.Date(load_default=None, allow_none=True)


class ListFeedbackQuery(PageQuery):
    unit_id = fields.String(validate=ID)
    status = code_field(FeedbackStatus)
    kind = code_field(FeedbackKind)
    official_id = fields.String(validate=ID)


class FeedbackRef(CommandSchema):
    feedback_id = fields.String(required=True, validate=ID)


class OfficialRef(CommandSchema):
    official_id = fields.String(required=True, validate=ID)


# --- views ------------------------------------------------------------------------------------
class StatusChangeView(EventDataSchema):
    status = fields.String()
    at = fields.Date()


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


class FeedbackView(FeedbackSummaryView):
    """The full record, for feedback staff: content, contact data, tracking code, history."""
    tracking_code = fields.String()
    content = fields.String()
    submitter = fields.Nested(SubmitterView)
    history = fields.List(fields.Nested(StatusChangeView))


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


# --- events published (the catalog of feedback.events): never any personal data --------------
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


PUBLISHED_EVENTS = {
    "feedback_received": FeedbackReceived,
    "feedback_answered": FeedbackAnswered,
    "feedback_substantiated": FeedbackSubstantiated,
}


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
