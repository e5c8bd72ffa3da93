"""Personnel entrypoints for the organisation tree, job-position schemes, staffing and compliance
(a mixin of PersonnelService; nameko entrypoints only)."""
from dataclasses import replace
from datetime import timedelta

from services.common.commands import change, create
from services.common.documents import from_document
from services.common.errors import Invalid, NotFound
from services.common.ids import new_id, today
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas import load_or_invalid, shared
from services.common.schemas_scope import scoped
from services.personnel import api
from services.personnel.domain import history, reorganisation, staffing, units
from services.personnel.importer import Importer
from services.personnel.service_history import reorganise


class OrgEntrypoints:

    @rpc
    def list_units(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListUnitsQuery)), query or {})
        found = self.store.list_units(**query)
        if query.get("as_of"):      # the tree as it stood then: each unit's parent on that day
            found = [units.unit_as_of(unit, query["as_of"]) for unit in found]
        return shared(api.UnitView, many=True).dump(found)

    @rpc
    def unit_subtree(self, unit_id, as_of=None):
        """The ids of `unit_id` and every unit below it as the tree stands today (closed sub-units too:
        their records stay under the unit); the gateway's unit scope of a caller. With `as_of` (a scorecard of
        a past year): the tree as it stood on that day."""
        ref = load_or_invalid(shared(api.UnitRef), {"unit_id": unit_id, "as_of": as_of})
        return self.store.subtree_ids(ref["unit_id"], ref["as_of"])

    @rpc
    def update_unit(self, unit_id, payload):
        changes = load_or_invalid(shared(api.UpdateUnit), payload)

        def decide(unit):
            parent_id = changes.get("parent_id")
            parent = self.store.units.get(parent_id) if parent_id else None
            ancestors = self.store.ancestor_ids(parent_id) if parent_id else []
            if changes.get("head_official_id"):
                self.store.officials.get(changes["head_official_id"])   # 404: the head is a registered official
            return units.update_unit(unit, changes, parent, ancestors, today())
        return change(self.store.units, unit_id, decide, shared(api.UnitView).dump)

    @rpc
    def close_unit(self, unit_id, payload):
        """Close a unit; with anything in force under it after the date, successors are required and its
        contents move to the first one from the next day (services/personnel/domain/reorganisation.py)."""
        command = load_or_invalid(shared(api.CloseUnit), payload)
        unit = self.store.units.get(unit_id)
        wanted = list(dict.fromkeys(command["successor_ids"]))
        found = {u.id: u for u in self.store.find_units(wanted)}
        missing = [i for i in wanted if i not in found]
        if missing:
            raise NotFound("unknown successor unit(s): {}".format(", ".join(missing)),
                           fields={"successor_ids": missing})
        successors = [found[i] for i in wanted]
        closed, events = units.close_unit(unit, command["valid_to"], successors, command["decision_ref"])
        contents = self._contents(unit, command["valid_to"] + timedelta(days=1))
        units.check_closable(unit, command["valid_to"], successors, contents)
        if not contents:
            return change(self.store.units, unit_id, lambda _: (closed, events), shared(api.UnitView).dump)
        decision = history.Decision(number=command["decision_ref"], signer=command["signer"] or "(not stated)",
                                    signed_on=command["signed_on"] or command["valid_to"],
                                    legal_basis=command["decision_ref"])
        reorganise(self.store, [reorganisation.Succession(unit.id, successors[0].id)],
                   command["valid_to"] + timedelta(days=1), decision, new_id("reorg"), override=(closed, events))
        return shared(api.UnitView).dump(self.store.units.get(unit_id))

    def _contents(self, unit, day):
        """What is in force under `unit` on `day`: sub-units, positions, officials in service placed there."""
        children = [u.id for u in self.store.units_under([unit.id])
                    if units.parent_on(u, day) == unit.id and u.is_valid_on(day)]
        positions = [p.id for p in units.positions_on(self.store.positions_in([unit.id]), day, [unit.id])]
        serving = [o for o in self.store.officials_in([unit.id]) if staffing.in_service(o, day)]
        return units.Contents(children, positions, [o.id for o in history.standing(serving, day, [unit.id])])

    @rpc
    def import_officials(self, csv_text, query=None):
        dry_run = load_or_invalid(shared(api.ImportQuery), query or {})["dry_run"]
        return shared(api.ImportReportView).dump(Importer(self.store, today()).run(csv_text, dry_run))

    @rpc
    def get_position(self, position_id):
        """One job position (the gateway asks for its unit when a scoped caller names it)."""
        return shared(api.PositionView).dump(self.store.positions.get(position_id))

    @rpc
    def update_position(self, position_id, payload):
        changes = load_or_invalid(shared(api.UpdatePosition), payload)
        # A position announces nothing: no events.
        return change(self.store.positions, position_id, lambda position: (replace(position, **changes), ()),
                      shared(api.PositionView).dump)

    # --- job-position schemes (đề án vị trí việc làm) ---------------------------------------------
    @rpc
    def submit_scheme(self, payload):
        command = load_or_invalid(shared(api.SubmitScheme), payload)

        def decide():
            units.require_in_force(self.store.units.get(command["unit_id"]), command["submitted_on"])
            # A scheme announces nothing: no events.
            return from_document(staffing.PositionScheme, dict(command, id=new_id("scheme"))), ()
        return create(self.store.schemes, decide, shared(api.SchemeView).dump)

    @rpc
    def get_scheme(self, scheme_id):
        """One job-position scheme (the gateway asks for its unit when a scoped caller names it)."""
        return shared(api.SchemeView).dump(self.store.schemes.get(scheme_id))

    @rpc
    def decide_scheme(self, scheme_id, payload):
        command = load_or_invalid(shared(api.DecideScheme), payload)
        return change(self.store.schemes, scheme_id, lambda scheme: (staffing.decide_scheme(
            scheme, command["approved"], command["decided_on"], command["decision_ref"], command["approver"]), ()),
            shared(api.SchemeView).dump)

    @rpc
    def list_schemes(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListSchemesQuery)), query or {})
        items, total, following = self.store.list_schemes(**query)
        return {"items": shared(api.SchemeView, many=True).dump(items), "total": total, "next": following}

    # --- reports ----------------------------------------------------------------------------------
    @rpc
    def staffing_report(self, unit_id, query=None):
        query = load_or_invalid(shared(api.StaffingQuery), query or {})
        as_of = query["as_of"] or today()
        units.require_in_force(self.store.units.get(unit_id), as_of, field="as_of")
        scope = self.store.subtree_ids(unit_id, as_of) if query["include_sub_units"] else [unit_id]
        report = staffing.staffing_report(unit_id, units.positions_on(self.store.positions_in(scope), as_of, scope),
                                          self.store.standing_in(scope, as_of), as_of)
        return shared(api.StaffingView).dump(report)

    @rpc
    def compliance_report(self, query=None, path_unit_id=None):
        """`path_unit_id`: the unit named in the path (unknown: 404); one named in the query is an input (400)."""
        query = load_or_invalid(shared(api.ComplianceQuery), query or {})
        as_of, unit_id = query["as_of"] or today(), path_unit_id or query.get("unit_id")
        positions = self.store.all_positions()
        if path_unit_id:
            self.store.units.get(path_unit_id)
        elif unit_id and not self.store.find_units([unit_id]):
            raise Invalid("unknown unit", fields={"unit_id": ["unit {} not found".format(unit_id)]})
        children = self.store.list_units(as_of=as_of, parent_id=unit_id) if unit_id else [
            u for u in self.store.list_units(as_of=as_of) if units.parent_on(u, as_of) is None]
        scope = self.store.subtree_ids(unit_id, as_of) if unit_id else None

        # Who was placed where on as_of, with their position and rank then: read once, then counted per sub-unit.
        standing, meets = self.store.standing_in(scope, as_of), self.store.meets(as_of)
        report = staffing.compliance(standing, positions, as_of, meets)

        def within(unit_ids):
            wanted = set(unit_ids)
            return [official for official in standing if official.unit_id in wanted]
        report["units"] = [dict(staffing.compliance(within(self.store.subtree_ids(child.id, as_of)), positions,
                                                    as_of, meets), unit_id=child.id, name=child.name,
                                as_of=as_of.isoformat()) for child in children]
        return shared(api.ComplianceView).dump(dict(report, unit_id=unit_id))
