"""Review cases (xem xét trách nhiệm) opened by failed inspections and substantiated feedback.

Law 84/2025/QH15 (inspection, from 1 Jul 2025; Law 11/2022 before): a finding against an
individual opens a review that may lead to discipline (docs/domain.md rule 10). A case's id is derived
from its origin, so the same origin never opens two cases for one official.
States: OPEN -> INVESTIGATING -> DECIDED. Deadline: 90 days, extendable to 150 (Decree 172/2025,
docs/domain.md rule 6); a case opened by a NOT_COMPLETED rating takes the time limit of the law in force on
the rating's day (not_completed_rules: 30 days from 1 Jul 2025, Law 80/2025 art. 27; Decree 170/2025
art. 57(3), docs/domain.md rule 5; none known before).
"""
import hashlib
from dataclasses import replace
from datetime import timedelta

from services.common.errors import Conflict, Invalid
from services.personnel.domain.enums import ReviewOrigin, ReviewOutcome, ReviewStatus
from services.personnel.domain.events import NeedNamed, ReviewDecided, ReviewOpened, ReviewOverdue
from services.personnel.domain.history import Decision
from services.personnel.domain.model import ReviewCase
from services.personnel.domain.not_completed_rules import consequence, not_completed_rules_on

HANDLING_DAYS, EXTENDED_DAYS = 90, 150


def deadline_for(origin, opened_on, extended=False):
    if origin == ReviewOrigin.EVALUATION:
        days = not_completed_rules_on(opened_on).decision_days
        return opened_on + timedelta(days=days) if days is not None else None
    return opened_on + timedelta(days=EXTENDED_DAYS if extended else HANDLING_DAYS)


def review_id(origin, origin_ref, official_id):
    digest = hashlib.sha1("{}|{}|{}".format(origin.value, origin_ref, official_id).encode()).hexdigest()
    return "rv-" + digest[:16]


def open_review(official, origin, origin_ref, reason, opened_on):
    case = ReviewCase(id=review_id(origin, origin_ref, official.id), official_id=official.id,
                      unit_id=official.unit_id, origin=origin, origin_ref=origin_ref,
                      reason=reason, opened_on=opened_on, deadline=deadline_for(origin, opened_on))
    return case, [ReviewOpened(
        subject=case.id, review_id=case.id, official_id=case.official_id, unit_id=case.unit_id,
        origin=case.origin, origin_ref=case.origin_ref, reason=case.reason, opened_on=case.opened_on)]


# Flow 2 (docs/architecture.md): only a conclusion whose result is FAILED holds officials to account.
REVIEW_OPENING_RESULTS = ("FAILED",)


def inspection_opens_reviews(result):
    """Whether an inspection concluded with `result` opens review cases (flow 2)."""
    return result in REVIEW_OPENING_RESULTS


def feedback_reason(feedback_id, summary):
    """The reason of a review opened by substantiated feedback (flow 3)."""
    return "Substantiated feedback {}: {}".format(feedback_id, summary)[:2000]


def officials_held_responsible(findings, unit_head_id):
    """Officials named by a failed inspection's findings; the unit head when none is named (flow 2)."""
    named = []
    for finding in findings:
        for official_id in finding.get("responsible_official_ids", []):
            if official_id not in named:
                named.append(official_id)
    if not named and unit_head_id:
        named.append(unit_head_id)
    return named


def inspection_reason(inspection_id, findings, official_id):
    naming = [f.get("description", "") for f in findings if official_id in f.get("responsible_official_ids", [])]
    text = "; ".join(d for d in naming if d) or "held responsible as head of the inspected unit"
    return "Failed inspection {}: {}".format(inspection_id, text)[:2000]


def start_investigation(case, started_on, investigator=None, extend=False):
    """OPEN -> INVESTIGATING; `extend` takes the deadline to 150 days for a complex case."""
    if case.status != ReviewStatus.OPEN:
        raise Conflict("review {} is {}, not OPEN".format(case.id, case.status.value),
                       fields={"status": [case.status.value]})
    if started_on < case.opened_on:
        raise Invalid("the investigation cannot start before the case was opened",
                      fields={"started_on": ["before {}".format(case.opened_on)]})
    extended = extend and case.origin != ReviewOrigin.EVALUATION
    return replace(case, status=ReviewStatus.INVESTIGATING, investigator=investigator,
                   investigation_started_on=started_on, extended=extended,
                   deadline=deadline_for(case.origin, case.opened_on, extended)), []


