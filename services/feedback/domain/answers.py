"""Answering feedback, and when a substantiated answer concerns an official (docs/architecture.md flow 3).

An answer is given once, to feedback the agency still owes an answer on (an open status).
It is on time when given on or before the due day (rule 9, see domain.deadlines); the result is
then owed a publication within 2 working days.
`substantiated` means the feedback proved well-founded. Only when it also names an official does
it announce `feedback_substantiated` (personnel then opens a review of that official); a
substantiated feedback about a regulation or procedure, with no official named, is recorded as
substantiated and announced in `feedback_answered` only.
"""
from dataclasses import replace

from services.common.dates import not_after_today
from services.common.errors import Conflict, Invalid
from services.feedback.domain.deadlines import DeadlinePolicy, with_open_deadlines
from services.feedback.domain.enums import OPEN_STATUSES, FeedbackStatus
from services.feedback.domain.events import FeedbackAnswered, FeedbackSubstantiated
from services.feedback.domain.model import Answer, StatusChange


def answer(feedback, text, substantiated, answered_on, today, policy=DeadlinePolicy()):
    if feedback.status not in OPEN_STATUSES:
        raise Conflict("feedback {} cannot be answered: it is {}".format(feedback.id, feedback.status.value),
                       fields={"status": [feedback.status.value]})
    if answered_on < feedback.last_change_on():
        raise Invalid("an answer cannot precede the feedback or its last status change", fields={"answered_on": [
            "must not be before {}".format(feedback.last_change_on())]})
    not_after_today(answered_on, today, "answered_on", "the answer")
    on_time = answered_on <= feedback.answer_due
    answered = with_open_deadlines(replace(
        feedback, status=FeedbackStatus.ANSWERED, answer=Answer(text, answered_on, bool(substantiated), on_time),
        history=[*feedback.history, StatusChange(FeedbackStatus.ANSWERED, answered_on)]), policy)
    events = [FeedbackAnswered(
        subject=feedback.id, feedback_id=feedback.id, unit_id=feedback.target_unit_id,
        official_id=feedback.official_id, answered_on=answered_on,
        substantiated=bool(substantiated), on_time=on_time)]
    if substantiated and feedback.official_id:
        events.append(FeedbackSubstantiated(
            subject=feedback.id, feedback_id=feedback.id, official_id=feedback.official_id,
            unit_id=feedback.target_unit_id, answered_on=answered_on,
            # the title only: never the submitter's contact data (rule 11)
            summary=feedback.title))
    return answered, events
