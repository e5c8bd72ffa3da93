"""Pure domain rules of training (no storage, no nameko)."""
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from services.common.errors import Conflict, Invalid
from services.training.domain.courses import create_course
from services.training.domain.enrollments import (PASS_MARK, certificate_shortfalls, enroll,
                                                  enrollment_id, record_result)
from services.training.domain.enums import (ContentArea, CourseKind, CourseStatus, CredentialKind,
                                            EnrollmentStatus, Location)
from services.training.domain.events import EnrollmentCreated
from services.training.domain.model import Course, Credential, Enrollment, OfficialSnapshot, Result
from services.common.projections import apply_in_order
from services.training.domain.officials import keep_training_facts

COURSE = Course(id="crs-1", title="Trung cấp lý luận chính trị", kind=CourseKind.FOSTERING,
                content_area=ContentArea.POLITICAL_THEORY, location=Location.DOMESTIC,
                organiser="Trường Chính trị tỉnh", start_date=date(2025, 9, 1), end_date=date(2025, 12, 1),
                hours=400, capacity=1, assessments=3,
                credential=Credential(CredentialKind.POLITICAL_THEORY, "TRUNG_CAP"))
OFFICIAL = OfficialSnapshot(id="off-1", full_name="Trần Thị Bé", unit_id="unit-1", status="ACTIVE",
                            birth_date=date(1990, 1, 1), service_start_date=date(2014, 1, 1),
                            source_time=datetime(2025, 1, 1, tzinfo=timezone.utc))
ENROLLMENT = Enrollment(id="enr-1", course_id="crs-1", official_id="off-1", enrolled_on=date(2025, 8, 20))


def result(attended=10, total=10, scores=(6, 7, 8), on=date(2025, 12, 1)):
    return Result(attended_sessions=attended, total_sessions=total, scores=list(scores), recorded_on=on)


# --- rule 8: certificate (Circular 01/2018/TT-BNV) ----------------------------------------------
def test_a_certificate_needs_full_attendance_rule_8():
    assert certificate_shortfalls(9, 10, [9, 9]) == ["attended 9 of 10 sessions; full attendance is required"]
    assert certificate_shortfalls(10, 10, [9, 9]) == []


def test_every_assessment_must_reach_five_out_of_ten_rule_8():
    reasons = certificate_shortfalls(10, 10, [8, 4, 3.5])
    assert reasons == ["assessment 2 scored 4/10; at least 5/10 is required",
                       "assessment 3 scored 3.5/10; at least 5/10 is required"]


def test_a_score_of_exactly_five_passes_and_4_99_fails_rule_8():
    assert PASS_MARK == 5.0
    assert certificate_shortfalls(10, 10, [5.0]) == []
    assert certificate_shortfalls(10, 10, [4.99]) == ["assessment 1 scored 4.99/10; at least 5/10 is required"]


def test_a_course_without_graded_assessments_needs_only_full_attendance_rule_8():
    assert certificate_shortfalls(3, 3, []) == []


def test_a_passing_result_completes_the_enrollment_and_announces_the_credential():
    updated, events = record_result(ENROLLMENT, COURSE, result(scores=[5, 6, 10]))
    assert updated.status == EnrollmentStatus.COMPLETED and updated.result.reasons == []
    [event] = events
    assert event.event_type == "training_completed"
    assert event.credential == Credential(CredentialKind.POLITICAL_THEORY, "TRUNG_CAP")
    assert event.completed_on == date(2025, 12, 1)


def test_a_short_attendance_fails_the_enrollment_with_its_reasons():
    updated, [event] = record_result(ENROLLMENT, COURSE, result(attended=8, scores=[9, 9, 4.99]))
    assert updated.status == EnrollmentStatus.FAILED
    assert event.event_type == "training_failed" and len(event.reasons) == 2
    assert updated.result.reasons == event.reasons


def test_one_score_per_graded_assessment_is_required():
    with pytest.raises(Invalid) as error:
        record_result(ENROLLMENT, COURSE, result(scores=[9, 9]))
    assert error.value.fields == {"scores": ["the course has 3 graded assessment(s); 2 score(s) given"]}


