"""Pure inspection rules (docs/domain.md rule 10; Law 84/2025/QH15, Law 11/2022/QH15 before 1 Jul 2025, Law
56/2010/QH12 before 1 Jul 2023)."""
from datetime import date

import pytest

from services.common.errors import Conflict, Invalid
from services.inspection.domain import inspections, stages
from services.inspection.domain.enums import (STAGE_ORDER, ConclusionResult, InspectionForm, InspectionKind,
                                              InspectionStage, InspectionTopic, Severity)
from services.inspection.domain.law import governing_law
from services.inspection.domain.model import Conclusion, Finding, Inspection, OfficialRef, UnitRef

UNIT = UnitRef(id="unit-a", code="A", name="Sở A", valid_from=date(2000, 1, 1))
DISTRICT = UnitRef(id="unit-d", code="D", name="UBND huyện D", valid_from=date(2010, 1, 1),
                   valid_to=date(2025, 6, 30))
OWN = OfficialRef(id="off-a", full_name="Nguyễn Văn A", unit_id="unit-a", status="ACTIVE")
OTHER = OfficialRef(id="off-b", full_name="Trần Văn B", unit_id="unit-b", status="ACTIVE")


def candidate(unit_id="unit-a", decision_date=date(2025, 8, 1)):
    return Inspection(id="insp-1", title="Kiểm tra công vụ", kind=InspectionKind.KIEM_TRA,
                      form=InspectionForm.AD_HOC, topic=InspectionTopic.PUBLIC_DUTY, unit_id=unit_id,
                      decision_date=decision_date, team=["Lê Văn C"])


def a_finding(*official_ids):
    return Finding(id="fnd-1", violation_type="TTHC_OVERDUE", description="Trễ hạn", severity=Severity.SERIOUS,
                   recorded_on=date(2025, 8, 10), responsible_official_ids=list(official_ids))


def opened():
    return inspections.open_inspection(candidate(), UNIT)[0]


def drafted(inspection=None):
    """Through fieldwork and the results report to the draft conclusion."""
    inspection = inspection or opened()
    for stage, day in ((InspectionStage.FIELDWORK, date(2025, 8, 4)),
                       (InspectionStage.RESULT_REPORT, date(2025, 8, 20)),
                       (InspectionStage.DRAFT_CONCLUSION, date(2025, 8, 25))):
        inspection = stages.advance(inspection, stage, day)[0]
    return inspection


def concluded(result=ConclusionResult.FAILED):
    return inspections.conclude(drafted(), Conclusion(result, date(2025, 9, 1), "Kết luận"))[0]


def test_an_inspection_opens_at_the_decision_stage_and_announces_it():
    inspection, events = inspections.open_inspection(candidate(), UNIT)
    assert inspection.stage == InspectionStage.DECISION and inspection.findings == []
    assert [e.event_type for e in events] == ["inspection_opened"]
    assert events[0].unit_id == "unit-a" and events[0].subject == "insp-1"


def test_the_stage_enum_keeps_the_full_statutory_sequence():
    assert [s.value for s in STAGE_ORDER] == ["DECISION", "FIELDWORK", "RESULT_REPORT", "DRAFT_CONCLUSION",
                                             "CONCLUSION", "PUBLISHED", "FOLLOW_UP", "CLOSED"]


@pytest.mark.parametrize("decision_date, law", [
    (date(2025, 7, 1), "Law 84/2025/QH15"),
    (date(2026, 3, 1), "Law 84/2025/QH15"),
    (date(2025, 6, 30), "Law 11/2022/QH15"),
    (date(2023, 7, 1), "Law 11/2022/QH15"),
    (date(2023, 6, 30), "Law 56/2010/QH12"),
    (date(2017, 5, 1), "Law 56/2010/QH12"),
    (date(2011, 7, 1), "Law 56/2010/QH12"),
    (date(2011, 6, 30), None),      # Law 22/2004/QH11: not modelled
])
def test_the_inspection_law_is_the_one_in_force_on_the_decision_date_rule_10(decision_date, law):
    assert governing_law(decision_date) == law
    assert inspections.open_inspection(candidate(decision_date=decision_date), UNIT)[0].governing_law == law


