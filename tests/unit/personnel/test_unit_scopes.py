"""Personnel lists and the yearly report filtered by the gateway's `unit_ids` (a scoped caller's subtree)."""
import pytest

from services.common.errors import Invalid
from tests.unit.personnel.conftest import official_payload


@pytest.fixture
def tree(service):
    """province -> department -> sub-unit, and another department (ids by code)."""
    ids = {}
    for code, parent in (("TINH", None), ("SNV", "TINH"), ("CCVT", "SNV"), ("STC", "TINH")):
        ids[code] = service.create_unit({"code": code, "name": code, "unit_type": "SO", "level": "PROVINCE",
                                         "valid_from": "2017-01-01", "parent_id": ids.get(parent)})["id"]
    return ids


def register(service, unit_id, national_id):
    position = service.create_position({"unit_id": unit_id, "title": "Chuyên viên", "group": "PROFESSIONAL",
                                        "rank": "01.003"})
    return service.register_official(official_payload({"id": unit_id}, position, national_id=national_id))


def test_the_subtree_of_a_unit_is_itself_and_every_unit_below_it(service, tree):
    assert set(service.unit_subtree(tree["SNV"])) == {tree["SNV"], tree["CCVT"]}
    assert set(service.unit_subtree(tree["TINH"])) == set(tree.values())


def test_units_positions_and_officials_are_those_of_the_scope_with_exact_totals(service, tree):
    for n, code in enumerate(("SNV", "STC", "CCVT", "STC")):
        register(service, tree[code], "0960000000{:02d}".format(n))
    scope = service.unit_subtree(tree["SNV"])
    assert {u["id"] for u in service.list_units({"unit_ids": scope})} == set(scope)
    assert {p["unit_id"] for p in service.list_positions(None, scope)} == set(scope)
    page = service.list_officials({"unit_ids": scope, "limit": 1})
    assert page["total"] == 2 and len(page["items"]) == 1 and page["items"][0]["unit_id"] in scope


def test_a_unit_filter_is_intersected_with_the_scope(service, tree):
    register(service, tree["STC"], "096000000010")
    register(service, tree["CCVT"], "096000000011")
    scope = service.unit_subtree(tree["SNV"])
    assert service.list_officials({"unit_id": tree["STC"], "unit_ids": scope})["total"] == 0
    assert service.list_officials({"unit_id": tree["TINH"], "include_sub_units": "true", "unit_ids": scope})[
        "total"] == 1
    assert service.list_positions(tree["STC"], scope) == []


def test_reviews_and_schemes_are_filtered_by_unit_in_the_store(service, tree):
    for n, code in enumerate(("SNV", "STC")):
        official = register(service, tree[code], "0960000000{:02d}".format(20 + n))
        service.open_review({"official_id": official["id"], "origin_ref": "CV-{}".format(n), "reason": "Xem xét",
                             "opened_on": "2024-01-02"})
        service.submit_scheme({"unit_id": tree[code], "title": "Đề án", "submitted_on": "2024-01-02",
                               "position_count": 1, "headcount": 1})
    scope = service.unit_subtree(tree["SNV"])
    assert [r["unit_id"] for r in service.list_reviews({"unit_ids": scope})["items"]] == [tree["SNV"]]
    assert service.list_schemes({"unit_ids": scope})["total"] == 1 and service.list_schemes({})["total"] == 2


def test_the_yearly_report_of_a_scope_counts_only_its_officials(service, tree):
    register(service, tree["CCVT"], "096000000030")
    register(service, tree["STC"], "096000000031")
    assert service.annual_report(2024, None, service.unit_subtree(tree["SNV"]))["standards_assessed"] == 1
    assert service.annual_report(2024)["standards_assessed"] == 2


def test_unit_ids_must_be_a_list_of_ids():
    from services.common.schemas import load_or_invalid
    from services.common.schemas_scope import scoped
    from services.personnel.api import ListOfficialsQuery
    with pytest.raises(Invalid):
        load_or_invalid(scoped(ListOfficialsQuery)(), {"unit_ids": "unit-1"})
