"""The organisation as an effective-dated tree, schemes, staffing, compliance and the officials list."""
import pytest

from services.common.errors import Conflict, Invalid, NotFound, RuleViolation
from tests.stored import pending_types
from tests.unit.personnel.conftest import official_payload


def unit(service, code, level="PROVINCE", parent=None, valid_from="2017-01-01", **extra):
    return service.create_unit(dict({"code": code, "name": "Đơn vị " + code, "unit_type": "UBND", "level": level,
                                     "parent_id": parent["id"] if parent else None, "valid_from": valid_from},
                                    **extra))


def outbox_keys(db, unit_id):
    return pending_types(db, "units", unit_id)


@pytest.fixture
def merger(service):
    """Cà Mau and Bạc Liêu merged on 1 Jul 2025; the district of Phú Tân abolished, its work to a commune."""
    ca_mau = unit(service, "CM", decision_ref="QĐ thành lập 1997")
    bac_lieu = unit(service, "BL")
    phu_tan = unit(service, "PT", "DISTRICT", ca_mau)
    new_ca_mau = unit(service, "CM-2025", valid_from="2025-07-01", decision_ref="Nghị quyết sáp nhập 2025")
    commune = unit(service, "XA-PT", "COMMUNE", new_ca_mau, valid_from="2025-07-01")
    for old in (ca_mau, bac_lieu):
        service.close_unit(old["id"], {"valid_to": "2025-06-30", "successor_ids": [new_ca_mau["id"]],
                                       "decision_ref": "Nghị quyết 2025 về sắp xếp ĐVHC cấp tỉnh"})
    service.close_unit(phu_tan["id"], {"valid_to": "2025-06-30", "successor_ids": [commune["id"]],
                                       "decision_ref": "Kết thúc hoạt động cấp huyện từ 1/7/2025"})
    return ca_mau, bac_lieu, phu_tan, new_ca_mau, commune


def test_the_2025_merger_and_district_abolition_are_expressible_and_queried_as_of_a_date(service, db, merger):
    ca_mau, bac_lieu, phu_tan, new_ca_mau, commune = merger
    before = {u["code"] for u in service.list_units({"as_of": "2025-06-30"})}
    after = {u["code"] for u in service.list_units({"as_of": "2025-07-01"})}
    assert before == {"CM", "BL", "PT"} and after == {"CM-2025", "XA-PT"}
    closed = service.get_unit(ca_mau["id"])
    assert closed["successor_ids"] == [new_ca_mau["id"]] and closed["valid_to"] == "2025-06-30"
    assert outbox_keys(db, ca_mau["id"]) == ["unit_created", "unit_updated"]
    assert {u["code"] for u in service.list_units({"level": "DISTRICT"})} == {"PT"}   # history kept


def test_a_successor_must_be_in_force_the_day_after_the_closure(service, merger):
    _, bac_lieu, phu_tan, new_ca_mau, _ = merger
    late = unit(service, "LATE", valid_from="2026-01-01")
    with pytest.raises(RuleViolation) as error:
        service.close_unit(unit(service, "X1")["id"], {"valid_to": "2025-06-30", "successor_ids": [late["id"]],
                                                       "decision_ref": "NQ 1"})
    assert error.value.rule == "UNIT_NOT_IN_FORCE" and error.value.legal_basis == "NQ 1"
    with pytest.raises(NotFound):
        service.close_unit(bac_lieu["id"], {"valid_to": "2025-06-01", "successor_ids": ["unit-x"],
                                            "decision_ref": "NQ"})


def test_registering_in_a_unit_that_no_longer_exists_is_a_422_naming_its_decision(service, merger):
    _, _, phu_tan, _, commune = merger
    position = service.create_position({"unit_id": commune["id"], "title": "Công chức văn hóa - xã hội",
                                        "group": "PROFESSIONAL", "rank": "01.003"})
    with pytest.raises(RuleViolation) as error:
        service.create_position({"unit_id": phu_tan["id"], "title": "x", "group": "PROFESSIONAL", "rank": "01.003"})
    assert error.value.rule == "UNIT_NOT_IN_FORCE" and "cấp huyện" in error.value.legal_basis
    assert service.register_official(official_payload(commune, position))["status"] == "ACTIVE"


