"""Results through the service: rule 8 (Circular 01/2018/TT-BNV) and its events."""
import pytest

from services.common.errors import Conflict, Invalid, NotFound
from services.common.ids import today
from tests.stored import pending_events
from tests.unit.training.builders import course_payload, result_payload


def outbox_of(db, enrollment_id):
    return pending_events(db, "enrollments", enrollment_id)


def test_full_attendance_and_passing_scores_complete_with_the_credential_rule_8(service, db, course, enrollment):
    done = service.record_result(enrollment["id"], result_payload(scores=[5.0, 9]))
    assert done["status"] == "COMPLETED"
    assert done["result"] == {"attended_sessions": 20, "total_sessions": 20, "scores": [5.0, 9.0],
                              "recorded_on": "2025-11-05", "reasons": []}
    entries = outbox_of(db, enrollment["id"])
    assert [e["routing_key"] for e in entries] == ["enrollment_created", "training_completed"]
    assert entries[1]["envelope"]["data"] == {
        "enrollment_id": enrollment["id"], "official_id": "off-1", "course_id": course["id"],
        "course_title": course["title"], "completed_on": "2025-11-05",
        "credential": {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN"}, "scores": [5.0, 9.0]}
    assert service.get_enrollment(enrollment["id"]) == done


def test_a_score_of_4_99_fails_with_reasons_rule_8(service, db, course, enrollment):
    failed = service.record_result(enrollment["id"], result_payload(scores=[4.99, 9]))
    assert failed["status"] == "FAILED"
    reasons = ["assessment 1 scored 4.99/10; at least 5/10 is required"]
    assert failed["result"]["reasons"] == reasons
    event = outbox_of(db, enrollment["id"])[-1]
    assert event["routing_key"] == "training_failed"
    assert event["envelope"]["data"] == {"enrollment_id": enrollment["id"], "official_id": "off-1",
                                         "course_id": course["id"], "failed_on": "2025-11-05",
                                         "reasons": reasons}


def test_missing_one_session_fails_rule_8(service, enrollment):
    failed = service.record_result(enrollment["id"], result_payload(attended_sessions=19))
    assert failed["status"] == "FAILED"
    assert failed["result"]["reasons"] == ["attended 19 of 20 sessions; full attendance is required"]


def test_the_result_date_defaults_to_today(service, enrollment):
    payload = result_payload()
    del payload["recorded_on"]
    assert service.record_result(enrollment["id"], payload)["result"]["recorded_on"] == today().isoformat()


def test_a_credential_free_course_completes_with_a_null_credential(service, db, officials):
    course = service.create_course(course_payload(credential=None, assessments=0))
    enrollment = service.enroll({"course_id": course["id"], "official_id": "off-2"})
    done = service.record_result(enrollment["id"], result_payload(scores=[]))
    assert done["status"] == "COMPLETED"
    assert outbox_of(db, enrollment["id"])[-1]["envelope"]["data"]["credential"] is None


@pytest.mark.parametrize("payload, field", [
    (result_payload(scores=[10.01, 9]), "scores"),
    (result_payload(scores=[-0.5, 9]), "scores"),
    (result_payload(scores=[True, 9]), "scores"),
    (result_payload(scores=["NaN", 9]), "scores"),
    (result_payload(attended_sessions=-1), "attended_sessions"),
    (result_payload(total_sessions=0), "total_sessions"),
    (result_payload(recorded_on="yesterday"), "recorded_on"),
    (dict(result_payload(), grade="A"), "grade"),
])
def test_bad_result_input_is_refused_per_field(service, db, enrollment, payload, field):
    with pytest.raises(Invalid) as error:
        service.record_result(enrollment["id"], payload)
    assert list(error.value.fields) == [field]
    stored = db.enrollments.find_one({"_id": enrollment["id"]})
    assert stored["status"] == "ENROLLED" and stored["_version"] == 1      # nothing half-written


def test_an_out_of_range_score_says_why(service, enrollment):
    with pytest.raises(Invalid) as error:
        service.record_result(enrollment["id"], result_payload(scores=[7, 11]))
    assert error.value.fields == {"scores": {1: ["must be between 0 and 10 (scores are out of 10)"]}}


def test_one_score_per_graded_assessment_of_the_course(service, enrollment):
    with pytest.raises(Invalid) as error:
        service.record_result(enrollment["id"], result_payload(scores=[7, 8, 9]))
    assert error.value.fields == {"scores": ["the course has 2 graded assessment(s); 3 score(s) given"]}


def test_attendance_cannot_exceed_the_sessions(service, enrollment):
    with pytest.raises(Invalid) as error:
        service.record_result(enrollment["id"], result_payload(attended_sessions=21))
    assert error.value.fields == {"attended_sessions": ["must not exceed total_sessions (20)"]}


def test_a_second_result_is_a_conflict(service, db, enrollment):
    service.record_result(enrollment["id"], result_payload())
    with pytest.raises(Conflict, match="already has a result"):
        service.record_result(enrollment["id"], result_payload(scores=[1, 1]))
    stored = db.enrollments.find_one({"_id": enrollment["id"]})
    assert stored["status"] == "COMPLETED" and len(stored["_outbox"]) == 2


def test_no_result_for_a_cancelled_course(service, db, course, enrollment):
    db.courses.update_one({"_id": course["id"]}, {"$set": {"status": "CANCELLED"}})
    with pytest.raises(Conflict, match="cancelled"):
        service.record_result(enrollment["id"], result_payload())
    assert db.enrollments.find_one({"_id": enrollment["id"]})["status"] == "ENROLLED"


def test_a_result_for_an_unknown_enrollment_is_not_found(service):
    with pytest.raises(NotFound):
        service.record_result("enr-missing", result_payload())


def test_results_show_in_the_status_filter(service, enrollment):
    service.record_result(enrollment["id"], result_payload(scores=[2, 9]))
    assert service.list_enrollments({"status": "FAILED"})["total"] == 1
    assert service.list_enrollments({"status": "ENROLLED"})["total"] == 0
