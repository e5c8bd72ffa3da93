"""Corrections of results (a corrective event, history kept) and cancellation of courses."""
import pytest

from services.common.errors import Conflict, Invalid
from tests.stored import pending_events, pending_types
from tests.unit.training.builders import course_payload, own_events, result_payload


def keys(db, enrollment_id):
    return pending_types(db, "enrollments", enrollment_id)


def test_a_corrected_result_keeps_the_old_one_and_announces_the_correction(service, db, enrollment):
    service.record_result(enrollment["id"], result_payload(scores=[4, 8]))
    corrected = service.correct_result(enrollment["id"], dict(result_payload(scores=[6, 8]),
                                                              reason="Nhập sai điểm bài 1"))
    assert corrected["status"] == "COMPLETED" and corrected["result"]["scores"] == [6.0, 8.0]
    [history] = corrected["corrections"]
    assert (history["previous_status"], history["previous_result"]["scores"], history["reason"]) == (
        "FAILED", [4.0, 8.0], "Nhập sai điểm bài 1")
    assert keys(db, enrollment["id"]) == ["enrollment_created", "training_failed", "training_result_corrected",
                                          "training_completed"]
    [event] = own_events(db, "enrollments", enrollment["id"], "training_result_corrected")
    assert event["data"]["previous_status"] == "FAILED" and event["data"]["status"] == "COMPLETED"
    assert event["data"]["credential_revoked"] is None


def test_a_completed_result_corrected_to_failed_revokes_the_credential(service, db, enrollment):
    service.record_result(enrollment["id"], result_payload())
    service.correct_result(enrollment["id"], dict(result_payload(attended_sessions=15), reason="Vắng 5 buổi"))
    [event] = own_events(db, "enrollments", enrollment["id"], "training_result_corrected")
    assert event["data"]["credential_revoked"] == {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}
    assert keys(db, enrollment["id"])[-1] == "training_failed"
    assert service.get_enrollment(enrollment["id"])["completed_on"] is None


def test_a_correction_within_the_same_outcome_emits_only_the_correction(service, db, enrollment):
    service.record_result(enrollment["id"], result_payload(scores=[7, 8]))
    service.correct_result(enrollment["id"], dict(result_payload(scores=[7, 9]), reason="Phúc khảo"))
    assert keys(db, enrollment["id"])[-1] == "training_result_corrected"


def test_a_correction_needs_a_result_a_reason_and_a_change(service, db, enrollment):
    with pytest.raises(Conflict, match="no result to correct"):
        service.correct_result(enrollment["id"], dict(result_payload(), reason="x"))
    service.record_result(enrollment["id"], result_payload())
    with pytest.raises(Invalid) as error:
        service.correct_result(enrollment["id"], result_payload())
    assert list(error.value.fields) == ["reason"]
    with pytest.raises(Conflict, match="changes nothing"):
        service.correct_result(enrollment["id"], dict(result_payload(), reason="x"))
    assert len(pending_events(db, "enrollments", enrollment["id"])) == 2


def test_a_course_is_cancelled_with_a_reason_and_its_enrollments_end(service, db, course, enrollment):
    cancelled = service.cancel_course(course["id"], {"reason": "Không đủ học viên", "cancelled_on": "2025-08-25"})
    assert (cancelled["status"], cancelled["cancelled_on"]) == ("CANCELLED", "2025-08-25")
    [event] = own_events(db, "courses", course["id"], "course_cancelled")
    assert event["data"] == {"course_id": course["id"], "cancelled_on": "2025-08-25", "reason": "Không đủ học viên"}
    service.handle_course_cancelled(event)
    service.handle_course_cancelled(event)
    assert service.get_enrollment(enrollment["id"])["status"] == "CANCELLED"
    with pytest.raises(Conflict, match="cancelled"):
        service.record_result(enrollment["id"], result_payload())
    with pytest.raises(Conflict, match="already cancelled"):
        service.cancel_course(course["id"], {"reason": "again"})


def test_a_course_with_results_cannot_be_cancelled(service, db, course, enrollment):
    service.record_result(enrollment["id"], result_payload())
    with pytest.raises(Conflict, match="results were recorded"):
        service.cancel_course(course["id"], {"reason": "Hủy"})
    assert service.get_course(course["id"])["status"] == "OPEN"


def test_a_cancelled_degree_course_releases_the_commitment(service, db, officials):
    course = service.create_course(course_payload(kind="DEGREE", content_area="JOB_SPECIFIC", tuition=1_000_000,
                                                  credential={"kind": "EDUCATION", "level": "DAI_HOC"}))
    enrollment = service.enroll({"course_id": course["id"], "official_id": "off-1", "commits_to_serve": True})
    service.cancel_course(course["id"], {"reason": "Cơ sở đào tạo không mở lớp"})
    service.handle_course_cancelled(own_events(db, "courses", course["id"], "course_cancelled")[0])
    assert service.get_enrollment(enrollment["id"])["commitment"]["status"] == "RELEASED"


def test_course_costs_are_validated(service):
    with pytest.raises(Invalid) as error:
        service.create_course(course_payload(tuition=-1, other_costs="5"))
    assert set(error.value.fields) == {"tuition", "other_costs"}
