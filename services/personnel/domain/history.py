"""Service history (quá trình công tác): where an official was placed, in which rank, on which salary step and
in which leadership post, as effective-dated records, each created by a decision (docs/domain.md "Service
history").

Rules:
- a record takes effect on its decision's `effective_from`; the record of a kind valid on a day is the latest
  one (by effective date, then by entry) that took effect on or before it and is not superseded;
- a correction is a new record that supersedes another: the superseded record is kept, marked with the record
  replacing it and the reason; nothing is ever overwritten;
- the official's current unit, position, rank and salary step (the fields every list and filter reads) are
  those of the records valid today, recomputed on every change;
- records derived at registration (or the CSV import) carry no decision: the file says where the official
  started (its service start date), not by which act. Every later record needs its decision;
- a decision takes effect no later than today: a decision taking effect later is recorded on its date (the
  current fields would otherwise go stale without a scheduled re-computation).

Legal basis: Law 80/2025/QH15 on cán bộ, công chức (điều động, luân chuyển, bổ nhiệm, nâng ngạch) and Decree
170/2025/ND-CP; Law 52/2019/QH14 on viên chức (thay đổi chức danh nghề nghiệp); Decree 204/2004/ND-CP (salary
steps). Stdlib only (import-linter).
"""
from dataclasses import dataclass, replace
from datetime import date, timedelta

from services.common.dates import future_date_problem
from services.common.errors import Conflict, Invalid, NotFound
from services.personnel.domain.enums import HistoryKind, OfficialStatus
from services.personnel.domain.announcements import standards_event
from services.personnel.domain.careers_rules import AppointmentKind, PlacementKind, RemovalReason
from services.personnel.domain.events import (HistoryCorrected, OfficialAppointed, OfficialRemovedFromPost,
                                              OfficialTransferred, RankChanged, SalaryChanged, UnitPeriod)
from services.personnel.domain.units import require_in_force, unit_of_position_on

# The kinds whose record valid today sets the official's current fields.
CURRENT_FIELDS = {HistoryKind.PLACEMENT: ("unit_id", "position_id"), HistoryKind.RANK: ("rank",),
                  HistoryKind.SALARY: ("salary_step",)}
# The fields a record of each kind carries (a correction may change these and effective_from).
KIND_FIELDS = {HistoryKind.PLACEMENT: ("unit_id", "position_id"), HistoryKind.RANK: ("rank",),
               HistoryKind.SALARY: ("salary_step", "coefficient"),
               HistoryKind.POST: ("unit_id", "post_title", "term_end")}
REGISTRATION_BASIS = "derived at registration from the file (service start date); no decision recorded"


@dataclass(frozen=True)
class Decision:
    """The act creating a record: quyết định số `number`, signed by `signer` on `signed_on`, under `legal_basis`."""
    number: str
    signer: str
    signed_on: date
    legal_basis: str


@dataclass(frozen=True)
class HistoryRecord:
    id: str
    kind: HistoryKind
    effective_from: date
    recorded_on: date
    decision: Decision | None = None      # None: derived at registration (REGISTRATION_BASIS)
    unit_id: str | None = None            # PLACEMENT; POST (the unit where the post is held)
    position_id: str | None = None        # PLACEMENT
    rank: str | None = None               # RANK: ngạch / chức danh nghề nghiệp code (its hạng is part of the code)
    salary_step: int | None = None        # SALARY: bậc
    coefficient: float | None = None      # SALARY: hệ số lương as decided (None: not stated)
    post_title: str | None = None         # POST: chức vụ
    term_end: date | None = None          # POST: end of the term (None: open-ended); the term starts on effective_from
    supersedes: str | None = None         # a correction: the record it replaces
    superseded_by: str | None = None      # set on a corrected record, which is kept
    correction_reason: str | None = None  # on a corrected record: why it was superseded
    reorganisation_id: str | None = None  # PLACEMENT made by a reorganisation of units
    placement_kind: PlacementKind | None = None      # PLACEMENT: điều động, luân chuyển... (None: not stated)
    appointment_kind: AppointmentKind | None = None  # POST: bổ nhiệm or bổ nhiệm lại (None: not stated)
    origin_id: str | None = None          # the promotion round or leader selection the decision concluded
    ended_on: date | None = None          # POST: last day held when removed (miễn nhiệm) before its term end
    end_decision: Decision | None = None  # POST: the removal's decision
    end_reason: RemovalReason | None = None

    @property
    def superseded(self):
        return self.superseded_by is not None


