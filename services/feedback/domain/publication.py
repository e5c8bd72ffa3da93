"""Publishing answered feedback with the submitter's personal data masked (rules 9 and 11).

Rule 9: the result is published within 2 working days of the answer (domain.deadlines). Rule 11
(Law 91/2025/QH15, Decree 356/2025/ND-CP): petitioners' personal data is masked wherever published.
The published question is the submitter's text with their own name, phone, e-mail and address
masked where they appear, and any other phone number or e-mail address masked too; staff may
publish their own summary instead. The answer is the agency's text, published as written.
"""
import re
from dataclasses import replace

from services.common.errors import Conflict, Invalid
from services.feedback.domain.deadlines import with_open_deadlines
from services.feedback.domain.enums import FeedbackStatus
from services.feedback.domain.events import FeedbackPublished
from services.feedback.domain.model import Publication, StatusChange
from services.feedback.domain.privacy import mask_email, mask_name, mask_phone

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)(\+84|0)[\s.-]?\d(?:[\s.-]?\d){7,9}(?!\w)")
ADDRESS_MASK = "[địa chỉ đã ẩn]"


def mask_text(text, submitter):
    """The text with the submitter's identifying data, and any phone or e-mail, masked."""
    for value, masked in ((submitter.name, mask_name(submitter.name)), (submitter.address, ADDRESS_MASK)):
        if value and value.strip():
            text = re.sub(re.escape(value.strip()), masked, text, flags=re.IGNORECASE)
    text = EMAIL.sub(lambda match: mask_email(match.group(0)), text)
    return PHONE.sub(lambda match: mask_phone(re.sub(r"\D", "", match.group(0))), text)


def publish(feedback, summary, on, today, policy):
    if feedback.status != FeedbackStatus.ANSWERED:
        raise Conflict("only an answered feedback can be published; it is {}".format(feedback.status.value),
                       fields={"status": [feedback.status.value]})
    if on < feedback.answer.answered_on or on > today:
        raise Invalid("the publication date is out of range", fields={"published_on": [
            "between the answer {} and today {}".format(feedback.answer.answered_on, today)]})
    content = mask_text(summary if summary else feedback.content, feedback.submitter)
    on_time = on <= feedback.publication_due if feedback.publication_due else True
    published = with_open_deadlines(replace(
        feedback, status=FeedbackStatus.PUBLISHED, publication=Publication(content, on, on_time),
        history=[*feedback.history, StatusChange(FeedbackStatus.PUBLISHED, on)]), policy)
    return published, [FeedbackPublished(subject=feedback.id, feedback_id=feedback.id,
                                          unit_id=feedback.target_unit_id, published_on=on, on_time=on_time)]


def published_view(feedback):
    """What anyone may read: no contact data, no tracking code, no official named, the masked question."""
    return {
        "id": feedback.id, "kind": feedback.kind, "title": mask_text(feedback.title, feedback.submitter),
        "content": feedback.publication.content, "submitter_type": feedback.submitter.type,
        "submitter_name": mask_name(feedback.submitter.name), "target_unit_id": feedback.target_unit_id,
        "target_unit_name": feedback.target_unit_name, "procedure_code": feedback.procedure_code,
        "procedure_domain": feedback.procedure_domain, "received_on": feedback.received_on,
        "answer": feedback.answer.text, "answered_on": feedback.answer.answered_on,
        "published_on": feedback.publication.published_on,
    }
