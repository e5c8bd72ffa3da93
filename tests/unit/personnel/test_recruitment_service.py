"""Recruitment through the service (docs/domain.md rule 12): vacancies from the approved scheme within the quota,
candidates, rounds, ranking, results, officials on probation, the end of probation, the erasure of rejected
candidates' personal data on an injected clock."""
from datetime import date

import pytest
from nameko.testing.services import worker_factory

from services.common.errors import Conflict, Invalid, RuleViolation
from services.personnel.recruitment_settings import RecruitmentSettings, settings_from
from services.personnel.service import PersonnelService
from services.personnel.store import PersonnelStore
from tests.stored import pending_types
from tests.unit.personnel.conftest import official_payload

DEGREE = [{"kind": "EDUCATION", "level": "DAI_HOC", "obtained_on": "2022-06-30", "field_of_study": "Luật"}]


class Clock:
    def __init__(self, day):
        self.day = day

    def __call__(self):
        return self.day


@pytest.fixture
def clock():
    return Clock(date(2026, 1, 1))


@pytest.fixture
def service(db, clock):
    PersonnelStore(db).ensure_indexes()
    return worker_factory(PersonnelService, store=PersonnelStore(db),
                          recruitment_settings=RecruitmentSettings(rejected_retention_days=90, clock=clock))


@pytest.fixture
def office(service, unit):
    """Sở Nội vụ: a chuyên viên position with a quota of 3, one in post; the unit's scheme approved in 2025."""
    position = service.create_position({"unit_id": unit["id"], "title": "Chuyên viên tổ chức", "group": "PROFESSIONAL",
                                        "rank": "01.003", "headcount_quota": 3})
    service.register_official(official_payload(unit, position, service_start_date="2015-09-01"))
    scheme = service.submit_scheme({"unit_id": unit["id"], "title": "Đề án VTVL Sở Nội vụ", "submitted_on": "2025-03-01",
                                    "position_count": 1, "headcount": 3})
    service.decide_scheme(scheme["id"], {"approved": True, "decided_on": "2025-04-01", "decision_ref": "QĐ 1/UBND",
                                         "approver": "UBND tỉnh"})
    return unit, position, scheme


def campaign_body(unit, position, scheme, places=2, **overrides):
    body = {"unit_id": unit["id"], "scheme_id": scheme["id"], "title": "Thi tuyển công chức 2025", "category": "CONG_CHUC",
            "method": "EXAM", "announced_on": "2025-07-10", "application_deadline": "2025-08-10",
            "decision_ref": "KH 12/SNV", "vacancies": [{"position_id": position["id"], "places": places}]}
    body.update(overrides)
    return body


def candidate(service, campaign, position, name, national_id, **overrides):
    body = {"position_id": position["id"], "applied_on": "2025-07-20", "full_name": name, "national_id": national_id,
            "birth_date": "2000-05-05", "qualifications": DEGREE, "phone": "0912345678",
            "email": "ung.vien@example.com", "address": "Phường 5, Cà Mau", "data_legal_basis": "CONSENT"}
    body.update(overrides)
    return service.register_candidate(campaign["id"], body)


def scores(service, candidate_id, *rounds):
    for number, score in enumerate(rounds, start=1):
        service.record_candidate_score(candidate_id, {"round": number, "score": score, "scored_on": "2025-08-20"})


def test_a_campaign_offers_no_more_than_the_quota_minus_staff_in_post_and_other_open_campaigns(service, office):
    unit, position, scheme = office
    with pytest.raises(RuleViolation) as refused:
        service.open_campaign(campaign_body(unit, position, scheme, places=3))
    assert refused.value.rule == "RECRUITMENT_QUOTA"
    assert "at most 2: quota 3, in post on 2025-07-10 1" in refused.value.fields["vacancies.0.places"][0]
    campaign = service.open_campaign(campaign_body(unit, position, scheme, places=1))
    assert campaign["legal_basis"] == "Decree 170/2025/NĐ-CP" and campaign["status"] == "OPEN"
    assert [r["number"] for r in campaign["rounds"]] == [1, 2] and campaign["rounds"][0]["counts_in_total"] is False
    with pytest.raises(RuleViolation) as again:
        service.open_campaign(campaign_body(unit, position, scheme, places=2))
    assert "offered by other open campaigns 1" in again.value.fields["vacancies.0.places"][0]


