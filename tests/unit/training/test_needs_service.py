"""Training needs (docs/architecture.md flows 4 and 5): from standards gaps and reviews, matched, closed."""
import pytest

from services.common.errors import Invalid, NotFound
from tests.stored import pending_events
from tests.unit.training.builders import (course_payload, official_separated, own_events, result_payload,
                                          review_decided, standards_changed)

PT_COURSE = course_payload(title="Trung cấp lý luận chính trị - hành chính", kind="DEGREE",
                           content_area="POLITICAL_THEORY", start_date="2025-09-01", end_date="2099-12-31",
                           credential={"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP"})


def open_needs(service, **query):
    return service.list_needs(dict(query, status="OPEN"))["items"]


def test_each_missing_item_becomes_one_need_flow_5(service, db, officials):
    service.handle_standards_status_changed(standards_changed(missing=[("POLITICAL_THEORY", "TRUNG_CAP"),
                                                                       ("STATE_MANAGEMENT", "CHUYEN_VIEN")]))
    needs = open_needs(service, official_id="off-1")
    assert {(n["kind"], n["level"], n["origin"], n["origin_ref"]) for n in needs} == {
        ("POLITICAL_THEORY", "TRUNG_CAP", "STANDARDS_GAP", "pos-1"),
        ("STATE_MANAGEMENT", "CHUYEN_VIEN", "STANDARDS_GAP", "pos-1")}
    assert {n["content_area"] for n in needs} == {"POLITICAL_THEORY", "STATE_MANAGEMENT"}
    entry = pending_events(db, "needs", needs[0]["id"])[0]
    assert entry["routing_key"] == "training_need_created"
    assert set(entry["envelope"]["data"]) == {"need_id", "official_id", "unit_id", "origin", "origin_ref", "kind",
                                              "level", "content_area", "identified_on"}


def test_a_repeated_event_or_a_persisting_gap_opens_no_second_need(service, db, officials):
    event = standards_changed()
    service.handle_standards_status_changed(event)
    service.handle_standards_status_changed(event)                              # redelivery
    service.handle_standards_status_changed(standards_changed(as_of="2025-10-01"))  # the gap persists
    assert db.needs.count_documents({}) == 1


def test_gaps_training_cannot_grant_are_ignored(service, db, officials):
    service.handle_standards_status_changed(standards_changed(missing=[("FOREIGN_LANGUAGE", "B1")]))
    assert db.needs.count_documents({}) == 0


def test_an_open_need_lists_the_courses_that_grant_the_missing_credential(service, officials):
    granting = service.create_course(PT_COURSE)
    higher = service.create_course(dict(PT_COURSE, title="Cao cấp lý luận chính trị",
                                        credential={"kind": "POLITICAL_THEORY", "level": "CAO_CAP"}))
    service.create_course(dict(PT_COURSE, title="Sơ cấp", kind="FOSTERING",
                               credential={"kind": "POLITICAL_THEORY", "level": "SO_CAP"}))
    service.create_course(course_payload(end_date="2025-10-31"))   # another kind of credential
    service.handle_standards_status_changed(standards_changed())
    [need] = open_needs(service, unit_id="unit-1")
    assert {c["id"] for c in need["matching_courses"]} == {granting["id"], higher["id"]}
    assert need["matching_courses"][0]["free_seats"] == 2
    assert service.get_need(need["id"]) == need


def test_completing_a_matching_training_closes_the_need_via_training_completed(service, db, officials):
    course = service.create_course(PT_COURSE)
    service.handle_standards_status_changed(standards_changed())
    enrollment = service.enroll({"course_id": course["id"], "official_id": "off-1", "commits_to_serve": True})
    service.record_result(enrollment["id"], result_payload(recorded_on="2025-12-01"))
    [completed] = own_events(db, "enrollments", enrollment["id"], "training_completed")
    service.handle_training_completed(completed)
    service.handle_training_completed(completed)                 # redelivery: one effect
    [need] = service.list_needs({"official_id": "off-1"})["items"]
    assert (need["status"], need["closed_reason"], need["closed_by"], need["closed_on"]) == (
        "CLOSED", "TRAINING_COMPLETED", enrollment["id"], "2025-12-01")
    assert need["matching_courses"] == []
    closed = [e["envelope"]["data"] for e in pending_events(db, "needs", need["id"])
              if e["routing_key"] == "training_need_closed"]
    assert len(closed) == 1 and closed[0]["reason"] == "TRAINING_COMPLETED"
    # the same gap appearing again later is a new need
    service.handle_standards_status_changed(standards_changed(as_of="2026-01-05"))
    assert len(open_needs(service, official_id="off-1")) == 1


