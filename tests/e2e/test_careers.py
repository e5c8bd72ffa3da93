"""Careers end to end through the gateway (issue 15, docs/domain.md rules 13-14): a promotion exam to a rank change
in the service history; a competitive selection of a leader and appointments with a term whose end is announced
ahead (`reappointment_due`, on a clock and notice period set by configuration); re-appointment; removal from post;
a rotation recorded as a placement of its kind."""
import pytest

from services.common.domain_event import cloudevent_type
from tests.helpers import wait_until

pytestmark = pytest.mark.e2e

CLOCK = "2029-11-01"        # the day the re-appointment scan takes as today
NOTICE_DAYS = 90
DECISION = {"number": "125/QĐ-UBND", "signer": "Chủ tịch UBND tỉnh", "signed_on": "2025-05-20",
            "legal_basis": "Decree 138/2020/NĐ-CP"}
QUALIFIED = [{"kind": "EDUCATION", "level": "DAI_HOC", "obtained_on": "2008-06-30", "field_of_study": "Luật"},
             {"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP", "obtained_on": "2016-06-30"},
             {"kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN_CHINH", "obtained_on": "2019-06-30"}]


@pytest.fixture
def system_config(system_config):
    return dict(system_config, LEADERSHIP_CLOCK_DATE=CLOCK, LEADERSHIP_REAPPOINTMENT_NOTICE_DAYS=NOTICE_DAYS,
                LEADERSHIP_REAPPOINTMENT_SCAN_SECONDS=0.5)


def events_of(api, routing_key):
    response = api.get("/api/v1/events", types=cloudevent_type("personnel", routing_key), limit=1000)
    return [item["event"] for item in response.json()["items"]]


def setup_unit(api, code="SNV"):
    unit = api.created("/api/v1/units", {"code": code, "name": "Sở Nội vụ " + code, "unit_type": "SO",
                                         "level": "PROVINCE", "valid_from": "2010-01-01"})
    position = api.created("/api/v1/positions", {"unit_id": unit["id"], "title": "Chuyên viên", "group": "PROFESSIONAL",
                                                 "rank": "01.003", "headcount_quota": 20})
    return unit, position


def register(api, unit, position, name, national_id, start="2012-01-01", qualifications=QUALIFIED,
             category="CONG_CHUC"):
    return api.created("/api/v1/officials", {
        "full_name": name, "national_id": national_id, "birth_date": "1980-01-01", "category": category,
        "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003", "service_start_date": start,
        "qualifications": qualifications})


def test_a_promotion_exam_ends_in_a_rank_change_in_the_service_history(api):
    unit, position = setup_unit(api)
    senior = register(api, unit, position, "Lê Văn Thâm Niên", "096080000001")
    junior = register(api, unit, position, "Trần Thị Mới", "096090000002", start="2023-01-01")
    failing = register(api, unit, position, "Phạm Văn Trượt", "096080000003")
    body = {"unit_id": unit["id"], "title": "Thi nâng ngạch chuyên viên chính 2025", "category": "CONG_CHUC",
            "method": "EXAM", "target_rank": "01.002", "announced_on": "2025-03-01", "decision_ref": "KH 12/KH-SNV",
            "places": 2}
    promotion_round = api.created("/api/v1/promotions/rounds", body)
    assert promotion_round["legal_basis"] == "Decree 138/2020/NĐ-CP" and promotion_round["years_in_rank"] == 9
    assert [(r["number"], r["counts_in_total"]) for r in promotion_round["rounds"]] == [(1, False), (2, True)]
    path = "/api/v1/promotions/rounds/{}".format(promotion_round["id"])
    too_early = api.post(path + "/candidates", {"official_id": junior["id"], "applied_on": "2025-03-10"})
    assert too_early.status_code == 422 and too_early.json()["rule"] == "PROMOTION_ELIGIBILITY"
    assert set(too_early.json()["fields"]) == {"years_in_rank"}
    for official in (senior, failing):
        applied = api.post(path + "/candidates", {"official_id": official["id"], "applied_on": "2025-03-10"})
        assert applied.status_code == 200, applied.text
    assert applied.json()["candidates"][0]["rank_since"] == "2012-01-01"
    early = api.post(path + "/candidates/{}/scores".format(senior["id"]),
                     {"round": 2, "score": 80, "scored_on": "2025-05-01"})
    assert early.status_code == 422 and early.json()["rule"] == "PROMOTION_ROUNDS"
    for official, first, second in ((senior, 70, 82), (failing, 60, 40)):
        for number, score in ((1, first), (2, second)):
            answer = api.post(path + "/candidates/{}/scores".format(official["id"]),
                              {"round": number, "score": score, "scored_on": "2025-05-01"})
            assert answer.status_code == 200, answer.text
    results = api.post(path + "/results", {"published_on": "2025-05-10", "results_ref": "TB 30/TB-HĐ"}).json()
    assert {c["official_id"]: c["status"] for c in results["candidates"]} == {senior["id"]: "PASSED",
                                                                             failing["id"]: "NOT_PASSED"}
    decided = api.post(path + "/decision", {"effective_from": "2025-06-01", "decision": DECISION})
    assert decided.status_code == 200, decided.text
    assert decided.json()["status"] == "COMPLETED"

    history = api.get("/api/v1/officials/{}/history".format(senior["id"])).json()
    assert history["rank"] == "01.002"
    ranks = [(r["rank"], r["effective_from"], (r["decision"] or {}).get("number"), r["origin_id"])
             for r in history["records"] if r["kind"] == "RANK"]
    assert ranks == [("01.003", "2012-01-01", None, None),
                     ("01.002", "2025-06-01", "125/QĐ-UBND", promotion_round["id"])]
    assert api.get("/api/v1/officials/{}/history".format(failing["id"])).json()["rank"] == "01.003"
    changed = wait_until(lambda: [e for e in events_of(api, "rank_changed")
                                  if e["data"]["official_id"] == senior["id"] and e["data"]["rank"] == "01.002"],
                         timeout=10)
    assert changed[0]["data"]["previous_rank"] == "01.003"
    completed = wait_until(lambda: events_of(api, "promotion_completed"), timeout=10)
    assert [p["official_id"] for p in completed[0]["data"]["promoted"]] == [senior["id"]]
    again = api.post(path + "/decision", {"effective_from": "2025-06-01", "decision": DECISION})
    assert again.status_code == 409
    indicators = api.get("/api/v1/reports/annual", year=2025).json()["indicators"]
    assert (indicators["promoted"]["value"], indicators["recruited"]["value"]) == (1, 0)


