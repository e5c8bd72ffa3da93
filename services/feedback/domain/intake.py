"""Receiving feedback (phản ánh, kiến nghị): scope, routing and the answer deadline (docs/domain.md rule 9).

Legal basis: Decree 20/2008/ND-CP on receiving and handling feedback on administrative
regulations, as amended by Decree 92/2017/ND-CP (in force from 2017, still applied); deadlines
from Circular 02/2017/TT-VPCP. Complaints and denunciations are not feedback under that decree:
they are recorded, marked OUT_OF_SCOPE with where they belong, and get no answer deadline.
"""
from dataclasses import replace

from services.common.dates import future_date_problem
from services.common.errors import Invalid
from services.feedback.domain.deadlines import DeadlinePolicy, with_open_deadlines
from services.feedback.domain.enums import Deadline, FeedbackKind, FeedbackStatus
from services.feedback.domain.events import FeedbackReceived
from services.feedback.domain.model import StatusChange

# The answer deadline (20 days, calendar or working: configurable) is in domain.deadlines.
DEFAULT_POLICY = DeadlinePolicy()

# Where out-of-scope submissions belong (docs/domain.md rule 9).
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


def check_unit(unit, unit_id, day, field="target_unit_id"):
    """The unit must be known and in force on `day` (units are effective-dated)."""
    if unit is None:
        return {field: ["unit {} not found".format(unit_id)]}
    if not unit.is_valid_on(day):
        return {field: ["unit {} is not in force on {}".format(unit.id, day)]}
    return {}


def scope_of(kind, received_on, policy):
    """(status, answer_due, routed_to) for a kind of submission."""
    if is_in_scope(kind):
        return FeedbackStatus.RECEIVED, policy.due(Deadline.ANSWER, received_on), None
    return FeedbackStatus.OUT_OF_SCOPE, None, ROUTING[kind]


def receive(feedback, unit, official, policy=DEFAULT_POLICY, today=None):
    """Accept a submission addressed to `unit` (and about `official`, when one is named).

    `unit`/`official` are the projections found for the ids given (None when unknown). The target
    unit must exist and be in force on the day of receipt (units are effective-dated). The named
    official need not belong to the target unit: the agency answering is not always the employer.
    """
    errors = check_unit(unit, feedback.target_unit_id, feedback.received_on)
    if future_date_problem(feedback.received_on, today):
        errors["received_on"] = [future_date_problem(feedback.received_on, today)]
    if feedback.official_id is not None and official is None:
        errors["official_id"] = ["official {} not found".format(feedback.official_id)]
    if errors:
        raise Invalid("the feedback cannot be received", fields=errors)

    status, due, routed_to = scope_of(feedback.kind, feedback.received_on, policy)
    received = with_open_deadlines(replace(
        feedback, status=status, answer_due=due, routed_to=routed_to, target_unit_name=unit.name, answer=None,
        history=[StatusChange(status, feedback.received_on)]), policy)
    return received, [received_event(received)]


def received_event(feedback):
    """No personal data travels in events (rule 11): ids, codes and dates only."""
    return FeedbackReceived(
        subject=feedback.id, feedback_id=feedback.id, unit_id=feedback.target_unit_id,
        official_id=feedback.official_id, kind=feedback.kind, channel=feedback.channel,
        status=feedback.status, received_on=feedback.received_on, answer_due=feedback.answer_due)
