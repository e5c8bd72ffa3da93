"""Leadership (docs/domain.md rule 14): the selection of a leader (thi tuyển chức danh lãnh đạo: candidates,
scored rounds, the one chosen; or the nomination process, where the body names the one chosen), the appointment
(bổ nhiệm) for the term of the rule set of its day as a POST record of the service history, re-appointment
(bổ nhiệm lại) of the holder of a post whose term is ending, the notice that a term is ending
(`reappointment_due`, once per post and term), and removal from post (miễn nhiệm: history.end_post)."""
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from services.common.errors import Conflict, Invalid, RuleViolation
from services.personnel.domain import history
from services.personnel.domain.careers_rules import (COMPETITIVE_ROUNDS, AppointmentKind, SelectionMethod,
                                                     appointment_rule_set_on, term_end, unpassed_earlier_round)
from services.personnel.domain.enums import HistoryKind, OfficialStatus
from services.personnel.domain.events import LeaderSelected, LeaderSelectionOpened, ReappointmentDue
from services.personnel.domain.recruitment import RoundScore
from services.personnel.domain.units import require_in_force


class SelectionStatus(StrEnum):
    OPEN = "OPEN"            # Đang nhận hồ sơ / tổ chức thi tuyển
    DECIDED = "DECIDED"      # Đã bổ nhiệm người trúng tuyển


@dataclass(frozen=True)
class SelectionCandidate:
    official_id: str
    applied_on: date
    scores: list[RoundScore] = field(default_factory=list)

    def score_of(self, number):
        return next((s.score for s in self.scores if s.round == number), None)

    def total(self, rounds):
        held = [self.score_of(r.number) for r in rounds]
        if any(score is None or score < r.pass_mark for score, r in zip(held, rounds)):
            return None
        return sum(held)


@dataclass(frozen=True)
class Selection:
    id: str
    unit_id: str
    post_title: str
    method: SelectionMethod
    announced_on: date
    application_deadline: date
    decision_ref: str
    legal_basis: str = ""
    candidates: list[SelectionCandidate] = field(default_factory=list)
    status: SelectionStatus = SelectionStatus.OPEN
    chosen_official_id: str | None = None
    record_id: str | None = None
    decided_on: date | None = None

    @property
    def rounds(self):
        return COMPETITIVE_ROUNDS if self.method == SelectionMethod.COMPETITIVE else ()

    def candidate(self, official_id):
        found = next((c for c in self.candidates if c.official_id == official_id), None)
        if found is None:
            raise Invalid("not a candidate of selection {}".format(self.id),
                          fields={"official_id": ["{} did not apply".format(official_id)]})
        return found


COMPETITIVE_BASIS = ("competitive selection of leaders (thi tuyển chức danh lãnh đạo, quản lý): Conclusion 86-KL/TW "
                     "(2014) and the province's own regulation; rounds and pass mark 50 unconfirmed")


def open_selection(selection, unit):
    if selection.application_deadline < selection.announced_on:
        raise Invalid("the deadline precedes the notice", fields={"application_deadline": [
            "before announced_on {}".format(selection.announced_on)]})
    require_in_force(unit, selection.announced_on)
    rule_set = appointment_rule_set_on(selection.announced_on)
    basis = rule_set.legal_basis + ("; " + COMPETITIVE_BASIS if selection.method == SelectionMethod.COMPETITIVE
                                    else "")
    opened = replace(selection, legal_basis=basis, candidates=[], status=SelectionStatus.OPEN)
    return opened, [LeaderSelectionOpened(
        subject=opened.id, selection_id=opened.id, unit_id=opened.unit_id, post_title=opened.post_title,
        method=opened.method, announced_on=opened.announced_on, application_deadline=opened.application_deadline,
        legal_basis=opened.legal_basis)]


def _open(selection, doing):
    if selection.status != SelectionStatus.OPEN:
        raise Conflict("selection {} is {}: cannot {}".format(selection.id, selection.status.value, doing),
                       fields={"selection_id": ["selection is {}".format(selection.status.value)]})


