"""Rank standards (tiêu chuẩn ngạch công chức hành chính) by the rule set valid on the date, together with the
job position's standards."""
from datetime import date

import pytest

from services.common.errors import Invalid
from services.personnel.domain.enums import QualificationKind as K
from services.personnel.domain.rank_standards import rank_standards_on
from services.personnel.domain.standards import Qualification, Requirement, evaluate_standards
from tests.stored import pending_events
from tests.unit.personnel.conftest import SPECIALIST_QUALIFICATIONS, official_payload

OLD = "Circular 11/2014/TT-BNV"
NEW = "Circular 02/2021/TT-BNV"


def held(*pairs, on=date(2012, 6, 30)):
    return [Qualification(kind, level, on) for kind, level in pairs]


UNIVERSITY = (K.EDUCATION, "DAI_HOC")
CERTIFIED_SPECIALIST = held(UNIVERSITY, (K.STATE_MANAGEMENT, "CHUYEN_VIEN"), (K.IT_SKILL, "BASIC"))


def gaps(rank, qualifications, as_of, category="CONG_CHUC", requirements=()):
    status = evaluate_standards(qualifications, list(requirements), as_of, rank_standards_on(rank, category, as_of))
    return status.rank_rule_set, [(g.kind, g.required_level, g.source) for g in status.missing]


RANKS = [  # (legal basis, as of, rank, qualifications held, missing items (kind, level)) - each rank, both sets
    (OLD, date(2020, 6, 1), "01.003", CERTIFIED_SPECIALIST, [(K.FOREIGN_LANGUAGE, "BAC_2")]),
    (NEW, date(2022, 6, 1), "01.003", CERTIFIED_SPECIALIST, []),
    (NEW, date(2022, 6, 1), "01.003", held(UNIVERSITY), [(K.STATE_MANAGEMENT, "CHUYEN_VIEN")]),
    (OLD, date(2019, 1, 1), "01.002", held(UNIVERSITY, (K.STATE_MANAGEMENT, "CHUYEN_VIEN_CHINH"),
                                           (K.FOREIGN_LANGUAGE, "BAC_3"), (K.IT_SKILL, "BASIC")), []),
    (NEW, date(2022, 6, 1), "01.002", held(UNIVERSITY, (K.STATE_MANAGEMENT, "CHUYEN_VIEN_CHINH")),
     [(K.POLITICAL_THEORY, "TRUNG_CAP")]),
    (OLD, date(2019, 1, 1), "01.001", held(UNIVERSITY, (K.POLITICAL_THEORY, "CAO_CAP"),
                                           (K.STATE_MANAGEMENT, "CHUYEN_VIEN_CAO_CAP"), (K.IT_SKILL, "BASIC")),
     [(K.FOREIGN_LANGUAGE, "BAC_4")]),
    (NEW, date(2022, 6, 1), "01.001", held(UNIVERSITY, (K.POLITICAL_THEORY, "CU_NHAN"),
                                           (K.STATE_MANAGEMENT, "CHUYEN_VIEN_CAO_CAP")), []),
    (OLD, date(2019, 1, 1), "01.004", held((K.EDUCATION, "TRUNG_CAP"), (K.FOREIGN_LANGUAGE, "BAC_1")),
     [(K.IT_SKILL, "BASIC")]),
    (NEW, date(2022, 6, 1), "01.004", held((K.EDUCATION, "TRUNG_CAP")), [(K.EDUCATION, "CAO_DANG")]),
    (OLD, date(2019, 1, 1), "01.005", held((K.EDUCATION, "TRUNG_CAP")), []),
    (NEW, date(2022, 6, 1), "01.005", [], [(K.EDUCATION, "TRUNG_CAP")]),
    (NEW, date(2025, 7, 1), "01.003", CERTIFIED_SPECIALIST, []),      # Law 80/2025: 02/2021 still applied
]


@pytest.mark.parametrize("legal_basis, as_of, rank, qualifications, missing", RANKS)
def test_each_rank_is_judged_by_the_rule_set_valid_on_the_date(legal_basis, as_of, rank, qualifications, missing):
    source = "rank {} under {}".format(rank, legal_basis)
    assert gaps(rank, qualifications, as_of) == (legal_basis, [(kind, level, source) for kind, level in missing])


def test_the_language_certificate_stops_counting_on_1_august_2021_circular_02_2021():
    assert gaps("01.003", CERTIFIED_SPECIALIST, date(2021, 7, 31))[1] != []
    assert gaps("01.003", CERTIFIED_SPECIALIST, date(2021, 8, 1)) == (NEW, [])


@pytest.mark.parametrize("rank, category, as_of", [
    ("01.003", "VIEN_CHUC", date(2022, 6, 1)),           # viên chức hold professional titles, not ranks
    ("01.003", "HOP_DONG", date(2022, 6, 1)),
    ("CHUYEN_GIA_CAO_CAP", "CONG_CHUC", date(2025, 8, 1)),   # Law 80/2025 rank: no rule set modelled
    ("01.003", "CONG_CHUC", date(2014, 11, 24)),         # before Circular 11/2014/TT-BNV took effect
])
def test_without_a_rank_rule_set_only_the_position_counts(rank, category, as_of):
    theory = Requirement(K.POLITICAL_THEORY, "TRUNG_CAP")
    assert gaps(rank, [], as_of, category, [theory]) == (None, [(K.POLITICAL_THEORY, "TRUNG_CAP", "position")])


