"""Personnel entrypoints for the service history (quá trình công tác) and reorganisations of units (a mixin of
PersonnelService; nameko entrypoints only: load -> domain -> store -> dump)."""
from services.common.commands import change
from services.common.documents import from_document
from services.common.errors import Conflict, NotFound
from services.common.ids import new_id, today
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid, shared
from services.personnel import api
from services.personnel.domain import history, reorganisation
from services.personnel.domain.enums import HistoryKind


def history_view(official):
    records = sorted(official.history, key=lambda r: (r.effective_from, r.kind.value, r.id))
    return shared(api.HistoryView).dump({
        "official_id": official.id, "unit_id": official.unit_id, "position_id": official.position_id,
        "rank": official.rank, "salary_step": official.salary_step,
        "records": [dict(r.__dict__, superseded=r.superseded) for r in records]})


def history_context(store, official, unit_ids=(), position_ids=()):
    """The units and positions a change names (unknown ones: NotFound naming them), with the official's own."""
    position_ids = {p for p in (*position_ids, official.position_id) if p}
    positions = {p.id: p for p in map(store.positions.get, sorted(position_ids))}
    unit_ids = {u for u in (*unit_ids, official.unit_id) if u}
    return history.Context(units={u.id: u for u in map(store.units.get, sorted(unit_ids))},
                           positions=positions, today=today())


def decision_of(command):
    return from_document(history.Decision, command["decision"])


def reorganise(store, closures, effective_from, decision, reorganisation_id, override=None):
    """Plan every change first (raises before anything is written), then write each document at the version it
    was read: officials, positions, sub-units, closed units, and last the reorganisation's record with its event.
    `override`: a closed unit as the caller closes it (POST /units/{id}/closure names several successors)."""
    wanted = sorted({c.unit_id for c in closures} | {c.successor_id for c in closures})
    units = {u.id: u for u in store.find_units(wanted)}
    missing = [unit_id for unit_id in wanted if unit_id not in units]
    if missing:
        raise NotFound("unknown unit(s): {}".format(", ".join(missing)), fields={"closures": missing})
    closed_ids = [c.unit_id for c in closures]
    children = [(u, v) for u, v in (store.units.get_versioned(u.id) for u in store.units_under(closed_ids))]
    positions = [store.positions.get_versioned(p.id) for p in store.positions_in(closed_ids)]
    officials = [store.officials.get_versioned(i) for i in store.official_ids_in(closed_ids)]
    plan = reorganisation.plan(reorganisation_id, closures, effective_from, decision, units,
                               [u for u, _ in children], [p for p, _ in positions], [o for o, _ in officials],
                               today())
    if override is not None:
        plan["units"] = [(u, e) for u, e in plan["units"] if u.id != override[0].id] + [override]
    versions = {("official", o.id): v for o, v in officials}
    versions.update({("position", p.id): v for p, v in positions})
    versions.update({("unit", u.id): v for u, v in children})
    for official, events in plan["officials"]:
        store.officials.save(official, versions[("official", official.id)], events)
    for position in plan["positions"]:
        store.positions.save(position, versions[("position", position.id)])
    for unit, events in plan["units"]:
        version = versions.get(("unit", unit.id)) or store.units.get_versioned(unit.id)[1]
        store.units.save(unit, version, events)
    record, events = plan["record"]
    store.reorganisations.add(record, events)
    return record


class HistoryEntrypoints:

    @rpc
    def official_history(self, official_id):
        return history_view(self.store.officials.get(official_id))

    @rpc
    def transfer_official(self, official_id, payload):
        command = load_or_invalid(shared(api.Transfer), payload)

        def decide(official):
            position = self.store.positions.get(command["position_id"])
            unit_id = command["unit_id"] or history.unit_of_position_on(position, command["effective_from"])
            record = history.HistoryRecord(id="", kind=HistoryKind.PLACEMENT, recorded_on=today(),
                                           effective_from=command["effective_from"], decision=decision_of(command),
                                           unit_id=unit_id, position_id=position.id,
                                           placement_kind=command["placement_kind"])
            return history.add_record(official, record, history_context(self.store, official, [unit_id],
                                                                        [position.id]))
        return change(self.store.officials, official_id, decide, history_view)

    @rpc
    def change_rank(self, official_id, payload):
        command = load_or_invalid(shared(api.RankChange), payload)
        return self._add_record(official_id, command, HistoryKind.RANK, rank=command["rank"])

    @rpc
    def change_salary(self, official_id, payload):
        command = load_or_invalid(shared(api.SalaryChange), payload)
        return self._add_record(official_id, command, HistoryKind.SALARY, salary_step=command["salary_step"],
                                coefficient=command["coefficient"])

    @rpc
    def appoint_official(self, official_id, payload):
        command = load_or_invalid(shared(api.Appointment), payload)
        return self._add_record(official_id, command, HistoryKind.POST, post_title=command["post_title"],
                                unit_id=command["unit_id"], term_end=command["term_end"])

    def _add_record(self, official_id, command, kind, **fields):
        def decide(official):
            if kind == HistoryKind.POST and not fields["unit_id"]:
                fields["unit_id"] = history.standing_on(official, command["effective_from"]).unit_id
            record = history.HistoryRecord(id="", kind=kind, recorded_on=today(), decision=decision_of(command),
                                           effective_from=command["effective_from"], **fields)
            return history.add_record(official, record, history_context(
                self.store, official, [fields.get("unit_id")]))
        return change(self.store.officials, official_id, decide, history_view)

    @rpc
    def correct_history(self, official_id, record_id, payload):
        command = load_or_invalid(shared(api.Correction), payload)
        record_id = load_or_invalid(shared(api.HistoryRef), {"record_id": record_id})["record_id"]
        changes = {k: v for k, v in command.items() if k not in ("reason", "decision")}

        def decide(official):
            context = history_context(self.store, official, [changes.get("unit_id")], [changes.get("position_id")])
            target = history.find_record(official, record_id)
            context.units.update({u: self.store.units.get(u) for u in (target.unit_id,) if u})
            context.positions.update({p: self.store.positions.get(p) for p in (target.position_id,) if p})
            return history.correct(official, record_id, changes, command["reason"], decision_of(command), context)
        return change(self.store.officials, official_id, decide, history_view)

    @rpc
    def reorganise_units(self, payload):
        command = load_or_invalid(shared(api.Reorganise), payload)
        decision = decision_of(command)
        if self.store.reorganisation_by_decision(decision.number):
            raise Conflict("a reorganisation by decision {} is already recorded".format(decision.number),
                           fields={"decision": ["number {} already recorded".format(decision.number)]})
        closures = [reorganisation.Succession(c["unit_id"], c["successor_id"]) for c in command["closures"]]
        record = reorganise(self.store, closures, command["effective_from"], decision, new_id("reorg"))
        return shared(api.ReorganisationView).dump(record)