def add_candidate(selection, official, applied_on):
    _open(selection, "take applications")
    if not selection.announced_on <= applied_on <= selection.application_deadline:
        raise Invalid("applications are taken from the notice to the deadline", fields={"applied_on": [
            "between {} and {}".format(selection.announced_on, selection.application_deadline)]})
    if official.status == OfficialStatus.SEPARATED:
        raise Invalid("the official has left the service", fields={"official_id": ["separated"]})
    if any(c.official_id == official.id for c in selection.candidates):
        raise Conflict("already a candidate", fields={"official_id": ["already applied"]})
    candidate = SelectionCandidate(official_id=official.id, applied_on=applied_on)
    return replace(selection, candidates=[*selection.candidates, candidate]), ()


def record_score(selection, official_id, number, score, scored_on):
    _open(selection, "record scores")
    if not selection.rounds or number not in [r.number for r in selection.rounds]:
        raise Invalid("not a scored round", fields={"round": ["{} scores round(s) {}".format(
            selection.method.value, ", ".join(str(r.number) for r in selection.rounds) or "none")]})
    if scored_on <= selection.application_deadline:
        raise Invalid("rounds come after the application deadline", fields={"scored_on": [
            "after {}".format(selection.application_deadline)]})
    candidate = selection.candidate(official_id)
    unpassed = unpassed_earlier_round(selection.rounds, candidate.score_of, number)
    if unpassed:
        earlier, held = unpassed
        raise RuleViolation("round {} comes after passing round {}".format(number, earlier.number),
                            rule="SELECTION_ROUNDS", legal_basis=COMPETITIVE_BASIS, fields={"round": [
                                "round {} not passed (score {})".format(earlier.number, held)]})
    scores = [s for s in candidate.scores if s.round != number] + [RoundScore(number, score, scored_on)]
    updated = replace(candidate, scores=sorted(scores, key=lambda s: s.round))
    return replace(selection, candidates=[updated if c.official_id == official_id else c
                                          for c in selection.candidates]), ()


def chosen(selection, official_id):
    """Who is appointed: competitive selection, the one with the highest total having passed every round (a tie:
    `official_id` names the head's choice among them); nomination, `official_id` (a candidate)."""
    _open(selection, "decide")
    if selection.method == SelectionMethod.NOMINATION:
        if official_id is None:
            raise Invalid("name the official chosen", fields={"official_id": ["required for a nomination"]})
        return selection.candidate(official_id).official_id
    totals = {c.official_id: c.total(selection.rounds) for c in selection.candidates}
    passed = {i: t for i, t in totals.items() if t is not None}
    if not passed:
        raise RuleViolation("no candidate passed every round", rule="SELECTION_NO_WINNER",
                            legal_basis=COMPETITIVE_BASIS, fields={"candidates": ["none passed every round"]})
    best = max(passed.values())
    top = sorted(i for i, t in passed.items() if t == best)
    if len(top) == 1 and official_id in (None, top[0]):
        return top[0]
    if len(top) > 1 and official_id in top:
        return official_id
    raise RuleViolation("the chosen one is the highest total" if len(top) == 1 else "candidates tie",
                        rule="SELECTION_RESULT", legal_basis=COMPETITIVE_BASIS,
                        fields={"official_id": ["the highest total: {} ({})".format(", ".join(top), best)]})


def decided(selection, official, record, decided_on):
    done = replace(selection, status=SelectionStatus.DECIDED, chosen_official_id=official.id, record_id=record.id,
                   decided_on=decided_on)
    return done, [LeaderSelected(
        subject=selection.id, selection_id=selection.id, unit_id=selection.unit_id, post_title=selection.post_title,
        method=selection.method, official_id=official.id, record_id=record.id,
        decision_number=record.decision.number, effective_from=record.effective_from, term_end=record.term_end,
        candidates=len(selection.candidates))]