def test_units_are_renamed_and_moved_without_cycles(service, db):
    province = unit(service, "PP")
    department = unit(service, "DD", parent=province)
    office = unit(service, "OO", parent=department)
    renamed = service.update_unit(department["id"], {"name": "Sở Nội vụ tỉnh Cà Mau"})
    assert renamed["name"] == "Sở Nội vụ tỉnh Cà Mau" and outbox_keys(db, department["id"])[-1] == "unit_updated"
    with pytest.raises(Invalid):
        service.update_unit(department["id"], {"parent_id": office["id"]})
    with pytest.raises(Invalid):
        service.update_unit(department["id"], {})


def test_a_unit_head_is_a_registered_official_unknown_ones_are_404(service, db):
    """A failed inspection naming nobody opens a review of the unit's head: an unknown head would fail that
    event for good (the walk of tests/deployed/test_route_walk.py found both writes accepting one)."""
    with pytest.raises(NotFound):
        unit(service, "HH", head_official_id="off-unknown")
    assert db.units.count_documents({}) == 0
    office = unit(service, "OO")
    with pytest.raises(NotFound):
        service.update_unit(office["id"], {"head_official_id": "off-unknown"})
    assert service.get_unit(office["id"])["head_official_id"] is None
    position = staff(service, office, 1)
    head = service.register_official(official_payload(office, position))
    assert service.update_unit(office["id"], {"head_official_id": head["id"]})["head_official_id"] == head["id"]
    assert unit(service, "HH", head_official_id=head["id"])["head_official_id"] == head["id"]
    assert service.update_unit(office["id"], {"head_official_id": None})["head_official_id"] is None


def staff(service, the_unit, quota, rank="01.003", requirements=()):
    return service.create_position({"unit_id": the_unit["id"], "title": "Chuyên viên " + rank, "rank": rank,
                                    "group": "PROFESSIONAL", "headcount_quota": quota,
                                    "requirements": list(requirements)})


def test_the_staffing_report_counts_quota_filled_vacant_and_ranks_including_sub_units(service):
    department = unit(service, "SNV")
    office = unit(service, "SNV-P1", parent=department)
    specialist, principal = staff(service, department, 3), staff(service, office, 1, rank="01.002")
    for number, position in enumerate([specialist, specialist, principal, principal]):
        target = department if position is specialist else office
        service.register_official(official_payload(target, position, national_id="09609000{:04d}".format(number),
                                                    rank=position["rank"]))
    report = service.staffing_report(department["id"], {"as_of": "2026-01-01"})
    assert (report["quota"], report["filled"], report["vacant"], report["over_quota"]) == (4, 4, 1, 0)
    assert [(r["rank"], r["quota"], r["filled"], r["vacant"]) for r in report["positions"]] == [
        ("01.002", 1, 2, 0), ("01.003", 3, 2, 1)]
    assert report["rank_structure"] == [{"rank": "01.002", "count": 2, "share": 0.5},
                                        {"rank": "01.003", "count": 2, "share": 0.5}]
    only = service.staffing_report(department["id"], {"include_sub_units": "false", "as_of": "2026-01-01"})
    assert (only["quota"], only["filled"]) == (3, 2)


def test_job_position_schemes_are_approved_once(service):
    department = unit(service, "SYT")
    scheme = service.submit_scheme({"unit_id": department["id"], "title": "Đề án vị trí việc làm Sở Y tế",
                                    "submitted_on": "2025-03-01", "position_count": 25, "headcount": 80})
    approved = service.decide_scheme(scheme["id"], {"approved": True, "decided_on": "2025-04-10",
                                                    "decision_ref": "QĐ 555/QĐ-UBND", "approver": "UBND tỉnh"})
    assert (approved["status"], approved["decided_on"]) == ("APPROVED", "2025-04-10")
    with pytest.raises(Conflict):
        service.decide_scheme(scheme["id"], {"approved": False, "decided_on": "2025-04-11", "decision_ref": "x",
                                             "approver": "x"})
    assert service.list_schemes({"status": "APPROVED"})["total"] == 1


