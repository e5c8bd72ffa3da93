"""Service commitments and repayment (bồi hoàn) of degree and postgraduate training (rule 8).

The official commits to serve `multiplier` (3) x the training time after completing the course.
Leaving during the training or failing it: the whole of the tuition and course costs is owed.
Leaving after completion but before the committed period ends: those costs pro rata of the
unserved part of the period. Salary is never repaid (docs/domain.md rule 8, Decree 171/2025; before
1 Jul 2025 Decree 101/2017). Amounts are whole VND, rounded half up.
"""
from dataclasses import replace
from datetime import timedelta

from services.training.domain.enums import CommitmentStatus, CourseKind, RepaymentReason
from services.training.domain.events import TrainingRepaymentRequired
from services.training.domain.model import Commitment, Repayment

COMMITTED_KINDS = (CourseKind.POSTGRADUATE, CourseKind.DEGREE)
# Separation reasons that owe nothing. Not confirmed in docs/domain.md: a humane default, kept here so
# it is corrected in one place. Every other reason (resignation, dismissal, transfer out...) owes.
EXEMPT_SEPARATIONS = frozenset({"DEATH"})


def new_commitment(course, rules):
    if course.kind not in COMMITTED_KINDS:
        return None
    days = course.training_days()
    return Commitment(multiplier=rules.commitment_multiplier, training_days=days,
                      committed_days=rules.commitment_multiplier * days,
                      costs=course.tuition + course.other_costs, legal_basis=rules.legal_basis)


def pro_rata(costs, committed_days, unserved_days):
    return (costs * unserved_days * 2 + committed_days) // (2 * committed_days)


def _left(commitment):
    """Whether a repayment is due because the official left (a result correction cannot undo that)."""
    return commitment.repayment is not None and commitment.repayment.reason != RepaymentReason.FAILED


def on_completed(commitment, completed_on):
    """Completion starts the committed period (and clears a repayment a failure had made due)."""
    if commitment is None or commitment.status == CommitmentStatus.RELEASED or _left(commitment):
        return commitment
    return replace(commitment, status=CommitmentStatus.SERVING, service_from=completed_on,
                   service_until=completed_on + timedelta(days=commitment.committed_days), repayment=None)


def on_failed(commitment, failed_on):
    """Failing owes the whole costs (also when a pro rata repayment was due for leaving)."""
    if commitment is None or commitment.status == CommitmentStatus.RELEASED:
        return commitment
    if commitment.repayment is not None and commitment.repayment.amount == commitment.costs:
        return commitment
    return _owe(commitment, RepaymentReason.FAILED, failed_on, commitment.costs, commitment.committed_days)


def on_separated(commitment, separated_on, reason):
    """The commitment after the official left on `separated_on`; unchanged when nothing changes."""
    if commitment is None or commitment.status in (CommitmentStatus.RELEASED, CommitmentStatus.REPAYMENT_DUE):
        return commitment
    if reason in EXEMPT_SEPARATIONS:
        return replace(commitment, status=CommitmentStatus.RELEASED)
    if commitment.status == CommitmentStatus.TRAINING:
        return _owe(commitment, RepaymentReason.LEFT_DURING_TRAINING, separated_on, commitment.costs,
                    commitment.committed_days)
    unserved = (commitment.service_until - separated_on).days
    if unserved <= 0:
        return replace(commitment, status=CommitmentStatus.FULFILLED)
    unserved = min(unserved, commitment.committed_days)
    return _owe(commitment, RepaymentReason.LEFT_BEFORE_COMMITMENT_END, separated_on,
                pro_rata(commitment.costs, commitment.committed_days, unserved), unserved)


def released(commitment):
    return None if commitment is None else replace(commitment, status=CommitmentStatus.RELEASED, repayment=None)


def status_on(commitment, day):
    """SERVING turns FULFILLED by itself once the period is over."""
    if commitment.status == CommitmentStatus.SERVING and commitment.service_until <= day:
        return CommitmentStatus.FULFILLED
    return commitment.status


def _owe(commitment, reason, due_from, amount, unserved_days):
    repayment = Repayment(amount=amount, reason=reason.value, due_from=due_from, costs=commitment.costs,
                          committed_days=commitment.committed_days, unserved_days=unserved_days,
                          legal_basis=commitment.legal_basis)
    return replace(commitment, status=CommitmentStatus.REPAYMENT_DUE, repayment=repayment)


def repayment_events(before, enrollment):
    """training_repayment_required when this change made a repayment due."""
    after = enrollment.commitment
    if after is None or after.repayment is None or (before is not None and before.repayment == after.repayment):
        return []
    repayment = after.repayment
    return [TrainingRepaymentRequired(
        subject=enrollment.id, enrollment_id=enrollment.id, official_id=enrollment.official_id,
        course_id=enrollment.course_id, amount=repayment.amount, reason=repayment.reason,
        due_from=repayment.due_from, costs=repayment.costs,
        committed_days=repayment.committed_days, unserved_days=repayment.unserved_days,
        legal_basis=repayment.legal_basis)]
