"""Receiving feedback (phản ánh, kiến nghị): scope, routing and the answer deadline (DOMAIN rule 9).

Legal basis: Decree 20/2008/ND-CP on receiving and handling feedback on administrative
regulations, as amended by Decree 92/2017/ND-CP (in force from 2017, still applied); deadlines
from Circular 02/2017/TT-VPCP. Complaints and denunciations are not feedback under that decree:
they are recorded, marked OUT_OF_SCOPE with where they belong, and get no answer deadline.
"""
from dataclasses import replace
from datetime import timedelta

from services.common.domain_event import DomainEvent
from services.common.errors import Invalid
from services.feedback.domain.enums import FeedbackKind, FeedbackStatus
from services.feedback.domain.model import StatusChange

# Answer within 20 days of receipt (Circular 02/2017/TT-VPCP; DOMAIN rule 9).
# Counted in CALENDAR days for now: whether the 20 days are calendar or working days is unconfirmed,
# so a later issue makes this configurable together with the working-day calendar.
ANSWER_DAYS = 20

# Where out-of-scope submissions belong (DOMAIN rule 9).
ROUTING = {
    FeedbackKind.COMPLAINT: (
        "Khiếu nại (complaint): out of scope of Decree 20/2008/ND-CP (am. Decree 92/2017/ND-CP); "
        "handled under the Law on Complaints 2011 by the agency that made the contested "
        "administrative decision or act."),
    FeedbackKind.DENUNCIATION: (
        "Tố cáo (denunciation): out of scope of Decree 20/2008/ND-CP (am. Decree 92/2017/ND-CP); "
        "handled under the Law on Denunciations 2018 by the competent authority."),
}


def is_in_scope(kind):
    return kind not in ROUTING


def answer_due(received_on, days=ANSWER_DAYS):
    return received_on + timedelta(days=days)


def receive(feedback, unit, official):
    """Accept a submission addressed to `unit` (and about `official`, when one is named).

    `unit`/`official` are the projections found for the ids given (None when unknown). The target
    unit must exist and be in force on the day of receipt (units are effective-dated). The named
    official need not belong to the target unit: the agency answering is not always the employer.
    """
    errors = {}
    if unit is None:
        errors["target_unit_id"] = ["unit {} not found".format(feedback.target_unit_id)]
    elif not unit.is_valid_on(feedback.received_on):
        errors["target_unit_id"] = ["unit {} is not in force on {}".format(unit.id, feedback.received_on)]
    if feedback.official_id is not None and official is None:
        errors["official_id"] = ["official {} not found".format(feedback.official_id)]
    if errors:
        raise Invalid("the feedback cannot be received", fields=errors)

    if is_in_scope(feedback.kind):
        status, due, routed_to = FeedbackStatus.RECEIVED, answer_due(feedback.received_on), None
    else:
        status, due, routed_to = FeedbackStatus.OUT_OF_SCOPE, None, ROUTING[feedback.kind]
    received = replace(feedback, status=status, answer_due=due, routed_to=routed_to,
                       target_unit_name=unit.name, answer=None,
                       history=[StatusChange(status, feedback.received_on)])
    return received, [received_event(received)]


def received_event(feedback):
    """No personal data travels in events (rule 11): ids, codes and dates only."""
    return DomainEvent("feedback_received", feedback.id, {
        "feedback_id": feedback.id, "unit_id": feedback.target_unit_id,
        "official_id": feedback.official_id, "kind": feedback.kind, "channel": feedback.channel,
        "status": feedback.status, "received_on": feedback.received_on,
        "answer_due": feedback.answer_due})