def test_an_appointment_with_a_term_its_reappointment_due_event_and_a_reappointment(api):
    unit, position = setup_unit(api, "SNV2")
    director = register(api, unit, position, "Võ Văn Giám Đốc", "096075000011")
    deputy = register(api, unit, position, "Đỗ Thị Phó", "096078000012")
    other = register(api, unit, position, "Ngô Văn Dự Thi", "096079000013")

    selection = api.created("/api/v1/leadership/selections", {
        "unit_id": unit["id"], "post_title": "Phó Giám đốc", "method": "COMPETITIVE", "announced_on": "2024-10-01",
        "application_deadline": "2024-10-31", "decision_ref": "KH 40/KH-UBND"})
    path = "/api/v1/leadership/selections/{}".format(selection["id"])
    for official in (deputy, other):
        assert api.post(path + "/candidates", {"official_id": official["id"],
                                               "applied_on": "2024-10-15"}).status_code == 200
    for official, first, second in ((deputy, 80, 85), (other, 75, 70)):
        for number, score in ((1, first), (2, second)):
            assert api.post(path + "/candidates/{}/scores".format(official["id"]), {
                "round": number, "score": score, "scored_on": "2024-11-20"}).status_code == 200
    wrong = api.post(path + "/decision", {"official_id": other["id"], "effective_from": "2025-01-01",
                                          "decision": dict(DECISION, signed_on="2024-12-20")})
    assert wrong.status_code == 422 and wrong.json()["rule"] == "SELECTION_RESULT"
    chosen = api.post(path + "/decision", {"effective_from": "2025-01-01",
                                           "decision": dict(DECISION, signed_on="2024-12-20")})
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["chosen_official_id"] == deputy["id"]
    posts = [r for r in api.get("/api/v1/officials/{}/history".format(deputy["id"])).json()["records"]
             if r["kind"] == "POST"]
    assert [(p["post_title"], p["effective_from"], p["term_end"], p["appointment_kind"]) for p in posts] == [
        ("Phó Giám đốc", "2025-01-01", "2029-12-31", "APPOINTMENT")]

    # An earlier appointment (2020, term to 2025-02-28) re-appointed for a new term.
    first = api.post("/api/v1/officials/{}/appointments".format(director["id"]), {
        "kind": "APPOINTMENT", "post_title": "Giám đốc", "effective_from": "2020-03-01",
        "decision": dict(DECISION, signed_on="2020-02-20", number="50/QĐ-UBND")})
    assert first.status_code == 201, first.text
    assert [r["term_end"] for r in first.json()["records"] if r["kind"] == "POST"] == ["2025-02-28"]
    longer = api.post("/api/v1/officials/{}/appointments".format(deputy["id"]), {
        "kind": "REAPPOINTMENT", "post_title": "Phó Giám đốc", "effective_from": "2025-06-01",
        "decision": DECISION})
    assert longer.status_code == 422 and longer.json()["rule"] == "REAPPOINTMENT"     # the term ends in 2029
    again = api.post("/api/v1/officials/{}/appointments".format(director["id"]), {
        "kind": "REAPPOINTMENT", "post_title": "Giám đốc", "effective_from": "2025-03-01",
        "decision": dict(DECISION, signed_on="2025-02-25", number="60/QĐ-UBND")})
    assert again.status_code == 201, again.text
    terms = [(r["effective_from"], r["term_end"], r["appointment_kind"]) for r in again.json()["records"]
             if r["kind"] == "POST"]
    assert terms == [("2020-03-01", "2025-02-28", "APPOINTMENT"), ("2025-03-01", "2030-02-28", "REAPPOINTMENT")]

    # On the configured clock (2029-11-01), the deputy's term (to 2029-12-31) is within the 90 days' notice.
    due = wait_until(lambda: events_of(api, "reappointment_due"), timeout=15)
    assert [(e["data"]["official_id"], e["data"]["term_end"], e["data"]["days_left"]) for e in due] == [
        (deputy["id"], "2029-12-31", 60)]
    scan = api.post("/api/v1/leadership/reappointment-scans", {})
    assert scan.status_code == 200 and scan.json()["announced"] == []           # once per post and term
    appointed = wait_until(lambda: [e for e in events_of(api, "official_appointed")
                                    if e["data"]["appointment_kind"] == "REAPPOINTMENT"], timeout=10)
    assert appointed[0]["data"]["official_id"] == director["id"]
    assert wait_until(lambda: events_of(api, "leader_selected"), timeout=10)[0]["data"]["official_id"] == deputy["id"]
    indicators = api.get("/api/v1/reports/annual", year=2025).json()["indicators"]
    assert (indicators["appointed"]["value"], indicators["reappointed"]["value"]) == (1, 1)
    assert api.get("/api/v1/reports/annual", year=2020).json()["indicators"]["appointed"]["value"] == 1