def test_a_lower_credential_does_not_close_the_need(service, db, officials):
    course = service.create_course(dict(PT_COURSE, kind="FOSTERING",
                                        credential={"kind": "POLITICAL_THEORY", "level": "SO_CAP"}))
    service.handle_standards_status_changed(standards_changed())
    enrollment = service.enroll({"course_id": course["id"], "official_id": "off-1"})
    service.record_result(enrollment["id"], result_payload())
    service.handle_training_completed(own_events(db, "enrollments", enrollment["id"], "training_completed")[0])
    assert len(open_needs(service, official_id="off-1")) == 1


def test_standards_met_closes_the_gap_needs_and_a_changed_gap_replaces_them(service, officials):
    service.handle_standards_status_changed(standards_changed(missing=[("POLITICAL_THEORY", "TRUNG_CAP")]))
    service.handle_standards_status_changed(standards_changed(missing=[("STATE_MANAGEMENT", "CHUYEN_VIEN")],
                                                              as_of="2025-10-01"))
    [need] = open_needs(service)
    assert need["kind"] == "STATE_MANAGEMENT"
    closed = service.list_needs({"status": "CLOSED"})["items"]
    assert [(n["kind"], n["closed_reason"]) for n in closed] == [("POLITICAL_THEORY", "GAP_RESOLVED")]
    service.handle_standards_status_changed(standards_changed(met=True, missing=[], as_of="2025-11-01"))
    assert open_needs(service) == []
    assert service.list_needs({"status": "CLOSED", "official_id": "off-1"})["items"][-1]["closed_reason"] == \
        "STANDARDS_MET"


def test_a_retraining_review_creates_one_need_flow_4(service, db, officials):
    event = review_decided()
    service.handle_review_decided(event)
    service.handle_review_decided(event)
    [need] = open_needs(service)
    assert (need["origin"], need["origin_ref"], need["kind"], need["content_area"]) == (
        "REVIEW", "rev-1", None, "PUBLIC_ETHICS")
    ethics = service.create_course(course_payload(content_area="PUBLIC_ETHICS", credential=None,
                                                  end_date="2099-01-01"))
    assert [c["id"] for c in service.get_need(need["id"])["matching_courses"]] == [ethics["id"]]


def test_a_review_asking_for_a_credential_needs_that_credential(service, officials):
    service.handle_review_decided(review_decided(retraining_need={"kind": "STATE_MANAGEMENT",
                                                                  "level": "CHUYEN_VIEN"}, content_area=None))
    [need] = open_needs(service)
    assert (need["kind"], need["level"], need["content_area"]) == ("STATE_MANAGEMENT", "CHUYEN_VIEN",
                                                                   "STATE_MANAGEMENT")


@pytest.mark.parametrize("outcome", ["NO_ACTION", "REMINDER", "DISCIPLINE", "REASSIGNMENT"])
def test_other_review_outcomes_create_no_need(service, db, outcome):
    service.handle_review_decided(review_decided(outcome=outcome))
    assert db.needs.count_documents({}) == 0


def test_a_content_need_closes_only_with_training_after_the_decision(service, db, officials):
    service.handle_review_decided(review_decided(decided_on="2025-09-15"))
    course = service.create_course(course_payload(content_area="PUBLIC_ETHICS", credential=None))
    enrollment = service.enroll({"course_id": course["id"], "official_id": "off-1"})
    service.record_result(enrollment["id"], result_payload(recorded_on="2025-09-14"))
    service.handle_training_completed(own_events(db, "enrollments", enrollment["id"], "training_completed")[0])
    assert len(open_needs(service)) == 1
    other = service.create_course(course_payload(content_area="PUBLIC_ETHICS", credential=None))
    enrollment = service.enroll({"course_id": other["id"], "official_id": "off-1"})
    service.record_result(enrollment["id"], result_payload(recorded_on="2025-09-20"))
    service.handle_training_completed(own_events(db, "enrollments", enrollment["id"], "training_completed")[0])
    assert open_needs(service) == []