def test_the_cadre_holding_an_administrative_rank_is_judged_on_it_too():
    assert gaps("01.003", held(UNIVERSITY), date(2022, 6, 1), "CAN_BO")[1] == [
        (K.STATE_MANAGEMENT, "CHUYEN_VIEN", "rank 01.003 under " + NEW)]


def test_for_one_kind_the_stricter_of_rank_and_position_wins():
    master = Requirement(K.EDUCATION, "THAC_SI")
    assert gaps("01.003", CERTIFIED_SPECIALIST, date(2022, 6, 1), requirements=[master])[1] == [
        (K.EDUCATION, "THAC_SI", "position")]
    college = Requirement(K.EDUCATION, "CAO_DANG")
    assert gaps("01.003", held((K.EDUCATION, "CAO_DANG"), (K.STATE_MANAGEMENT, "CHUYEN_VIEN")), date(2022, 6, 1),
                requirements=[college])[1] == [(K.EDUCATION, "DAI_HOC", "rank 01.003 under " + NEW)]


def test_a_field_of_study_named_by_the_position_applies_to_the_rank_level():
    law_college = Requirement(K.EDUCATION, "CAO_DANG", field_of_study="Luật")
    economist = [Qualification(K.EDUCATION, "DAI_HOC", date(2012, 6, 30), field_of_study="Kinh tế"),
                 Qualification(K.STATE_MANAGEMENT, "CHUYEN_VIEN", date(2016, 1, 1))]
    status = evaluate_standards(economist, [law_college], date(2022, 6, 1),
                                rank_standards_on("01.003", "CONG_CHUC", date(2022, 6, 1)))
    assert [(g.required_level, g.field_of_study, g.source) for g in status.missing] == [
        ("DAI_HOC", "Luật", "rank 01.003 under {} + position".format(NEW))]


# --- through the service: the stored status, the view of a date, a change of rank -------------------------
def specialist(service, unit, position):
    """A chuyên viên meeting rank 01.003 under Circular 02/2021/TT-BNV and the fixture position (theory)."""
    theory = {"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP", "obtained_on": "2016-05-20"}
    return service.register_official(official_payload(unit, position,
                                                      qualifications=[*SPECIALIST_QUALIFICATIONS, theory]))


def test_the_standards_of_a_past_date_list_the_rank_gaps_of_the_rule_set_then_valid(service, unit, position):
    official = specialist(service, unit, position)
    assert official["standards"]["met"] is True
    in_2020 = service.get_standards(official["id"], {"as_of": "2020-06-01"})
    assert (in_2020["met"], in_2020["rank_rule_set"]) == (False, OLD)
    assert [(g["kind"], g["required_level"], g["source"]) for g in in_2020["missing"]] == [
        ("FOREIGN_LANGUAGE", "BAC_2", "rank 01.003 under " + OLD), ("IT_SKILL", "BASIC", "rank 01.003 under " + OLD)]
    assert service.compliance_report({"as_of": "2020-06-01"})["rate"] == 0.0
    assert service.compliance_report({"as_of": "2022-06-01"})["rate"] == 1.0


def test_a_promotion_to_another_rank_re_evaluates_the_standards_and_announces_the_flip(service, db, unit, position):
    official = specialist(service, unit, position)
    promoted = service.change_rank(official["id"], {"rank": "01.002", "effective_from": "2026-01-05", "decision": {
        "number": "5/QĐ-UBND", "signer": "Chủ tịch UBND tỉnh", "signed_on": "2026-01-05",
        "legal_basis": "Law 80/2025/QH15 (nâng ngạch)"}})
    promoted = service.get_official(official["id"])
    assert [(g["kind"], g["required_level"]) for g in promoted["standards"]["missing"]] == [
        ("STATE_MANAGEMENT", "CHUYEN_VIEN_CHINH")]
    [flip] = [e["envelope"]["data"] for e in pending_events(db, "officials", official["id"])
              if e["routing_key"] == "standards_status_changed" and not e["envelope"]["data"]["met"]]
    assert (flip["previously_met"], flip["rank_rule_set"]) == (True, NEW)
    assert flip["missing"][0]["source"] == "rank 01.002 under " + NEW


def _flips(db, official_id):
    return [(e["envelope"]["data"]["previously_met"], e["envelope"]["data"]["met"], e["envelope"]["data"]["as_of"])
            for e in pending_events(db, "officials", official_id)
            if e["routing_key"] == "standards_status_changed"]


def test_the_daily_recheck_flips_the_status_when_a_rule_set_takes_effect_circular_02_2021(service, db, unit, position):
    official = specialist(service, unit, position)
    db.officials.update_one({"_id": official["id"]}, {"$set": {"_outbox": []}})

    before = service.recheck_standards({"as_of": "2021-07-31"})     # Circular 11/2014: certificates required
    after = service.recheck_standards({"as_of": "2021-08-01"})      # Circular 02/2021: skills, no certificates

    assert before["changed"] == [{"official_id": official["id"], "met": False}]
    assert after["changed"] == [{"official_id": official["id"], "met": True}] and after["checked"] == 1
    assert _flips(db, official["id"]) == [(True, False, "2021-07-31"), (False, True, "2021-08-01")]


def test_a_recheck_that_changes_nothing_writes_and_announces_nothing(service, db, unit, position):
    official = specialist(service, unit, position)
    version = db.officials.find_one({"_id": official["id"]})["_version"]
    assert service.recheck_standards({"as_of": "2024-01-01"})["changed"] == []
    assert db.officials.find_one({"_id": official["id"]})["_version"] == version


def test_a_recheck_of_a_day_after_today_is_refused(service):
    with pytest.raises(Invalid):
        service.recheck_standards({"as_of": "2999-01-01"})