def test_attendance_cannot_exceed_the_sessions_held():
    with pytest.raises(Invalid) as error:
        record_result(ENROLLMENT, COURSE, result(attended=11))
    assert list(error.value.fields) == ["attended_sessions"]


def test_a_result_cannot_be_recorded_before_the_course_starts():
    with pytest.raises(Invalid) as error:
        record_result(ENROLLMENT, COURSE, result(on=date(2025, 8, 31)))
    assert list(error.value.fields) == ["recorded_on"]


def test_an_enrollment_has_one_result():
    done, _ = record_result(ENROLLMENT, COURSE, result())
    with pytest.raises(Conflict):
        record_result(done, COURSE, result())


def test_no_result_for_a_cancelled_course():
    with pytest.raises(Conflict):
        record_result(ENROLLMENT, replace(COURSE, status=CourseStatus.CANCELLED), result())


# --- enrollment ------------------------------------------------------------------------------------
def test_enrollment_ids_are_derived_from_course_and_official():
    assert enrollment_id("crs-1", "off-1") == enrollment_id("crs-1", "off-1")
    assert enrollment_id("crs-1", "off-1") != enrollment_id("crs-1", "off-2")


def test_only_a_known_active_official_may_enroll():
    with pytest.raises(Invalid) as unknown:
        enroll(COURSE, "off-9", None, date(2025, 8, 20))
    assert unknown.value.fields == {"official_id": ["unknown official off-9: not registered by personnel"]}
    with pytest.raises(Invalid) as separated:
        enroll(COURSE, "off-1", replace(OFFICIAL, status="SEPARATED"), date(2025, 8, 20))
    assert "SEPARATED" in separated.value.fields["official_id"][0]


def test_a_full_or_cancelled_course_takes_no_one():
    with pytest.raises(Conflict, match="full"):
        enroll(replace(COURSE, enrolled_count=1), "off-1", OFFICIAL, date(2025, 8, 20))
    with pytest.raises(Conflict, match="not open"):
        enroll(replace(COURSE, status=CourseStatus.CANCELLED), "off-1", OFFICIAL, date(2025, 8, 20))


def test_enrolling_announces_the_enrollment():
    enrollment, [event] = enroll(COURSE, "off-1", OFFICIAL, date(2025, 8, 20))
    assert enrollment.status == EnrollmentStatus.ENROLLED
    assert event == EnrollmentCreated(subject=enrollment.id, enrollment_id=enrollment.id, course_id="crs-1",
                                      official_id="off-1", enrolled_on=date(2025, 8, 20))


# --- courses ----------------------------------------------------------------------------------------
def test_a_course_cannot_end_before_it_starts():
    with pytest.raises(Invalid) as error:
        create_course(replace(COURSE, end_date=date(2025, 8, 31)))
    assert list(error.value.fields) == ["end_date"]


def test_a_credential_names_a_level_of_its_kind():
    with pytest.raises(Invalid) as error:
        create_course(replace(COURSE, credential=Credential(CredentialKind.POLITICAL_THEORY, "THAC_SI")))
    assert "THAC_SI is not a level of POLITICAL_THEORY" in error.value.fields["credential"]["level"][0]


def test_degrees_come_only_from_matching_degree_courses():
    master = Credential(CredentialKind.EDUCATION, "THAC_SI")
    with pytest.raises(Invalid):
        create_course(replace(COURSE, kind=CourseKind.FOSTERING, credential=master))
    with pytest.raises(Invalid):
        create_course(replace(COURSE, kind=CourseKind.DEGREE, credential=master))
    course, [event] = create_course(replace(COURSE, kind=CourseKind.POSTGRADUATE, credential=master))
    assert event.event_type == "course_created" and event.credential == Credential(CredentialKind.EDUCATION, "THAC_SI")


# --- projection ---------------------------------------------------------------------------------------
def test_an_older_personnel_event_does_not_undo_a_newer_one():
    newer = replace(OFFICIAL, status="SEPARATED", source_time=datetime(2025, 6, 1, tzinfo=timezone.utc))
    assert apply_in_order(newer, OFFICIAL, keep_training_facts) is None
    assert apply_in_order(OFFICIAL, newer, keep_training_facts) == newer
    assert apply_in_order(None, OFFICIAL, keep_training_facts) == OFFICIAL
