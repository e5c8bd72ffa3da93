"""Bad input is refused with a message per field, before anything is read or written."""
import pytest

from services.common.errors import Invalid
from tests.unit.inspection.builders import conclusion, finding, opening, seed_personnel, wired_service


@pytest.fixture
def service():
    service, _ = wired_service()
    seed_personnel(service)
    return service


def refused(call, *args):
    with pytest.raises(Invalid) as error:
        call(*args)
    return error.value.fields


def test_an_empty_opening_names_every_missing_field(service):
    fields = refused(service.open_inspection, {})
    assert set(fields) == {"title", "kind", "form", "topic", "unit_id", "decision_date", "team"}
    assert fields["title"] == ["Missing data for required field."]


@pytest.mark.parametrize("override, field, message", [
    ({"kind": "AUDIT"}, "kind", "Must be one of: THANH_TRA, KIEM_TRA."),
    ({"form": "SOMETIMES"}, "form", "Must be one of: PLANNED, AD_HOC."),
    ({"topic": "X"}, "topic", "Must be one of: PERSONNEL_WORK, PUBLIC_DUTY, ADMIN_REFORM, TTHC_COMPLIANCE."),
    ({"title": "   "}, "title", "must not be blank"),
    ({"title": "x" * 301}, "title", "Length must be between 1 and 300."),
    ({"decision_date": "01/08/2025"}, "decision_date", "Not a valid date."),
    ({"team": []}, "team", "the inspection team has 1 to 20 members"),
    ({"team": ["Thanh tra viên"] * 21}, "team", "the inspection team has 1 to 20 members"),
    ({"unit_id": ""}, "unit_id", "Length must be between 1 and 64."),
    ({"budget": 5}, "budget", "Unknown field."),
])
def test_each_bad_opening_field_gets_its_message(service, override, field, message):
    assert refused(service.open_inspection, opening(**override))[field] == [message]


def test_a_blank_team_member_is_pointed_at_by_position(service):
    assert refused(service.open_inspection, opening(team=["Lê Văn C", " "]))["team"] == {1: ["must not be blank"]}


def test_mongodb_operators_are_refused(service):
    # the shared CommandSchema names the operator's path (other messages for the field may come too)
    fields = refused(service.open_inspection, opening(unit_id={"$ne": None}))
    assert fields["unit_id.$ne"] == ["keys starting with '$' or containing '.' are not allowed"]


@pytest.mark.parametrize("override, field, message", [
    ({"violation_type": "late filing"}, "violation_type",
     "a short code of capital letters, digits and _ (e.g. TTHC_OVERDUE)"),
    ({"description": ""}, "description", "Length must be between 1 and 4000."),
    ({"description": "x" * 4001}, "description", "Length must be between 1 and 4000."),
    ({"severity": "MINOR"}, "severity", "Must be one of: LESS_SERIOUS, SERIOUS, VERY_SERIOUS."),
    ({"tthc_domain": "TAX"}, "tthc_domain",
     "Must be one of: LABOUR_INVALIDS_SOCIAL, JUSTICE_CIVIL_STATUS, LAND, OTHER."),
    ({"responsible_official_ids": "off-a1"}, "responsible_official_ids", "Not a valid list."),
    ({"responsible_official_ids": ["off"] * 51}, "responsible_official_ids",
     "at most 50 responsible officials per finding"),
    ({"legal_basis": ""}, "legal_basis", "Length must be between 1 and 500."),
])
def test_each_bad_finding_field_gets_its_message(service, override, field, message):
    inspection = service.open_inspection(opening())
    assert refused(service.record_finding, inspection["id"], finding(**override))[field] == [message]


@pytest.mark.parametrize("override, field, message", [
    ({"result": "OK"}, "result", "Must be one of: PASSED, PASSED_WITH_REMARKS, FAILED."),
    ({"concluded_on": "soon"}, "concluded_on", "Not a valid date."),
    ({"summary": ""}, "summary", "Length must be between 1 and 4000."),
    ({"summary": "x" * 4001}, "summary", "Length must be between 1 and 4000."),
])
def test_each_bad_conclusion_field_gets_its_message(service, override, field, message):
    inspection = service.open_inspection(opening())
    assert refused(service.conclude, inspection["id"], conclusion(**override))[field] == [message]


@pytest.mark.parametrize("call, query, field, message", [
    ("list_inspections", {"limit": 0}, "limit", "Must be greater than or equal to 1 and less than or equal to 200."),
    ("list_inspections", {"result": "MAYBE"}, "result", "Must be one of: PASSED, PASSED_WITH_REMARKS, FAILED."),
    ("list_inspections", {"stage": "DONE"}, "stage",
     "Must be one of: DECISION, FIELDWORK, RESULT_REPORT, DRAFT_CONCLUSION, CONCLUSION, PUBLISHED, FOLLOW_UP, CLOSED."),
    ("list_inspections", {"overdue_only": "1"}, "overdue_only", "Unknown field."),
    ("list_findings", {"offset": -1}, "offset", "Must be greater than or equal to 0."),
    ("list_findings", {"official_id": ""}, "official_id", "Length must be between 1 and 64."),
])
def test_each_bad_query_field_gets_its_message(service, call, query, field, message):
    assert refused(getattr(service, call), query)[field] == [message]


def test_a_payload_that_is_not_an_object_is_refused(service):
    assert refused(service.open_inspection, ["not", "an", "object"]) == {"_schema": ["a JSON object is required"]}
