"""Handling an open feedback: classification, assignment, status updates (rule 9).

Every handling step is a status change the submitter sees when tracking, so each one also meets
the "status update at least every 7 days" deadline (domain.deadlines) and restarts its clock.
"""
from dataclasses import replace

from services.common.errors import Conflict, Invalid
from services.feedback.domain import intake
from services.feedback.domain.deadlines import with_open_deadlines
from services.feedback.domain.enums import OPEN_STATUSES, UPDATABLE_STATUSES, FeedbackStatus
from services.feedback.domain.events import FeedbackAssigned
from services.feedback.domain.model import Assignment, StatusChange


def _require_open(feedback, action, also=()):
    if feedback.status not in OPEN_STATUSES and feedback.status not in also:
        raise Conflict("feedback {} cannot be {}: it is {}".format(feedback.id, action, feedback.status.value),
                       fields={"status": [feedback.status.value]})


def _changed(feedback, status, on, note, policy, **changes):
    if on < feedback.last_change_on():
        raise Invalid("a change cannot precede the last one",
                      fields={"on": ["must not be before {}".format(feedback.last_change_on())]})
    history = [*feedback.history, StatusChange(status, on, note)]
    return with_open_deadlines(replace(feedback, status=status, history=history, **changes), policy)


def classify(feedback, kind, procedure_domain, procedure_code, note, on, policy):
    """Confirm or correct the kind and the procedure concerned.

    A complaint or denunciation found among feedback leaves scope (routed elsewhere, no deadline);
    an item wrongly received as one comes back into scope with the answer deadline counted from
    receipt, because the agency had it since then.
    """
    _require_open(feedback, "classified", also=(FeedbackStatus.OUT_OF_SCOPE,))
    status, answer_due, routed_to = intake.scope_of(kind, feedback.received_on, policy)
    if status == FeedbackStatus.RECEIVED:
        status = FeedbackStatus.CLASSIFIED
        answer_due = feedback.answer_due or answer_due
    return _changed(feedback, status, on, note, policy, kind=kind, answer_due=answer_due, routed_to=routed_to,
                    procedure_domain=procedure_domain or feedback.procedure_domain,
                    procedure_code=procedure_code or feedback.procedure_code), []


def assign(feedback, unit_id, unit, officer_id, officer, note, on, policy):
    """Hand the feedback to a unit in force and one of its officials -> FORWARDED, `feedback_assigned`.
    `unit` and `officer`: what the projections know of the ids given (None: nothing)."""
    _require_open(feedback, "assigned")
    errors = intake.check_unit(unit, unit_id, on, field="unit_id")
    if officer is None:
        errors["officer_id"] = ["official {} not found".format(officer_id)]
    elif unit is not None and officer.unit_id != unit.id:
        errors["officer_id"] = ["official {} does not work in unit {}".format(officer.id, unit.id)]
    if errors:
        raise Invalid("the feedback cannot be assigned", fields=errors)
    assignment = Assignment(unit.id, unit.name, officer.id, officer.full_name, on)
    assigned = _changed(feedback, FeedbackStatus.FORWARDED, on, note, policy, assignment=assignment)
    return assigned, [FeedbackAssigned(subject=feedback.id, feedback_id=feedback.id, unit_id=unit.id,
                                       officer=officer.id, assigned_on=on)]


def update_status(feedback, status, note, on, policy):
    """A progress note to the submitter (FORWARDED or IN_PROGRESS; the same status again is fine)."""
    _require_open(feedback, "updated")
    if status not in UPDATABLE_STATUSES:
        raise Invalid("not a status to set by an update", fields={"status": [
            "one of {}; answer, publication and classification have their own commands".format(
                ", ".join(sorted(UPDATABLE_STATUSES)))]})
    return _changed(feedback, status, on, note, policy), []
