"""What the public may see of a feedback: its progress, with the submitter's data masked (rule 11).

Law 91/2025/QH15 and Decree 356/2025/ND-CP (from 1 Jan 2026; Decree 13/2023 before): petitioners'
personal data is masked wherever published. The address is never shown; the named official and
the staff-only answer details (substantiated) are not shown either.
"""
from services.feedback.domain.enums import ANSWERED_STATUSES

MASK = "*"
VISIBLE_PHONE_DIGITS = 3
MAX_MASK_RUN = 3                 # a word's length is not revealed beyond this many stars


def mask_name(name):
    """'Nguyễn Văn A' -> 'N*** V** A': each word keeps its first letter."""
    return " ".join(word[0] + MASK * min(len(word) - 1, MAX_MASK_RUN) for word in name.split())


def mask_phone(phone):
    """'0912345789' -> '*******789'."""
    hidden = max(len(phone) - VISIBLE_PHONE_DIGITS, 0)
    return MASK * hidden + phone[hidden:]


def mask_email(email):
    """'an.nguyen@example.com' -> 'a***@example.com'."""
    if not email:
        return None
    local, _, domain = email.partition("@")
    return local[:1] + MASK * MAX_MASK_RUN + "@" + domain


def public_view(feedback):
    """The tracking view: status and history, the answer once given, masked contact data."""
    answer = feedback.answer
    return {
        "tracking_code": feedback.tracking_code,
        "status": feedback.status,
        "kind": feedback.kind,
        "channel": feedback.channel,
        "title": feedback.title,
        "target_unit_name": feedback.target_unit_name,
        "received_on": feedback.received_on,
        "answer_due": feedback.answer_due,
        "routed_to": feedback.routed_to,
        "history": [{"status": change.status, "at": change.at, "note": change.note} for change in feedback.history],
        "answer": {"text": answer.text, "answered_on": answer.answered_on} if answer else None,
        "update_due": feedback.update_due,
        "published_on": feedback.publication.published_on if feedback.publication else None,
        "can_rate": feedback.status in ANSWERED_STATUSES and feedback.rating is None,
        "rating": feedback.rating,
        "submitter": {
            "type": feedback.submitter.type,
            "name": mask_name(feedback.submitter.name),
            "phone": mask_phone(feedback.submitter.phone),
            "email": mask_email(feedback.submitter.email),
        },
    }
