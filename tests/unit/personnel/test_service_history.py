"""The service history (quá trình công tác, docs/domain.md "Service history") and reorganisations of units on a
date (docs/domain.md "Organisation changes on a date"): pure domain rules."""
from dataclasses import replace
from datetime import date

import pytest

from services.common.errors import Conflict, Invalid, RuleViolation
from services.personnel.domain import history, reorganisation, units
from services.personnel.domain.enums import Category, HistoryKind as K, OfficialStatus, OrgLevel, PositionGroup
from services.personnel.domain.events import HistoryCorrected, OfficialTransferred, RankChanged, UnitPeriod
from services.personnel.domain.model import Official, OrgUnit, Position

TODAY = date(2026, 11, 26)
DECISION = history.Decision(number="15/QĐ-SNV", signer="Giám đốc Sở Nội vụ", signed_on=date(2024, 2, 20),
                            legal_basis="Law 80/2025/QH15")


def unit(unit_id, parent=None, valid_from=date(2004, 1, 1), **extra):
    return OrgUnit(id=unit_id, code=unit_id.upper(), name=unit_id, unit_type="UBND", level=OrgLevel.PROVINCE,
                   valid_from=valid_from, parent_id=parent, **extra)


def position(position_id, unit_id):
    return Position(id=position_id, unit_id=unit_id, title=position_id, group=PositionGroup.PROFESSIONAL,
                    rank="01.003")


UNITS = {u.id: u for u in (unit("u1"), unit("u2"), unit("u3"), unit("new", valid_from=date(2025, 7, 1)))}
POSITIONS = {p.id: p for p in (position("p1", "u1"), position("p2", "u2"), position("p3", "u3"),
                               position("pn", "new"))}
CONTEXT = history.Context(units=UNITS, positions=POSITIONS, today=TODAY)


def registered():
    official = Official(id="off-1", full_name="Trần Văn B", national_id="096090001234", birth_date=date(1980, 1, 1),
                        category=Category.CONG_CHUC, unit_id="u1", position_id="p1", rank="01.003",
                        service_start_date=date(2015, 1, 1), salary_step=2)
    return replace(official, history=history.registration_records(official, TODAY))


def placement(position_id, unit_id, effective_from, decision=DECISION):
    return history.HistoryRecord(id="", kind=K.PLACEMENT, effective_from=effective_from, recorded_on=TODAY,
                                 decision=decision, unit_id=unit_id, position_id=position_id)


def test_registration_derives_placement_rank_and_salary_from_the_service_start_without_a_decision():
    records = registered().history
    assert [(r.id, r.kind, r.effective_from, r.decision) for r in records] == [
        ("off-1-h1", K.PLACEMENT, date(2015, 1, 1), None), ("off-1-h2", K.RANK, date(2015, 1, 1), None),
        ("off-1-h3", K.SALARY, date(2015, 1, 1), None)]
    assert (records[0].unit_id, records[0].position_id, records[1].rank, records[2].salary_step) == (
        "u1", "p1", "01.003", 2)


def test_a_transfer_dated_in_the_past_changes_the_unit_only_from_its_date():
    moved, events = history.add_record(registered(), placement("p2", "u2", date(2024, 3, 1)), CONTEXT)
    assert (moved.unit_id, moved.position_id) == ("u2", "p2")                     # valid today
    assert history.standing_on(moved, date(2024, 2, 29)).unit_id == "u1"
    assert history.standing_on(moved, date(2024, 3, 1)).unit_id == "u2"
    assert [o.id for o in history.standing([moved], date(2024, 2, 29), ["u1"])] == ["off-1"]
    assert history.standing([moved], date(2024, 2, 29), ["u2"]) == []
    [transferred] = [e for e in events if isinstance(e, OfficialTransferred)]
    assert (transferred.previous_unit_id, transferred.unit_id, transferred.current_unit_id,
            transferred.decision_number) == ("u1", "u2", "u2", "15/QĐ-SNV")
    assert transferred.unit_periods == [
        UnitPeriod(unit_id="u1", valid_from=date(2015, 1, 1), valid_to=date(2024, 2, 29)),
        UnitPeriod(unit_id="u2", valid_from=date(2024, 3, 1), valid_to=None)]
    assert history.unit_ids_ever(moved) == ["u1", "u2"]