def test_a_separated_official_has_no_open_needs(service, officials):
    service.handle_standards_status_changed(standards_changed())
    service.handle_official_separated(official_separated())
    [need] = service.list_needs()["items"]
    assert (need["status"], need["closed_reason"]) == ("CLOSED", "OFFICIAL_SEPARATED")


def test_needs_are_listed_per_unit_and_checked(service, officials):
    service.handle_standards_status_changed(standards_changed("off-1"))
    service.handle_standards_status_changed(standards_changed("off-2", unit_id="unit-2"))
    assert service.list_needs({"unit_id": "unit-2", "status": "OPEN"})["total"] == 1
    assert service.list_needs()["total"] == 2
    with pytest.raises(Invalid) as error:
        service.list_needs({"status": "DONE", "unit": "x"})
    assert set(error.value.fields) == {"status", "unit"}
    with pytest.raises(NotFound):
        service.get_need("need-missing")


def test_a_late_older_standards_event_does_not_reopen_a_closed_gap(service, db, officials):
    gap = dict(standards_changed(), time="2025-09-01T01:00:00.000+00:00")
    met = dict(standards_changed(met=True, missing=[], as_of="2025-10-01"), time="2025-10-01T01:00:00.000+00:00")
    service.handle_standards_status_changed(met)
    service.handle_standards_status_changed(gap)                    # arrives after a retry, too late
    assert db.needs.count_documents({}) == 0


def test_a_newer_standards_status_stamped_earlier_by_another_replica_closes_the_gap(service, db, officials):
    from services.common.envelope import sequence_of
    gap = dict(standards_changed(), time="2025-10-01T01:05:00.000+00:00", sequence=sequence_of(1, 2))
    met = dict(standards_changed(met=True, missing=[], as_of="2025-10-01"), time="2025-10-01T01:00:00.000+00:00",
               sequence=sequence_of(2))                         # the next write of the official, clock behind
    service.handle_standards_status_changed(gap)
    service.handle_standards_status_changed(met)
    assert open_needs(service) == []
    service.handle_standards_status_changed(dict(gap, id="a-late-retry"))     # older by version: no reopening
    assert open_needs(service) == []


def test_open_needs_follow_the_official_to_a_new_unit(service, officials):
    from services.common.envelope import new_event
    from tests.unit.training.builders import official_registered
    service.handle_standards_status_changed(standards_changed())
    moved = new_event("personnel", "official_updated",
                      dict(official_registered("off-1")["data"], unit_id="unit-7"), "off-1")
    service.handle_official_updated(moved)
    service.handle_official_updated(moved)
    [need] = service.list_needs({"unit_id": "unit-7", "status": "OPEN"})["items"]
    assert need["official_id"] == "off-1" and service.list_needs({"unit_id": "unit-1"})["total"] == 0


def test_open_needs_are_summed_up_per_unit(service, officials):
    service.handle_standards_status_changed(standards_changed("off-1", missing=[("POLITICAL_THEORY", "TRUNG_CAP"),
                                                                                ("STATE_MANAGEMENT", "CHUYEN_VIEN")]))
    service.handle_standards_status_changed(standards_changed("off-2", unit_id="unit-2"))
    service.handle_review_decided(review_decided(official_id="off-3"))
    summary = service.needs_summary()
    assert summary["items"] == [
        {"unit_id": "unit-1", "open_needs": 3, "officials": 2, "standards_gaps": 2, "retraining": 1},
        {"unit_id": "unit-2", "open_needs": 1, "officials": 1, "standards_gaps": 1, "retraining": 0}]
    assert service.needs_summary({"unit_id": "unit-2"})["total"] == 1