def test_an_unknown_unit_cannot_be_inspected():
    with pytest.raises(Invalid) as error:
        inspections.open_inspection(candidate(unit_id="unit-x"), None)
    assert "unit unit-x is not known" in error.value.fields["unit_id"][0]


def test_an_abolished_district_cannot_be_inspected_after_1_july_2025():
    with pytest.raises(Invalid) as error:
        inspections.open_inspection(candidate(unit_id="unit-d", decision_date=date(2025, 7, 1)), DISTRICT)
    assert error.value.fields["unit_id"] == ["unit unit-d is not valid on 2025-07-01"]
    assert inspections.open_inspection(candidate(unit_id="unit-d", decision_date=date(2025, 6, 30)), DISTRICT)


def test_a_finding_may_name_officials_of_the_inspected_unit_rule_10():
    updated, events = inspections.record_finding(opened(), a_finding("off-a"), {"off-a": OWN})
    assert updated.findings[0].responsible_official_ids == ["off-a"]
    assert events[0].event_type == "finding_recorded" and events[0].finding_id == "fnd-1"


def test_a_finding_may_name_nobody():
    updated, _ = inspections.record_finding(opened(), a_finding(), {})
    assert updated.findings[0].responsible_official_ids == []


def test_an_official_named_twice_is_held_responsible_once():
    updated, _ = inspections.record_finding(opened(), a_finding("off-a", "off-a"), {"off-a": OWN})
    assert updated.findings[0].responsible_official_ids == ["off-a"]


def test_an_official_of_another_unit_cannot_be_held_responsible_rule_10():
    with pytest.raises(Invalid) as error:
        inspections.record_finding(opened(), a_finding("off-a", "off-b"), {"off-a": OWN, "off-b": OTHER})
    assert error.value.fields == {"responsible_official_ids": [
        "official off-b belonged to unit unit-b on 2025-08-01, not to the inspected unit unit-a"]}


def test_an_unknown_official_cannot_be_held_responsible():
    with pytest.raises(Invalid) as error:
        inspections.record_finding(opened(), a_finding("off-z"), {})
    assert "official off-z is not known" in error.value.fields["responsible_official_ids"][0]


def test_no_finding_is_recorded_after_the_conclusion():
    with pytest.raises(Conflict):
        inspections.record_finding(concluded(), a_finding(), {})


def test_concluding_moves_the_stage_to_conclusion_and_carries_every_finding():
    with_finding, _ = inspections.record_finding(opened(), a_finding("off-a"), {"off-a": OWN})
    done, events = inspections.conclude(drafted(with_finding),
                                        Conclusion(ConclusionResult.FAILED, date(2025, 9, 1), "KL"))
    assert done.stage == InspectionStage.CONCLUSION and done.is_concluded
    assert [e.event_type for e in events] == ["inspection_stage_changed", "inspection_concluded"]
    assert events[1].findings[0].responsible_official_ids == ["off-a"]


def test_an_inspection_is_concluded_only_once():
    with pytest.raises(Conflict):
        inspections.conclude(concluded(), Conclusion(ConclusionResult.PASSED, date(2025, 9, 2), "again"))


def test_a_conclusion_cannot_predate_the_decision():
    with pytest.raises(Invalid) as error:
        inspections.conclude(opened(), Conclusion(ConclusionResult.PASSED, date(2025, 7, 31), "KL"))
    assert error.value.fields == {"concluded_on": ["must not be before the decision date 2025-08-01"]}


def test_a_conclusion_on_the_day_of_the_draft_is_allowed():
    done, _ = inspections.conclude(drafted(), Conclusion(ConclusionResult.PASSED, date(2025, 8, 25), "KL"))
    assert done.conclusion.concluded_on == date(2025, 8, 25)