def test_removal_from_post_ends_the_post_record_and_a_rotation_is_a_placement_of_its_kind(api):
    unit, position = setup_unit(api, "SNV3")
    other_unit, other_position = setup_unit(api, "SNV4")
    head = register(api, unit, position, "Huỳnh Văn Trưởng", "096070000021")
    appointed = api.post("/api/v1/officials/{}/appointments".format(head["id"]), {
        "kind": "APPOINTMENT", "post_title": "Trưởng phòng", "effective_from": "2023-01-01",
        "decision": dict(DECISION, signed_on="2022-12-20")}).json()
    post = next(r for r in appointed["records"] if r["kind"] == "POST")
    rotated = api.post("/api/v1/officials/{}/transfers".format(head["id"]), {
        "position_id": other_position["id"], "effective_from": "2025-04-01", "placement_kind": "ROTATION",
        "decision": dict(DECISION, signed_on="2025-03-20", number="70/QĐ-UBND")})
    assert rotated.status_code == 201, rotated.text
    assert [r["placement_kind"] for r in rotated.json()["records"] if r["kind"] == "PLACEMENT"] == [None, "ROTATION"]
    path = "/api/v1/officials/{}/posts/{}/removal".format(head["id"], post["id"])
    removal = {"effective_from": "2025-04-01", "reason": "REQUESTED",
               "decision": dict(DECISION, signed_on="2025-03-25", number="71/QĐ-UBND")}
    bad = api.post(path, dict(removal, reason="BORED"))
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"reason"}
    removed = api.post(path, removal)
    assert removed.status_code == 200, removed.text
    ended = next(r for r in removed.json()["records"] if r["id"] == post["id"])
    assert (ended["ended_on"], ended["end_reason"], ended["end_decision"]["number"], ended["superseded"]) == (
        "2025-03-31", "REQUESTED", "71/QĐ-UBND", False)
    assert api.post(path, removal).status_code == 409
    events = wait_until(lambda: events_of(api, "official_removed_from_post"), timeout=10)
    assert events[0]["data"]["record_id"] == post["id"] and events[0]["data"]["reason"] == "REQUESTED"
    moved = wait_until(lambda: [e for e in events_of(api, "official_transferred")
                                if e["data"]["placement_kind"] == "ROTATION"], timeout=10)
    assert moved[0]["data"]["unit_id"] == other_unit["id"]