# --- reading the history ---------------------------------------------------------------------------
def _ordered(records, kind):
    """Records of `kind` in force (not superseded), in the order they take effect (then of entry)."""
    indexed = [(r.effective_from, i, r) for i, r in enumerate(records) if r.kind == kind and not r.superseded]
    return [r for _, _, r in sorted(indexed, key=lambda item: item[:2])]


def record_on(records, kind, day):
    """The record of `kind` valid on `day`, or None when none had taken effect yet."""
    valid = [r for r in _ordered(records, kind) if r.effective_from <= day]
    return valid[-1] if valid else None


def posts_on(records, day):
    """The leadership posts held on `day` (a post holds from its effective date to its term end)."""
    return [r for r in _ordered(records, HistoryKind.POST)
            if r.effective_from <= day and (r.term_end is None or day <= r.term_end)
            and (r.ended_on is None or day <= r.ended_on)]


def standing_on(official, day):
    """The official as they stood on `day`: unit, position, rank and salary step of the records valid then.

    Before the first record of a kind (a day before the service start) the first record answers; a file with
    no record of a kind (written before the history existed) keeps its stored fields."""
    changes = {}
    for kind, names in CURRENT_FIELDS.items():
        record = record_on(official.history, kind, day) or next(iter(_ordered(official.history, kind)), None)
        if record is not None:
            changes.update({name: getattr(record, name) for name in names})
            if kind == HistoryKind.SALARY:
                changes["salary_step_since"] = _step_since(official, record)
    return replace(official, **changes) if changes else official


def _step_since(official, record):
    """When the step of `record` began; a registration record from the service start keeps the file's
    (unset: the service start)."""
    if record.decision is None and record.effective_from == official.service_start_date and \
            official.salary_step_since is None:
        return None
    return record.effective_from


def standing(officials, day, unit_ids=None):
    """Each official as they stood on `day`, only those then placed in `unit_ids` (None: everywhere)."""
    dated = [standing_on(official, day) for official in officials]
    wanted = None if unit_ids is None else set(unit_ids)
    return [official for official in dated if wanted is None or official.unit_id in wanted]


def unit_periods(official):
    """The official's units over time from the placements in force: [UnitPeriod(unit_id, valid_from, valid_to)],
    consecutive placements in one unit joined; the last period open (valid_to None)."""
    periods = []
    for record in _ordered(official.history, HistoryKind.PLACEMENT):
        if periods and periods[-1].unit_id == record.unit_id:
            continue
        if periods:
            periods[-1] = replace(periods[-1], valid_to=record.effective_from - timedelta(days=1))
        periods.append(UnitPeriod(unit_id=record.unit_id, valid_from=record.effective_from, valid_to=None))
    return periods or [UnitPeriod(unit_id=official.unit_id, valid_from=official.service_start_date, valid_to=None)]


def unit_ids_ever(official):
    """Every unit the official was ever placed in (stored with the file so dated reports find them)."""
    placed = [r.unit_id for r in official.history if r.kind == HistoryKind.PLACEMENT and r.unit_id]
    return sorted(set(placed) | {official.unit_id})


def find_record(official, record_id):
    record = next((r for r in official.history if r.id == record_id), None)
    if record is None:
        raise NotFound("history record {} of official {} not found".format(record_id, official.id))
    return record


# --- writing the history ---------------------------------------------------------------------------
def next_record_id(official, offset=0):
    return "{}-h{}".format(official.id, len(official.history) + 1 + offset)


def registration_records(official, today):
    """PLACEMENT, RANK and SALARY from the service start (the salary step from when it began), no decision."""
    start = official.service_start_date
    records = [HistoryRecord(id="", kind=HistoryKind.PLACEMENT, effective_from=start, recorded_on=today,
                             unit_id=official.unit_id, position_id=official.position_id),
               HistoryRecord(id="", kind=HistoryKind.RANK, effective_from=start, recorded_on=today,
                             rank=official.rank),
               HistoryRecord(id="", kind=HistoryKind.SALARY, effective_from=official.salary_step_since or start,
                             recorded_on=today, salary_step=official.salary_step)]
    return [replace(record, id="{}-h{}".format(official.id, i + 1)) for i, record in enumerate(records)]


@dataclass(frozen=True)
class Context:
    """What a change needs to know besides the official: the units and positions it names (by id), today."""
    units: dict
    positions: dict
    today: date


