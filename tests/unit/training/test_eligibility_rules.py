"""Rule 8 gates of degree and postgraduate enrollment, with the rule set valid on the enrollment date."""
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from services.common.envelope import sequence_of
from services.common.errors import RuleViolation
from services.training.domain.eligibility import (RULE_SETS, check_enrollment, full_years,
                                                  postgraduate_shortfalls, rules_on)
from services.training.domain.enums import ContentArea, CourseKind, CredentialKind, Location
from services.training.domain.model import Course, Credential, Evaluation, OfficialSnapshot
from tests.unit.training.builders import course_payload, evaluation_recorded, official_registered

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)
OFFICIAL = OfficialSnapshot(id="off-1", full_name="Lê Văn Tám", unit_id="unit-1", status="ACTIVE",
                            birth_date=date(1985, 3, 10), service_start_date=date(2020, 3, 1), source_time=T0,
                            evaluations=[Evaluation(2023, "GOOD", T0), Evaluation(2024, "EXCELLENT", T0)])
MASTER = Course(id="crs-1", title="Thạc sĩ quản lý công", kind=CourseKind.POSTGRADUATE,
                content_area=ContentArea.JOB_SPECIFIC, location=Location.DOMESTIC, organiser="Học viện Hành chính",
                start_date=date(2025, 9, 1), end_date=date(2027, 8, 31), hours=1200, capacity=5, assessments=4,
                credential=Credential(CredentialKind.EDUCATION, "THAC_SI"), tuition=60_000_000)
ON = date(2025, 8, 15)


def test_the_rule_set_is_the_one_valid_on_the_enrollment_date():
    assert rules_on(date(2025, 6, 30)).legal_basis.startswith("Decree 101/2017")
    assert rules_on(date(2025, 7, 1)).legal_basis == "Decree 171/2025/ND-CP"
    assert rules_on(date(2018, 1, 1)) is RULE_SETS[0]
    assert all(rules.commitment_multiplier == 3 for rules in RULE_SETS)


def test_full_years_count_anniversaries():
    assert full_years(date(2020, 3, 1), date(2023, 2, 28)) == 2
    assert full_years(date(2020, 3, 1), date(2023, 3, 1)) == 3


def test_an_eligible_official_passes_the_postgraduate_gate_rule_8():
    assert postgraduate_shortfalls(OFFICIAL, ON, None, rules_on(ON)) == []
    assert check_enrollment(MASTER, OFFICIAL, ON, commits_to_serve=True).legal_basis == "Decree 171/2025/ND-CP"


def test_three_years_of_service_are_required_rule_8():
    young = replace(OFFICIAL, service_start_date=date(2022, 8, 16))
    assert postgraduate_shortfalls(young, ON, None, rules_on(ON)) == [
        "2 full year(s) of service on 2025-08-15; at least 3 required"]


def test_good_or_better_in_each_of_the_two_previous_years_rule_8():
    rated = replace(OFFICIAL, evaluations=[Evaluation(2023, "COMPLETED", T0), Evaluation(2022, "EXCELLENT", T0)])
    assert postgraduate_shortfalls(rated, ON, None, rules_on(ON)) == [
        "rated COMPLETED in 2023; GOOD or better is required in the 2 previous years",
        "rated nothing known in 2024; GOOD or better is required in the 2 previous years"]


def test_at_most_45_when_first_sent_to_postgraduate_training_rule_8():
    older = replace(OFFICIAL, birth_date=date(1980, 1, 1))   # 45 on 2025-08-15
    assert postgraduate_shortfalls(older, ON, None, rules_on(ON)) == []
    oldest = replace(OFFICIAL, birth_date=date(1979, 8, 14))  # 46
    assert postgraduate_shortfalls(oldest, ON, None, rules_on(ON)) == [
        "aged 46 when first sent to postgraduate training (2025-08-15); at most 45"]
    # a doctorate after a master's started at 44: the age at the first course counts
    assert postgraduate_shortfalls(oldest, ON, date(2023, 9, 1), rules_on(ON)) == []


def test_a_refusal_is_a_rule_violation_naming_the_rule_and_the_basis_valid_then():
    young = replace(OFFICIAL, service_start_date=date(2023, 1, 1))
    with pytest.raises(RuleViolation) as now:
        check_enrollment(MASTER, young, ON, commits_to_serve=True)
    assert now.value.rule == "RULE_8_POSTGRADUATE_ELIGIBILITY"
    assert now.value.legal_basis == "Decree 171/2025/ND-CP"
    with pytest.raises(RuleViolation) as before:
        check_enrollment(MASTER, replace(young, service_start_date=date(2022, 1, 1),
                                         evaluations=[]), date(2024, 12, 1), commits_to_serve=True)
    assert before.value.legal_basis.startswith("Decree 101/2017")