def decide(case, outcome, decided_on, reason, retraining_need=None, content_area=None, discipline_id=None,
           new_position_id=None):
    """INVESTIGATING -> DECIDED, announcing the outcome (docs/architecture.md flow 4)."""
    if case.status != ReviewStatus.INVESTIGATING:
        raise Conflict("review {} is {}: only a case under investigation can be decided".format(
            case.id, case.status.value), fields={"status": [case.status.value]})
    if decided_on < case.opened_on:
        raise Invalid("the decision cannot precede the case", fields={"decided_on": ["before {}".format(
            case.opened_on)]})
    if outcome == ReviewOutcome.RETRAINING and retraining_need is None and content_area is None:
        raise Invalid("a retraining outcome names what to retrain",
                      fields={"retraining_need": ["give retraining_need or content_area"]})
    if outcome != ReviewOutcome.RETRAINING:
        retraining_need, content_area = None, None
    if outcome != ReviewOutcome.REASSIGNMENT:
        new_position_id = None
    case = replace(case, status=ReviewStatus.DECIDED, outcome=outcome, decided_on=decided_on,
                   decision_reason=reason, retraining_need=retraining_need, content_area=content_area,
                   discipline_id=discipline_id, new_position_id=new_position_id)
    need = case.retraining_need
    return case, [ReviewDecided(
        subject=case.id, review_id=case.id, official_id=case.official_id, unit_id=case.unit_id,
        origin=case.origin, origin_ref=case.origin_ref, outcome=case.outcome,
        decided_on=case.decided_on, reason=case.decision_reason,
        retraining_need=NeedNamed(kind=need.kind, level=need.level) if need else None,
        content_area=case.content_area, discipline_id=case.discipline_id,
        new_position_id=case.new_position_id)]


def not_completed_case(official, rated, previous, consecutive, opened_on):
    """The decision case a NOT_COMPLETED rating opens (rule 5), dated `opened_on` (the day the rating became
    NOT_COMPLETED): each year cites the rule set it was evaluated under, the consequence the law of that
    day (two years in a row: the category's consequence, e.g. viên chức: the unit may end the contract)."""
    years = "{} ({})".format(rated.year, rated.legal_basis)
    if consecutive:
        years = "{} ({}) and {}".format(previous.year, previous.legal_basis, years)
    reason = "Rated NOT_COMPLETED in {}: {}".format(
        years, consequence(not_completed_rules_on(opened_on), rated.category, consecutive))
    return open_review(official, ReviewOrigin.EVALUATION, "evaluation:{}".format(rated.year), reason, opened_on)


def is_overdue(case, day):
    """Undecided after its deadline: the deadline day itself is still in time."""
    return case.is_open and case.deadline is not None and case.deadline < day


def flag_overdue(case, as_of):
    """Announce a case past its deadline once: the flag is written in the same document write as
    `review_overdue`, so a timer firing twice (or on two instances) adds nothing."""
    if case.overdue_notified or not is_overdue(case, as_of):
        return case, []
    return replace(case, overdue_notified=True), [ReviewOverdue(
        subject=case.id, review_id=case.id, official_id=case.official_id, unit_id=case.unit_id, origin=case.origin,
        origin_ref=case.origin_ref, status=case.status, deadline=case.deadline,
        days_overdue=(as_of - case.deadline).days, as_of=as_of)]


def reassignment_decision(review_id, decided_on):
    """The decision a REASSIGNMENT outcome moves the official by: the review's own (its placement record in the
    service history names it)."""
    return Decision(number="review:" + review_id, signer="review decision", signed_on=decided_on,
                    legal_basis="review {} decided REASSIGNMENT (docs/domain.md rule 5)".format(review_id))