def test_vacancies_come_from_an_approved_scheme_of_the_unit(service, unit, office):
    _, position, _ = office
    submitted = service.submit_scheme({"unit_id": unit["id"], "title": "Đề án chưa duyệt", "submitted_on": "2025-03-01",
                                       "position_count": 1, "headcount": 3})
    with pytest.raises(RuleViolation) as refused:
        service.open_campaign(campaign_body(unit, position, submitted))
    assert refused.value.rule == "RECRUITMENT_SCHEME" and "scheme_id" in refused.value.fields


def test_candidates_must_be_adults_of_vietnamese_nationality_with_the_ranks_education(service, office):
    unit, position, scheme = office
    campaign = service.open_campaign(campaign_body(unit, position, scheme))
    with pytest.raises(RuleViolation) as refused:
        candidate(service, campaign, position, "Trần Văn Nhỏ", "096208000001", birth_date="2008-01-01",
                  nationality="KH", qualifications=[], priority_points=30)
    assert refused.value.rule == "RECRUITMENT_ELIGIBILITY"
    assert set(refused.value.fields) == {"birth_date", "nationality", "qualifications", "priority_points"}
    candidate(service, campaign, position, "Lê Thị Hoa", "096200000001")
    with pytest.raises(Conflict):
        candidate(service, campaign, position, "Lê Thị Hoa", "096200000001")


def test_round_two_is_sat_only_after_passing_round_one(service, office):
    unit, position, scheme = office
    campaign = service.open_campaign(campaign_body(unit, position, scheme))
    applicant = candidate(service, campaign, position, "Lê Thị Hoa", "096200000001")
    service.record_candidate_score(applicant["id"], {"round": 1, "score": 40, "scored_on": "2025-08-20"})
    with pytest.raises(RuleViolation) as refused:
        service.record_candidate_score(applicant["id"], {"round": 2, "score": 80, "scored_on": "2025-08-25"})
    assert refused.value.rule == "RECRUITMENT_ROUNDS"
    with pytest.raises(Invalid):
        service.record_candidate_score(applicant["id"], {"round": 3, "score": 80, "scored_on": "2025-08-25"})


def test_a_tie_at_the_last_place_is_broken_by_the_last_round_then_by_the_head(service, office):
    unit, position, scheme = office
    campaign = service.open_campaign(campaign_body(unit, position, scheme, places=1))
    first = candidate(service, campaign, position, "Nguyễn Văn An", "096200000001", priority_points=5)
    second = candidate(service, campaign, position, "Trần Thị Bình", "096200000002", priority_points=5)
    scores(service, first["id"], 70, 80)
    scores(service, second["id"], 90, 80)      # round 1 only qualifies: the totals tie at 85
    with pytest.raises(RuleViolation) as refused:
        service.publish_results(campaign["id"], {"published_on": "2025-09-01", "results_ref": "TB 5/HĐTD"})
    assert refused.value.rule == "RECRUITMENT_TIE" and "head_choice_ids" in refused.value.fields
    service.publish_results(campaign["id"], {"published_on": "2025-09-01", "results_ref": "TB 5/HĐTD",
                                             "head_choice_ids": [second["id"]]})
    assert service.get_candidate(second["id"])["status"] == "PASSED"
    assert service.get_candidate(first["id"])["status"] == "REJECTED"
    assert service.get_candidate(first["id"])["total"] == 85