def _check_dates(official, record, context):
    problems = {}
    problem = future_date_problem(record.effective_from, context.today)
    if problem:
        problems["effective_from"] = [problem + ": record a decision once it takes effect"]
    elif record.effective_from < official.service_start_date:
        problems["effective_from"] = ["before the service start ({})".format(official.service_start_date)]
    if record.decision is not None and future_date_problem(record.decision.signed_on, context.today):
        problems["signed_on"] = [future_date_problem(record.decision.signed_on, context.today)]
    if record.kind == HistoryKind.POST and record.term_end is not None and record.term_end <= record.effective_from:
        problems["term_end"] = ["must be after the term start ({})".format(record.effective_from)]
    if problems:
        raise Invalid("the record's dates are not acceptable", fields=problems)


def _check_kind(official, record, context, replacing=None):
    """The record names a unit and position that fit on its date, and changes something."""
    day = record.effective_from
    before = [r for r in official.history if r.id != (replacing.id if replacing else None)]
    current = record_on(before, record.kind, day)
    if record.kind == HistoryKind.PLACEMENT:
        unit, position = context.units[record.unit_id], context.positions[record.position_id]
        if unit_of_position_on(position, day) != unit.id:
            raise Invalid("the position belongs to another unit", fields={"position_id": [
                "position {} is not in unit {} on {}".format(position.id, unit.id, day)]})
        require_in_force(unit, day)
        if current is not None and (current.unit_id, current.position_id) == (unit.id, position.id) and \
                replacing is None:
            raise Invalid("the official already holds that position on that date",
                          fields={"position_id": ["unchanged since {}".format(current.effective_from)]})
    elif record.kind == HistoryKind.POST:
        require_in_force(context.units[record.unit_id], day)
    elif current is not None and replacing is None and all(
            getattr(current, name) == getattr(record, name) for name in KIND_FIELDS[record.kind]):
        field = KIND_FIELDS[record.kind][0]
        raise Invalid("nothing changes on that date", fields={field: ["unchanged since {}".format(
            current.effective_from)]})


def _refuse_if_separated(official):
    if official.status == OfficialStatus.SEPARATED:
        raise Conflict("official {} has left the service; the file is kept as history".format(official.id))


def _with_current(official, history, context):
    """The official with `history` and the current fields of the records valid today; the standards
    re-assessed when the position or rank valid today changed."""
    updated = standing_on(replace(official, history=history), context.today)
    if (updated.position_id, updated.rank) != (official.position_id, official.rank) and \
            updated.position_id in context.positions:
        updated = replace(updated, standards=updated.assess(context.positions[updated.position_id], context.today))
    return updated


def _change_event(official, before, record):
    """The event announcing a new record (built on the official after the change; `before` is the official as
    they stood on the record's date before it)."""
    decision = record.decision
    common = dict(subject=official.id, official_id=official.id, record_id=record.id,
                  effective_from=record.effective_from, decision_number=decision.number if decision else None,
                  legal_basis=decision.legal_basis if decision else REGISTRATION_BASIS)
    if record.kind == HistoryKind.PLACEMENT:
        return OfficialTransferred(**common, unit_id=record.unit_id, position_id=record.position_id,
                                   previous_unit_id=before.unit_id, previous_position_id=before.position_id,
                                   current_unit_id=official.unit_id, current_position_id=official.position_id,
                                   unit_periods=unit_periods(official), reorganisation_id=record.reorganisation_id,
                                   placement_kind=record.placement_kind)
    if record.kind == HistoryKind.RANK:
        return RankChanged(**common, rank=record.rank, previous_rank=before.rank, current_rank=official.rank)
    if record.kind == HistoryKind.SALARY:
        return SalaryChanged(**common, salary_step=record.salary_step, coefficient=record.coefficient,
                             previous_step=before.salary_step, current_step=official.salary_step)
    return OfficialAppointed(**common, unit_id=record.unit_id, post_title=record.post_title,
                             term_end=record.term_end, appointment_kind=record.appointment_kind)


def add_record(official, record, context):
    """(official, events): a new record by decision (transfer, rank change, salary change, appointment)."""
    _refuse_if_separated(official)
    if record.decision is None:
        raise Invalid("a change needs its decision", fields={"decision": ["required"]})
    _check_dates(official, record, context)
    _check_kind(official, record, context)
    record = replace(record, id=next_record_id(official), recorded_on=context.today)
    before = standing_on(official, record.effective_from)
    updated = _with_current(official, [*official.history, record], context)
    return updated, [_change_event(updated, before, record), *_standards_flip(official, updated)]