# --- appointment and re-appointment ------------------------------------------------------------------
def appointment_record(official, kind, unit_id, post_title, effective_from, decision, term_end_given=None,
                       origin_id=None):
    """The POST record of an appointment or re-appointment, its term from the rule set of its day (a term_end
    given is kept when it is not longer than the set's term). A re-appointment needs the same post, held on the
    day before, whose term ends within the notice period or has just ended."""
    rule_set = appointment_rule_set_on(effective_from)
    end = term_end(effective_from, rule_set.term_years)
    if term_end_given is not None and term_end_given > end:
        raise RuleViolation("a term is at most {} years".format(rule_set.term_years), rule="APPOINTMENT_TERM",
                            legal_basis=rule_set.source, fields={"term_end": ["at most {}".format(end)]})
    if kind == AppointmentKind.REAPPOINTMENT:
        held = previous_term(official, unit_id, post_title, effective_from)
        if held is None:
            raise RuleViolation("re-appointment is for the holder of the same post", rule="REAPPOINTMENT",
                                legal_basis=rule_set.source, fields={"post_title": [
                                    "no term of '{}' in unit {} held on {}".format(
                                        post_title, unit_id, effective_from - timedelta(days=1))]})
        if held.term_end is not None and held.term_end - timedelta(days=rule_set.notice_days) > effective_from:
            raise RuleViolation("too early: the term ends on {}".format(held.term_end), rule="REAPPOINTMENT",
                                legal_basis=rule_set.source, fields={"effective_from": [
                                    "from {} (the term's last {} days)".format(
                                        held.term_end - timedelta(days=rule_set.notice_days), rule_set.notice_days)]})
    return history.HistoryRecord(id="", kind=HistoryKind.POST, effective_from=effective_from,
                                 recorded_on=effective_from, decision=decision, unit_id=unit_id,
                                 post_title=post_title, term_end=term_end_given or end, appointment_kind=kind,
                                 origin_id=origin_id)


def previous_term(official, unit_id, post_title, day):
    """The term of the same post held on the day before `day` (or ended within the year before: a late decision)."""
    candidates = [r for r in official.history if r.kind == HistoryKind.POST and not r.superseded
                  and r.ended_on is None and r.unit_id == unit_id and r.post_title == post_title
                  and r.effective_from < day and (r.term_end is None or r.term_end >= day - timedelta(days=366))]
    return max(candidates, key=lambda r: r.effective_from, default=None)


def appoint(official, record, context):
    """(official, events): the POST record (official_appointed) of an appointment or re-appointment. The term
    being renewed ends the day before the new one starts when it ran later."""
    if record.appointment_kind == AppointmentKind.REAPPOINTMENT:
        held = previous_term(official, record.unit_id, record.post_title, record.effective_from)
        if held.term_end is None or held.term_end >= record.effective_from:
            official = replace(official, history=[replace(r, ended_on=record.effective_from - timedelta(days=1))
                                                  if r.id == held.id else r for r in official.history])
    return history.add_record(official, record, context)


# --- the notice before a term ends ---------------------------------------------------------------------
@dataclass(frozen=True)
class ReappointmentNotice:
    """One per POST record (= per post and term): `rn-<record id>`; its event announces the due date once."""
    id: str
    official_id: str
    record_id: str
    unit_id: str
    post_title: str
    term_end: date
    announced_on: date


def notice_id(record_id):
    return "rn-" + record_id


def terms_ending(official, as_of, lead_days):
    """POST records in force whose term ends within `lead_days` after `as_of` (not yet ended on `as_of`)."""
    if official.status == OfficialStatus.SEPARATED:
        return []
    return [r for r in official.history if r.kind == HistoryKind.POST and not r.superseded and r.ended_on is None
            and r.term_end is not None and as_of <= r.term_end <= as_of + timedelta(days=lead_days)]


def reappointment_due(official, record, as_of):
    rule_set = appointment_rule_set_on(record.effective_from)
    notice = ReappointmentNotice(id=notice_id(record.id), official_id=official.id, record_id=record.id,
                                 unit_id=record.unit_id, post_title=record.post_title, term_end=record.term_end,
                                 announced_on=as_of)
    return notice, [ReappointmentDue(
        subject=official.id, official_id=official.id, record_id=record.id, unit_id=record.unit_id,
        post_title=record.post_title, term_end=record.term_end, announced_on=as_of,
        days_left=(record.term_end - as_of).days, legal_basis=rule_set.source)]