def test_a_transfer_dated_before_a_later_one_leaves_the_current_unit_alone():
    later, _ = history.add_record(registered(), placement("p2", "u2", date(2024, 3, 1)), CONTEXT)
    both, events = history.add_record(later, placement("p3", "u3", date(2020, 1, 1)), CONTEXT)
    assert both.unit_id == "u2"
    assert [history.standing_on(both, date(y, 6, 1)).unit_id for y in (2019, 2020, 2024)] == ["u1", "u3", "u2"]
    [transferred] = events
    assert (transferred.unit_id, transferred.current_unit_id) == ("u3", "u2")
    assert [p.unit_id for p in transferred.unit_periods] == ["u1", "u3", "u2"]


@pytest.mark.parametrize("record, field", [
    (placement("p2", "u2", date(2027, 1, 1)), "effective_from"),               # not in force yet: refused
    (placement("p2", "u2", date(2014, 12, 31)), "effective_from"),             # before the service start
    (placement("p2", "u1", date(2024, 3, 1)), "position_id"),                  # the position is in another unit
    (placement("p1", "u1", date(2024, 3, 1)), "position_id"),                  # unchanged on that date
    (placement("p2", "u2", date(2024, 3, 1), decision=None), "decision"),      # a change needs its decision
])
def test_a_record_is_refused_field_by_field(record, field):
    with pytest.raises(Invalid) as error:
        history.add_record(registered(), record, CONTEXT)
    assert field in error.value.fields


def test_a_placement_in_a_unit_not_in_force_on_its_date_is_a_422():
    with pytest.raises(RuleViolation) as error:
        history.add_record(registered(), placement("pn", "new", date(2025, 6, 30)), CONTEXT)
    assert error.value.rule == "UNIT_NOT_IN_FORCE"


def test_a_separated_official_s_history_does_not_change():
    separated = replace(registered(), status=OfficialStatus.SEPARATED)
    with pytest.raises(Conflict):
        history.add_record(separated, placement("p2", "u2", date(2024, 3, 1)), CONTEXT)


def test_a_correction_supersedes_the_record_and_keeps_it():
    moved, _ = history.add_record(registered(), placement("p2", "u2", date(2024, 3, 1)), CONTEXT)
    wrong = moved.history[-1]
    fixed, events = history.correct(moved, wrong.id, {"effective_from": date(2024, 6, 1)}, "ngày hiệu lực ghi sai",
                                    replace(DECISION, number="16/QĐ-SNV"), CONTEXT)
    kept = next(r for r in fixed.history if r.id == wrong.id)
    new = fixed.history[-1]
    assert (kept.superseded_by, kept.correction_reason, kept.effective_from) == (new.id, "ngày hiệu lực ghi sai",
                                                                                 date(2024, 3, 1))
    assert (new.supersedes, new.effective_from, new.unit_id) == (wrong.id, date(2024, 6, 1), "u2")
    assert history.standing_on(fixed, date(2024, 4, 1)).unit_id == "u1"          # the superseded date no longer counts
    assert [type(e) for e in events][:2] == [HistoryCorrected, OfficialTransferred]
    with pytest.raises(Conflict):
        history.correct(fixed, wrong.id, {"effective_from": date(2024, 7, 1)}, "x", DECISION, CONTEXT)
    with pytest.raises(Invalid) as error:
        history.correct(fixed, new.id, {"rank": "01.002"}, "x", DECISION, CONTEXT)
    assert "rank" in error.value.fields


def test_a_rank_change_is_announced_with_the_previous_and_current_rank():
    promoted, events = history.add_record(registered(), history.HistoryRecord(
        id="", kind=K.RANK, effective_from=date(2025, 1, 1), recorded_on=TODAY, decision=DECISION, rank="01.002"),
        CONTEXT)
    assert promoted.rank == "01.002" and history.standing_on(promoted, date(2024, 12, 31)).rank == "01.003"
    assert [(e.previous_rank, e.rank, e.current_rank) for e in events if isinstance(e, RankChanged)] == [
        ("01.003", "01.002", "01.002")]