def correct(official, record_id, changes, reason, decision, context):
    """(official, events): a new record superseding `record_id` (kept, marked superseded with `reason`).

    `changes`: the corrected values (effective_from and the kind's fields); what is not given is copied from
    the record corrected."""
    _refuse_if_separated(official)
    target = find_record(official, record_id)
    if target.superseded:
        raise Conflict("record {} was already superseded by {}: correct that one".format(
            target.id, target.superseded_by), fields={"record_id": ["superseded by " + target.superseded_by]})
    allowed = set(KIND_FIELDS[target.kind]) | {"effective_from"}
    foreign = sorted(name for name, value in changes.items() if name not in allowed and value is not None)
    if foreign:
        raise Invalid("a {} record has no such field".format(target.kind.value),
                      fields={name: ["not a field of a {} record".format(target.kind.value)] for name in foreign})
    given = {name: value for name, value in changes.items() if name in allowed}
    if target.kind == HistoryKind.PLACEMENT and "unit_id" not in given and "position_id" in given:
        position = context.positions[given["position_id"]]
        given["unit_id"] = unit_of_position_on(position, given.get("effective_from", target.effective_from))
    replacement = replace(target, **given, id=next_record_id(official), recorded_on=context.today,
                          decision=decision, supersedes=target.id, superseded_by=None, correction_reason=None,
                          reorganisation_id=None)
    if all(getattr(replacement, name) == getattr(target, name) for name in allowed):
        raise Invalid("the correction changes nothing", fields={"_schema": ["give the corrected values"]})
    _check_dates(official, replacement, context)
    _check_kind(official, replacement, context, replacing=target)
    marked = replace(target, superseded_by=replacement.id, correction_reason=reason)
    history = [marked if r.id == target.id else r for r in official.history] + [replacement]
    before = standing_on(replace(official, history=[r for r in official.history if r.id != target.id]),
                         replacement.effective_from)
    updated = _with_current(official, history, context)
    events = [HistoryCorrected(subject=official.id, official_id=official.id, record_id=replacement.id,
                               superseded_record_id=target.id, kind=target.kind,
                               effective_from=replacement.effective_from, reason=reason,
                               decision_number=decision.number, legal_basis=decision.legal_basis)]
    # The kind's own event too, so the services following transfers (and ranks...) follow the correction.
    return updated, [*events, _change_event(updated, before, replacement), *_standards_flip(official, updated)]


def _standards_flip(official, updated):
    """standards_status_changed when the re-assessment flipped met / not met."""
    previous = official.standards.met if official.standards else None
    if updated.standards is None or updated.standards.met == previous:
        return []
    return [standards_event(updated, previous)]


def end_post(official, record_id, effective_from, reason, decision, today):
    """(official, events): removal from a post (miễn nhiệm) from `effective_from`: the POST record is kept and
    marked ended the day before, with the removal's decision and reason (not a correction: the post was held)."""
    _refuse_if_separated(official)
    target = find_record(official, record_id)
    if target.kind != HistoryKind.POST:
        raise Invalid("only a post can be ended", fields={"record_id": ["a {} record".format(target.kind.value)]})
    if target.superseded or target.ended_on is not None:
        raise Conflict("record {} is {}".format(target.id, "superseded" if target.superseded else "ended already"),
                       fields={"record_id": ["not a post in force"]})
    problem = future_date_problem(effective_from, today)
    last_day = effective_from - timedelta(days=1)
    if problem or effective_from <= target.effective_from or (target.term_end and last_day >= target.term_end):
        raise Invalid("the removal's date is not acceptable", fields={"effective_from": [
            problem or "within the term: after {} and before {}".format(target.effective_from, target.term_end)]})
    ended = replace(target, ended_on=last_day, end_decision=decision, end_reason=reason)
    updated = replace(official, history=[ended if r.id == target.id else r for r in official.history])
    return updated, [OfficialRemovedFromPost(
        subject=official.id, official_id=official.id, record_id=target.id, effective_from=effective_from,
        decision_number=decision.number, legal_basis=decision.legal_basis, unit_id=target.unit_id,
        post_title=target.post_title, reason=reason)]