def test_the_officials_list_filters_by_sub_units_category_status_standards_and_name(service):
    department = unit(service, "STP")
    office = unit(service, "STP-1", parent=department)
    needs_theory = [{"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP"}]
    plain, demanding = staff(service, department, 5), staff(service, office, 5, requirements=needs_theory)
    service.register_official(official_payload(department, plain, full_name="Nguyễn Văn An"))
    service.register_official(official_payload(office, demanding, full_name="Trần Thị Bình",
                                               national_id="096090001235", category="VIEN_CHUC"))
    names = lambda **q: [o["full_name"] for o in service.list_officials(q)["items"]]  # noqa: E731
    assert names(unit_id=department["id"]) == ["Nguyễn Văn An"]
    assert names(unit_id=department["id"], include_sub_units="true") == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert names(category="VIEN_CHUC") == ["Trần Thị Bình"]
    assert names(standards_met="false") == ["Trần Thị Bình"]
    assert names(q="nguyen van") == ["Nguyễn Văn An"] and names(q="Bình") == ["Trần Thị Bình"]
    assert names(q=".*") == [] and names(status="SEPARATED") == []
    page = service.list_officials({"limit": 1, "offset": 1})
    assert page["total"] == 2 and len(page["items"]) == 1
    with pytest.raises(Invalid) as error:
        service.list_officials({"category": "X", "standards_met": "maybe"})
    assert {"category", "standards_met"} <= set(error.value.fields)

    rates = service.compliance_report({"as_of": "2026-01-01"})
    assert (rates["officials"], rates["met"], rates["rate"]) == (2, 1, 0.5)
    assert [(u["unit_id"], u["rate"]) for u in rates["units"]] == [(department["id"], 0.5)]
    by_unit = service.compliance_report({"unit_id": department["id"], "as_of": "2026-01-01"})
    assert [(u["unit_id"], u["rate"]) for u in by_unit["units"]] == [(office["id"], 0.0)]


def test_an_unknown_unit_is_404_in_the_path_and_400_in_the_query(service):
    with pytest.raises(NotFound):
        service.compliance_report({}, "unit-x")
    with pytest.raises(Invalid) as error:
        service.compliance_report({"unit_id": "unit-x"})
    assert "unit_id" in error.value.fields


def test_a_position_s_quota_can_change_and_shows_in_the_staffing_report(service):
    department = unit(service, "SCT")
    position = staff(service, department, 2)
    assert service.update_position(position["id"], {"headcount_quota": 4})["headcount_quota"] == 4
    assert service.staffing_report(department["id"], {})["quota"] == 4
    with pytest.raises(Invalid):
        service.update_position(position["id"], {"unit_id": "elsewhere"})


def test_the_officials_list_pages_by_cursor_as_it_pages_by_offset(service):
    department = unit(service, "SCT")
    post = staff(service, department, 40)
    names = ["Lê Văn An", "Nguyễn Văn An", "Nguyễn Văn An", "Bùi Thị Lan", "Nguyễn Văn An", "Võ Minh"] * 4
    for i, name in enumerate(names):
        service.register_official(official_payload(department, post, full_name=name,
                                                   national_id="0960{:08d}".format(i),
                                                   category="VIEN_CHUC" if i % 3 else "CONG_CHUC"))
    for query in ({}, {"category": "VIEN_CHUC"}, {"q": "nguyen van"}, {"unit_id": department["id"]}):
        everything = service.list_officials(dict(query, limit=200))
        walked, page = [], service.list_officials(dict(query, limit=5, total="false"))
        while True:
            assert page["total"] is None
            walked += page["items"]
            if not page["next"]:
                break
            page = service.list_officials(dict(query, limit=5, after=page["next"], total="false"))
        assert [o["id"] for o in walked] == [o["id"] for o in everything["items"]]
        assert everything["total"] == len(walked) and everything["next"] is None
    second = service.list_officials({"limit": 5, "offset": 5})
    assert service.list_officials({"limit": 5, "after": service.list_officials({"limit": 5})["next"]})["items"] == \
        second["items"]
    for bad in ("x", "WyJhIl0", "e30"):
        with pytest.raises(Invalid) as error:
            service.list_officials({"after": bad})
        assert "after" in error.value.fields