def test_postgraduate_courses_need_the_explicit_service_commitment_rule_8():
    with pytest.raises(RuleViolation) as error:
        check_enrollment(MASTER, OFFICIAL, ON, commits_to_serve=False)
    assert error.value.rule == "RULE_8_SERVICE_COMMITMENT"
    assert list(error.value.fields) == ["commits_to_serve"]
    # degree training carries the commitment without a separate acceptance; fostering none
    check_enrollment(replace(MASTER, kind=CourseKind.DEGREE), OFFICIAL, ON, commits_to_serve=False)
    check_enrollment(replace(MASTER, kind=CourseKind.FOSTERING), OFFICIAL, ON, commits_to_serve=False)


# --- through the service ------------------------------------------------------------------------------
def master_course(service):
    return service.create_course(course_payload(
        kind="POSTGRADUATE", content_area="JOB_SPECIFIC", credential={"kind": "EDUCATION", "level": "THAC_SI"},
        start_date="2025-09-01", end_date="2026-08-31", capacity=3, tuition=40_000_000, other_costs=8_000_000))


def test_the_service_refuses_an_ineligible_official_with_nothing_written(service, db):
    service.handle_official_registered(official_registered("off-1", service_start_date="2010-01-01"))
    course = master_course(service)
    with pytest.raises(RuleViolation) as error:
        service.enroll({"course_id": course["id"], "official_id": "off-1", "enrolled_on": "2025-08-01",
                        "commits_to_serve": True})
    assert error.value.fields["official_id"][0].startswith("rated nothing known in 2023")
    assert db.enrollments.count_documents({}) == 0 and service.get_course(course["id"])["enrolled_count"] == 0


def test_ratings_projected_from_personnel_open_the_gate_and_the_commitment_is_recorded(service):
    service.handle_official_registered(official_registered("off-1", service_start_date="2010-01-01"))
    for year in (2023, 2024):
        event = evaluation_recorded("off-1", year, "GOOD")
        service.handle_evaluation_recorded(event)
        service.handle_evaluation_recorded(event)
    course = master_course(service)
    enrollment = service.enroll({"course_id": course["id"], "official_id": "off-1", "enrolled_on": "2025-08-01",
                                 "commits_to_serve": True})
    assert enrollment["commitment"] == {
        "multiplier": 3, "training_days": 365, "committed_days": 1095, "costs": 48_000_000,
        "legal_basis": "Decree 171/2025/ND-CP", "status": "TRAINING", "service_from": None,
        "service_until": None, "repayment": None}


def test_a_late_older_rating_does_not_undo_a_newer_one(service, db):
    service.handle_official_registered(official_registered("off-1"))
    newer = dict(evaluation_recorded("off-1", 2024, "GOOD"), time="2025-03-01T00:00:00.000+00:00")
    older = dict(evaluation_recorded("off-1", 2024, "COMPLETED"), time="2025-02-01T00:00:00.000+00:00")
    service.handle_evaluation_recorded(newer)
    service.handle_evaluation_recorded(older)
    assert [e["rating"] for e in db.officials.find_one({"_id": "off-1"})["evaluations"]] == ["GOOD"]
    service.handle_official_registered(official_registered("off-1", full_name="Tên mới"))
    assert db.officials.find_one({"_id": "off-1"})["evaluations"][0]["year"] == 2024   # kept


def test_a_re_rating_stamped_earlier_by_another_personnel_replica_still_replaces_the_rating(service, db):
    """The evaluation's version (its `sequence`) orders the year's ratings; clocks only order events without."""
    service.handle_official_registered(official_registered("off-1"))
    first = dict(evaluation_recorded("off-1", 2024, "COMPLETED"), time="2025-03-01T00:05:00.000+00:00",
                 sequence=sequence_of(1))
    rerated = dict(evaluation_recorded("off-1", 2024, "GOOD"), time="2025-03-01T00:00:00.000+00:00",
                   sequence=sequence_of(2))                      # its replica's clock is five minutes behind
    service.handle_evaluation_recorded(first)
    service.handle_evaluation_recorded(rerated)
    service.handle_evaluation_recorded(dict(first, id="a-late-retry-of-the-first"))
    [rating] = db.officials.find_one({"_id": "off-1"})["evaluations"]
    assert (rating["rating"], rating["version"]) == ("GOOD", 2)


def test_an_enrollment_date_cannot_be_in_the_future(service, course, officials):
    with pytest.raises(Exception) as error:
        service.enroll({"course_id": course["id"], "official_id": "off-1", "enrolled_on": "2999-01-01"})
    assert list(error.value.fields) == ["enrolled_on"]