def test_recruited_candidates_become_officials_on_probation_and_rejected_ones_are_erased_after_retention(
        service, office, db, clock):
    unit, position, scheme = office
    campaign = service.open_campaign(campaign_body(unit, position, scheme))
    applicants = [candidate(service, campaign, position, name, "09620000000{}".format(n))
                  for n, name in enumerate(("Nguyễn Văn An", "Trần Thị Bình", "Lý Văn Cường"), start=1)]
    for applicant, (one, two) in zip(applicants, ((60, 90), (75, 70), (80, 55))):
        scores(service, applicant["id"], one, two)
    published = service.publish_results(campaign["id"], {"published_on": "2025-09-01", "results_ref": "TB 5/HĐTD"})
    assert published["status"] == "RESULTS_PUBLISHED"
    assert "recruitment_results_published" in pending_types(db, "recruitment_campaigns", campaign["id"])
    statuses = [service.get_candidate(a["id"])["status"] for a in applicants]
    assert statuses == ["PASSED", "PASSED", "REJECTED"]

    done = service.decide_recruitment(campaign["id"], {"decided_on": "2025-09-10", "decision_ref": "QĐ 99/SNV",
                                                       "service_start_date": "2025-10-01"})
    assert done["status"] == "COMPLETED"
    assert "recruitment_completed" in pending_types(db, "recruitment_campaigns", campaign["id"])
    recruited = service.get_candidate(applicants[0]["id"])
    official = service.get_official(recruited["official_id"])
    assert (official["full_name"], official["rank"], official["service_start_date"]) == (
        "Nguyễn Văn An", "01.003", "2025-10-01")
    assert "official_registered" in pending_types(db, "officials", official["id"])
    probation = service.get_probation(official["id"])
    assert (probation["start"], probation["end"], probation["months"]) == ("2025-10-01", "2026-09-30", 12)
    assert "Decree 170/2025" in probation["legal_basis"] and "unconfirmed" in probation["legal_basis"]

    with pytest.raises(RuleViolation) as early:
        service.end_probation(official["id"], {"passed": True, "ended_on": "2026-09-29", "decision_ref": "QĐ 7"})
    assert early.value.rule == "PROBATION_PERIOD"
    assert service.end_probation(official["id"], {"passed": True, "ended_on": "2026-09-30",
                                                  "decision_ref": "QĐ 7"})["status"] == "PASSED"
    assert "probation_ended" in pending_types(db, "probations", "prob-" + official["id"])
    other = service.get_candidate(applicants[1]["id"])["official_id"]
    service.end_probation(other, {"passed": False, "ended_on": "2026-10-01", "decision_ref": "QĐ 8"})
    assert service.get_official(other)["separation"]["reason"] == "PROBATION_FAILED"

    clock.day = date(2025, 11, 30)                 # 90 days after 1 Sep 2025: kept
    assert service.purge_rejected_candidates()["erased"] == []
    clock.day = date(2025, 12, 1)
    assert service.purge_rejected_candidates()["erased"] == [applicants[2]["id"]]
    erased = service.get_candidate(applicants[2]["id"])
    assert (erased["national_id"], erased["birth_date"], erased["phone"], erased["email"], erased["address"]) == (
        None, None, None, None, None)
    assert erased["full_name"] != "Lý Văn Cường" and erased["erased_on"] == "2025-12-01"
    assert [s["score"] for s in erased["scores"]] == [80, 55] and erased["status"] == "REJECTED"
    assert service.get_candidate(applicants[0]["id"])["national_id"] == "096200000001"   # recruited: kept
    assert service.purge_rejected_candidates()["erased"] == []


def test_the_clock_of_the_erasure_is_a_setting():
    assert settings_from({"RECRUITMENT_CLOCK_DATE": "2027-01-02"}).clock() == date(2027, 1, 2)
    assert settings_from({"RECRUITMENT_REJECTED_RETENTION_DAYS": "30"}).rejected_retention_days == 30