def test_posts_hold_for_their_term():
    appointed, _ = history.add_record(registered(), history.HistoryRecord(
        id="", kind=K.POST, effective_from=date(2021, 1, 1), recorded_on=TODAY, decision=DECISION, unit_id="u1",
        post_title="Trưởng phòng", term_end=date(2025, 12, 31)), CONTEXT)
    assert [r.post_title for r in history.posts_on(appointed.history, date(2025, 12, 31))] == ["Trưởng phòng"]
    assert history.posts_on(appointed.history, date(2026, 1, 1)) == []


# --- organisation changes on a date --------------------------------------------------------------
def test_a_move_under_another_parent_keeps_the_old_parent_for_earlier_dates():
    child = unit("c", parent="u1")
    moved, _ = units.update_unit(child, {"parent_id": "u2", "effective_from": date(2025, 3, 1)}, UNITS["u2"], [],
                                 TODAY)
    assert units.parent_on(moved, date(2024, 12, 31)) == "u1" and units.parent_on(moved, date(2025, 3, 1)) == "u2"
    with pytest.raises(Invalid) as error:
        units.update_unit(child, {"parent_id": "u2"}, UNITS["u2"], [], TODAY)
    assert "effective_from" in error.value.fields


def test_closing_a_unit_with_contents_in_force_needs_successors():
    with pytest.raises(RuleViolation) as error:
        units.check_closable(UNITS["u1"], date(2025, 6, 30), [], units.Contents(["c"], [], ["off-1"]))
    assert error.value.rule == "UNIT_NOT_EMPTY" and "successor_ids" in error.value.fields
    units.check_closable(UNITS["u1"], date(2025, 6, 30), [UNITS["new"]], units.Contents(["c"], [], []))
    units.check_closable(UNITS["u1"], date(2025, 6, 30), [], units.Contents([], [], []))


def test_a_reorganisation_moves_sub_units_positions_and_officials_to_the_successor_from_its_date():
    child = unit("c", parent="u1")
    plan = reorganisation.plan("reorg-1", [reorganisation.Succession("u1", "new")], date(2025, 7, 1), DECISION,
                               UNITS, [child], [POSITIONS["p1"]], [registered()], TODAY)
    [official_after] = [o for o, _ in plan["officials"]]
    assert history.standing_on(official_after, date(2025, 6, 30)).unit_id == "u1"
    assert (official_after.unit_id, official_after.position_id) == ("new", "p1")
    [position_after] = plan["positions"]
    assert units.unit_of_position_on(position_after, date(2025, 6, 30)) == "u1" and position_after.unit_id == "new"
    moved = {u.id: u for u, _ in plan["units"]}
    assert units.parent_on(moved["c"], date(2025, 6, 30)) == "u1" and moved["c"].parent_id == "new"
    assert (moved["u1"].valid_to, moved["u1"].successor_ids) == (date(2025, 6, 30), ["new"])
    _, [event] = plan["record"]
    assert (event.officials_moved, event.position_ids, event.closures[0].successor_id) == (1, ["p1"], "new")


@pytest.mark.parametrize("closures, field", [
    ([("u1", "new"), ("u1", "u2")], "closures"),        # closed twice
    ([("u1", "u2"), ("u2", "new")], "closures"),        # a successor closed by the same decision
])
def test_a_reorganisation_is_refused_before_anything_changes(closures, field):
    with pytest.raises(Invalid) as error:
        reorganisation.plan("reorg-1", [reorganisation.Succession(*c) for c in closures], date(2025, 7, 1), DECISION,
                            UNITS, [], [], [], TODAY)
    assert field in error.value.fields


def test_a_successor_not_in_force_on_the_date_is_a_422():
    with pytest.raises(RuleViolation) as error:
        reorganisation.plan("reorg-1", [reorganisation.Succession("u1", "new")], date(2025, 1, 1), DECISION,
                            UNITS, [], [], [], TODAY)
    assert error.value.rule == "UNIT_NOT_IN_FORCE"
