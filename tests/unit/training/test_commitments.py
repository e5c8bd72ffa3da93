"""Service commitments (3x the training time) and repayment (bồi hoàn) of rule 8."""
import pytest

from services.common.errors import NotFound
from services.training.domain.commitments import pro_rata
from tests.stored import pending_events
from tests.unit.training.builders import (course_payload, evaluation_recorded, official_registered,
                                          official_separated, own_events, result_payload)

DEGREE = course_payload(title="Đại học Luật (vừa làm vừa học)", kind="DEGREE", content_area="JOB_SPECIFIC",
                        credential={"kind": "EDUCATION", "level": "DAI_HOC"}, start_date="2024-01-01",
                        end_date="2024-12-31", capacity=5, tuition=30_000_000, other_costs=6_600_000)


@pytest.fixture
def degree_enrollment(service, officials):
    course = service.create_course(DEGREE)
    return service.enroll({"course_id": course["id"], "official_id": "off-1", "enrolled_on": "2023-12-15",
                           "commits_to_serve": True})


def test_pro_rata_rounds_to_whole_dong():
    assert pro_rata(36_600_000, 1098, 549) == 18_300_000
    assert pro_rata(100, 3, 1) == 33 and pro_rata(100, 3, 2) == 67


def test_completion_starts_the_committed_period_of_three_times_the_training(service, degree_enrollment):
    done = service.record_result(degree_enrollment["id"], result_payload(recorded_on="2024-12-31"))
    commitment = done["commitment"]
    assert (commitment["training_days"], commitment["committed_days"]) == (366, 1098)     # 2024 is a leap year
    assert (commitment["status"], commitment["service_from"], commitment["service_until"]) == (
        "SERVING", "2024-12-31", "2028-01-03")


def test_leaving_half_way_through_the_period_owes_half_the_costs_not_salary(service, db, degree_enrollment):
    service.record_result(degree_enrollment["id"], result_payload(recorded_on="2024-12-31"))
    event = official_separated(separated_on="2026-07-03")      # 549 of 1098 days unserved
    service.handle_official_separated(event)
    service.handle_official_separated(event)                    # redelivery: one effect
    [item] = service.list_commitments({"official_id": "off-1"})["items"]
    assert item["commitment"]["status"] == "REPAYMENT_DUE"
    assert item["commitment"]["repayment"] == {
        "amount": 18_300_000, "reason": "LEFT_BEFORE_COMMITMENT_END", "due_from": "2026-07-03",
        "costs": 36_600_000, "committed_days": 1098, "unserved_days": 549,
        "legal_basis": "Decree 101/2017/ND-CP (amended by Decree 89/2021/ND-CP)"}   # the set of the 2023 enrollment
    [required] = own_events(db, "enrollments", degree_enrollment["id"], "training_repayment_required")
    assert required["data"]["amount"] == 18_300_000 and required["data"]["official_id"] == "off-1"
    assert service.list_commitments({"repayment_due": "true"})["total"] == 1
    assert db.officials.find_one({"_id": "off-1"})["status"] == "SEPARATED"


def test_leaving_during_the_training_owes_everything(service, degree_enrollment):
    service.handle_official_separated(official_separated(separated_on="2024-06-01"))
    repayment = service.get_enrollment(degree_enrollment["id"])["commitment"]["repayment"]
    assert (repayment["amount"], repayment["reason"]) == (36_600_000, "LEFT_DURING_TRAINING")


def test_failing_owes_everything_at_once(service, db, degree_enrollment):
    failed = service.record_result(degree_enrollment["id"], result_payload(scores=[3, 9], recorded_on="2024-12-31"))
    assert failed["commitment"]["repayment"]["reason"] == "FAILED"
    assert failed["commitment"]["repayment"]["amount"] == 36_600_000
    keys = [e["routing_key"] for e in pending_events(db, "enrollments", degree_enrollment["id"])]
    assert keys == ["enrollment_created", "training_failed", "training_repayment_required"]


def test_serving_the_whole_period_owes_nothing(service, degree_enrollment):
    service.record_result(degree_enrollment["id"], result_payload(recorded_on="2024-12-31"))
    service.handle_official_separated(official_separated(separated_on="2028-01-03", reason="RETIREMENT"))
    commitment = service.get_enrollment(degree_enrollment["id"])["commitment"]
    assert commitment["status"] == "FULFILLED" and commitment["repayment"] is None


def test_death_owes_nothing(service, degree_enrollment):
    service.handle_official_separated(official_separated(separated_on="2024-06-01", reason="DEATH"))
    commitment = service.get_enrollment(degree_enrollment["id"])["commitment"]
    assert commitment["status"] == "RELEASED" and commitment["repayment"] is None


def test_fostering_carries_no_commitment(service, enrollment):
    assert enrollment["commitment"] is None
    service.handle_official_separated(official_separated())
    assert service.list_commitments()["total"] == 0


def test_a_separated_official_cannot_enroll_again(service, course, officials):
    service.handle_official_separated(official_separated("off-2"))
    with pytest.raises(Exception) as error:
        service.enroll({"course_id": course["id"], "official_id": "off-2"})
    assert "SEPARATED" in error.value.fields["official_id"][0]
    service.handle_official_registered(official_registered("off-2"))   # a later snapshot keeps the separation
    assert service.store.find_official("off-2")[0].status == "SEPARATED"


def test_a_separation_of_an_unknown_official_waits_for_the_registration(service):
    with pytest.raises(NotFound):
        service.handle_official_separated(official_separated("off-ghost"))
    with pytest.raises(NotFound):
        service.handle_evaluation_recorded(evaluation_recorded("off-ghost"))


def test_official_updated_moves_the_official_to_another_unit(service, officials):
    from services.common.envelope import new_event
    data = dict(official_registered("off-1")["data"], unit_id="unit-9")
    service.handle_official_updated(new_event("personnel", "official_updated", data, "off-1"))
    assert service.store.find_official("off-1")[0].unit_id == "unit-9"



def test_a_correction_after_leaving_does_not_cancel_the_repayment(service, degree_enrollment):
    service.handle_official_separated(official_separated(separated_on="2024-06-01"))
    corrected = service.record_result(degree_enrollment["id"], result_payload(recorded_on="2024-12-31"))
    repayment = corrected["commitment"]["repayment"]
    assert corrected["commitment"]["status"] == "REPAYMENT_DUE" and repayment["reason"] == "LEFT_DURING_TRAINING"


def test_failing_after_a_pro_rata_repayment_owes_the_whole_costs(service, degree_enrollment):
    service.record_result(degree_enrollment["id"], result_payload(recorded_on="2024-12-31"))
    service.handle_official_separated(official_separated(separated_on="2026-07-03"))
    corrected = service.correct_result(degree_enrollment["id"], dict(result_payload(scores=[2, 8]),
                                                                     reason="Điểm thi bị nhập nhầm"))
    assert corrected["commitment"]["repayment"]["amount"] == 36_600_000
    assert corrected["commitment"]["repayment"]["reason"] == "FAILED"
