"""`make demo`: load the Cà Mau 2017 dataset through the public API of a running gateway, so every
event flows; then print the 2017 annual report, which reproduces the seed report's figures.

    python -m tools.demo [--url http://localhost:8000] [--user admin] [--password ...]
"""
import argparse
import csv
import io
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import requests

from tools import demo_data, demo_ratings

PARALLEL = 8


def wait_until_ready(url, timeout):
    """Until the gateway's /ready answers 200 (every service answers and the administrator exists), at most
    `timeout` seconds: `make demo` may follow `make run` at once."""
    deadline, reason = time.monotonic() + timeout, "no answer"
    while time.monotonic() < deadline:
        try:
            answer = requests.get(url.rstrip("/") + "/ready", timeout=10)
            if answer.status_code == 200:
                return
            reason = answer.text[:300]
        except requests.RequestException as error:
            reason = str(error)
        time.sleep(1)
    raise SystemExit("demo: {} is not ready after {} s ({}); is `make run` running?".format(url, timeout, reason))


class Gateway:
    def __init__(self, url, user, password):
        self.url, self.session = url.rstrip("/"), requests.Session()
        token = self.post("/api/v1/auth/token", {"username": user, "password": password}, expect=200)
        self.session.headers["Authorization"] = "Bearer " + token["access_token"]

    def post(self, path, body, expect=(200, 201), **kwargs):
        response = self.session.post(self.url + path, json=body, timeout=300, **kwargs)
        if response.status_code not in ((expect,) if isinstance(expect, int) else expect):
            raise RuntimeError("{} {}: {} {}".format("POST", path, response.status_code, response.text[:500]))
        return response.json()

    def get(self, path, **params):
        response = self.session.get(self.url + path, params=params, timeout=120)
        response.raise_for_status()
        return response.json()

    def until_accepted(self, path, body, what, timeout=180):
        """Projections are eventually consistent: retry a 400 ("unknown ...") until it is accepted."""
        deadline = time.monotonic() + timeout
        while True:
            response = self.session.post(self.url + path, json=body, timeout=60)
            if response.status_code in (200, 201):
                return response.json()
            if response.status_code != 400 or time.monotonic() > deadline:
                raise RuntimeError("{} never accepted: {} {}".format(what, response.status_code, response.text[:300]))
            time.sleep(0.5)


def parallel(function, items):
    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(function, items))


def load_units(api):
    ids, unit_positions = {}, []
    for code, name, unit_type, level, parent in demo_data.UNITS:
        ids[code] = api.post("/api/v1/units", {"code": code, "name": name, "unit_type": unit_type, "level": level,
                                               "valid_from": "2010-01-01", "parent_id": ids.get(parent)})["id"]
        for title, group, rank, quota in (("Chuyên viên", "PROFESSIONAL", "01.003", 140),
                                          ("Cán sự", "SUPPORT", "01.004", 20)):
            position = api.post("/api/v1/positions", {"unit_id": ids[code], "title": title, "group": group,
                                                      "rank": rank, "headcount_quota": quota})
            unit_positions.append((ids[code], position["id"]))
    return ids, unit_positions


def load_officials(api, unit_positions):
    rows = demo_data.official_rows(unit_positions)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    response = api.session.post(api.url + "/api/v1/officials/import", data=buffer.getvalue().encode("utf-8"),
                                headers={"Content-Type": "text/csv"}, timeout=600)
    response.raise_for_status()
    officials = api.get("/api/v1/officials", limit=1)["total"]
    return [o["id"] for o in _all(api, "/api/v1/officials", officials)]


def _all(api, path, total, page=200):
    items = []
    for offset in range(0, total, page):
        items += api.get(path, offset=offset, limit=page)["items"]
    return items


def load_schemes(api, units):
    codes = [code for code, *_ in demo_data.UNITS][1:]
    for index in range(demo_data.SCHEMES_APPROVED):
        code = codes[index % len(codes)]
        scheme = api.post("/api/v1/position-schemes", {
            "unit_id": units[code], "title": "Đề án vị trí việc làm {} ({})".format(code, index + 1),
            "submitted_on": "2017-03-01", "position_count": 12, "headcount": 150})
        api.post("/api/v1/position-schemes/{}/decision".format(scheme["id"]), {
            "approved": True, "decided_on": "2017-06-{:02d}".format(1 + index), "approver": "UBND tỉnh Cà Mau",
            "decision_ref": "{}/QĐ-UBND".format(900 + index)})


def load_training(api, officials):
    plan = api.until_accepted("/api/v1/training/plans", {
        "title": "Kế hoạch đào tạo, bồi dưỡng CBCCVC năm 2017", "from_year": demo_data.YEAR,
        "targets": [{"content_area": area, "turns": turns} for area, turns in demo_data.TRAINING_PLAN.items()]},
        "the training plan")
    api.post("/api/v1/training/plans/{}/approval".format(plan["id"]), {"approved_on": "2017-01-20",
                                                                        "decision_ref": "75/QĐ-UBND"})
    pairs, start = [], date(2017, 3, 6)
    for area_index, (area, done) in enumerate(demo_data.TRAINING_DONE.items()):
        for course_index in range((done + 99) // 100):
            begins = start + timedelta(days=14 * (course_index + 6 * area_index))
            course = api.post("/api/v1/training/courses", {
                "title": "Bồi dưỡng {} - lớp {}".format(area.replace("_", " ").lower(), course_index + 1),
                "kind": "FOSTERING", "content_area": area, "organiser": "Trường Chính trị tỉnh Cà Mau",
                "start_date": begins.isoformat(), "end_date": (begins + timedelta(days=5)).isoformat(),
                "hours": 40, "capacity": 100, "assessments": 1})
            size = min(100, done - 100 * course_index)
            offset = (area_index * 900 + course_index * 100) % len(officials)
            pairs += [(course, officials[(offset + k) % len(officials)]) for k in range(size)]
    api.until_accepted("/api/v1/training/enrollments", _enrollment(*pairs[0]), "the first enrollment")

    def enroll_and_pass(pair):
        course, official = pair
        enrollment = api.until_accepted("/api/v1/training/enrollments", _enrollment(course, official),
                                        "an enrollment of {}".format(official))
        api.post("/api/v1/training/enrollments/{}/result".format(enrollment["id"]), {
            "attended_sessions": 10, "total_sessions": 10, "scores": [7.5], "recorded_on": course["end_date"]})
    first_enrollment = api.get("/api/v1/training/enrollments", limit=1)["items"][0]
    api.post("/api/v1/training/enrollments/{}/result".format(first_enrollment["id"]), {
        "attended_sessions": 10, "total_sessions": 10, "scores": [7.5], "recorded_on": pairs[0][0]["end_date"]})
    parallel(enroll_and_pass, pairs[1:])


def _enrollment(course, official):
    return {"course_id": course["id"], "official_id": official, "enrolled_on": course["start_date"]}


def load_inspections(api, units):
    plan = api.until_accepted("/api/v1/inspection/plans", {
        "year": demo_data.YEAR, "title": "Kế hoạch kiểm tra công tác cán bộ năm 2017", "approved_on": "2017-01-16",
        "items": [{"unit_id": units[code], "topic": "PERSONNEL_WORK", "kind": "KIEM_TRA"}
                  for code in demo_data.INSPECTED]},
        "the inspection plan")
    hot_spots = dict(demo_data.TTHC_HOT_SPOTS)
    for index, item in enumerate(plan["items"]):
        code = demo_data.INSPECTED[index]
        month = 3 + index
        inspection = api.post("/api/v1/inspections", {
            "title": "Kiểm tra công tác cán bộ tại {}".format(code), "kind": "KIEM_TRA", "form": "PLANNED",
            "topic": "PERSONNEL_WORK", "unit_id": item["unit_id"], "decision_date": "2017-{:02d}-01".format(month),
            "team": ["Sở Nội vụ tỉnh Cà Mau"], "plan_id": plan["id"], "plan_item_id": item["id"]})
        path = "/api/v1/inspections/{}".format(inspection["id"])
        for stage, day in (("FIELDWORK", 6), ("RESULT_REPORT", 20), ("DRAFT_CONCLUSION", 24)):
            api.post(path + "/stage", {"stage": stage, "entered_on": "2017-{:02d}-{:02d}".format(month, day)})
        if code in hot_spots:
            api.post(path + "/findings", {"violation_type": "TTHC_OVERDUE", "severity": "LESS_SERIOUS",
                                          "description": "Giải quyết thủ tục hành chính trễ hạn",
                                          "tthc_domain": hot_spots[code],
                                          "violation_date": "2017-{:02d}-10".format(month)})
        api.post(path + "/conclusion", {"result": "PASSED_WITH_REMARKS", "concluded_on": "2017-{:02d}-28".format(month),
                                        "summary": "Cơ bản thực hiện đúng quy định; còn một số hạn chế."})


def load_feedback(api, units):
    codes = [code for code, *_ in demo_data.UNITS]
    channels = ["TRUC_TIEP", "BUU_CHINH", "DIEN_THOAI", "CONG_DVC_QG"]
    domains = ["LAND", "CIVIL_STATUS", "LABOUR_SOCIAL", "CONSTRUCTION", "BUSINESS_INVESTMENT"]

    def item(index):
        received = date(2017, 1, 3) + timedelta(days=(index * 330) // demo_data.FEEDBACK_ITEMS)
        in_dialogue = index < demo_data.DIALOGUES * 5
        return {"submitter_type": "CA_NHAN" if index % 4 else "TO_CHUC", "name": "Người dân số {}".format(index + 1),
                "address": "Cà Mau", "phone": "09{:08d}".format(index + 1),
                "channel": "DOI_THOAI" if in_dialogue else channels[index % len(channels)],
                "kind": "PROCEDURE" if index % 3 else "REGULATION", "title": "Phản ánh, kiến nghị số {}".format(index + 1),
                "content": "Đề nghị xem xét, hướng dẫn giải quyết thủ tục hành chính.",
                "target_unit_id": units[codes[index % len(codes)]], "procedure_domain": domains[index % len(domains)],
                "received_on": received.isoformat()}

    api.until_accepted("/api/v1/feedback/desk/records", item(0) | {"title": "Phản ánh thử"}, "a feedback record")
    first = api.get("/api/v1/feedback", limit=1)["items"][0]
    records = [first] + parallel(lambda i: api.post("/api/v1/feedback/desk/records", item(i)),
                                 range(1, demo_data.FEEDBACK_ITEMS))

    def answer(record):
        answered = date.fromisoformat(record["received_on"]) + timedelta(days=10)
        api.post("/api/v1/feedback/{}/answer".format(record["id"]), {
            "answer": "Đã xem xét và trả lời theo quy định.", "answered_on": min(answered, date(2017, 12, 29)).isoformat()})
    parallel(answer, records)
    for index in range(demo_data.DIALOGUES):
        linked = [r["id"] for r in records[index * 5:(index + 1) * 5]]
        api.post("/api/v1/dialogues", {"unit_id": units[codes[index % len(codes)]],
                                       "held_on": "2017-{:02d}-15".format(1 + index % 12), "chair": "Chủ tịch UBND",
                                       "participant_count": 60 + index, "title": "Đối thoại với người dân",
                                       "feedback_ids": linked})


def load_ratings(api):
    """Every active official rated for 2017, after a handful of 2017 disciplines (which force NOT_COMPLETED);
    EXCELLENT last, so that each unit's cap is checked against its GOOD ratings."""
    total = api.get("/api/v1/officials", status="ACTIVE", limit=1)["total"]
    officials = []
    for offset in range(0, total, 200):
        officials += api.get("/api/v1/officials", status="ACTIVE", offset=offset, limit=200)["items"]
    disciplines, ratings = demo_ratings.plan(officials)
    parallel(lambda pair: api.post("/api/v1/officials/{}/disciplines".format(pair[0]), pair[1]), disciplines)

    def rate(pair):
        api.post("/api/v1/officials/{}/evaluations".format(pair[0]), demo_ratings.evaluation_body(pair[1]))
    parallel(rate, [pair for pair in ratings if pair[1] != "EXCELLENT"])
    parallel(rate, [pair for pair in ratings if pair[1] == "EXCELLENT"])


def load_careers(api, units):
    """The seed's 2017 careers: the recruitment exam for công chức (to officials on probation from 2018), the
    promotion exam of viên chức hành chính (two promoted) and the competitive selection of the radio-television
    station's deputy director at its application stage (about 40 requests)."""
    decision = {"signer": "Chủ tịch UBND tỉnh Cà Mau", "legal_basis": "Decree 24/2010/NĐ-CP; Decree 29/2012/NĐ-CP"}
    scheme = api.get("/api/v1/position-schemes", unit_id=units[demo_data.RECRUITMENT_UNIT], status="APPROVED",
                     limit=1)["items"][0]
    position = next(p for p in api.get("/api/v1/positions", unit_id=units[demo_data.RECRUITMENT_UNIT])["items"]
                    if p["rank"] == "01.003")
    campaign = api.post("/api/v1/recruitment/campaigns", {
        "unit_id": units[demo_data.RECRUITMENT_UNIT], "scheme_id": scheme["id"], "category": "CONG_CHUC",
        "title": "Thi tuyển công chức tỉnh Cà Mau năm 2017", "method": "EXAM", "announced_on": "2017-08-01",
        "application_deadline": "2017-08-31", "decision_ref": "KH 98/KH-SNV",
        "vacancies": [{"position_id": position["id"], "places": demo_data.RECRUITMENT_PLACES}]})
    path = "/api/v1/recruitment/campaigns/{}".format(campaign["id"])
    for name, national_id, *scores in demo_data.RECRUITMENT_CANDIDATES:
        candidate = api.post(path + "/candidates", {
            "position_id": position["id"], "applied_on": "2017-08-20", "full_name": name,
            "national_id": national_id, "birth_date": "1995-05-01", "data_legal_basis": "LEGAL_OBLIGATION",
            "qualifications": [{"kind": "EDUCATION", "level": "DAI_HOC", "obtained_on": "2017-06-30"}]})
        for number, score in enumerate(scores, start=1):
            if score is not None:
                api.post("/api/v1/recruitment/candidates/{}/scores".format(candidate["id"]), {
                    "round": number, "score": score, "scored_on": "2017-10-0{}".format(number)})
    api.post(path + "/results", {"published_on": "2017-10-20", "results_ref": "TB 210/TB-HĐTD"})
    api.post(path + "/decision", {"decided_on": "2017-12-20", "decision_ref": "1985/QĐ-SNV",
                                  "service_start_date": demo_data.RECRUITED_START})

    public_employees = api.get("/api/v1/officials", category="VIEN_CHUC", status="ACTIVE", limit=200)["items"]
    eligible = [o for o in public_employees if o["service_start_date"] <= "2008-08-31" and {
        (q["kind"], q["level"]) for q in o["qualifications"]} >= {("FOREIGN_LANGUAGE", "BAC_3"), ("EDUCATION", "DAI_HOC")}]
    promotion_round = api.post("/api/v1/promotions/rounds", {
        "unit_id": units[demo_data.RECRUITMENT_UNIT], "title": "Thi thăng hạng viên chức hành chính năm 2017",
        "category": "VIEN_CHUC", "method": "EXAM", "target_rank": "01.002", "announced_on": "2017-09-01",
        "decision_ref": "KH 120/KH-SNV", "places": demo_data.PROMOTION_PLACES})
    path = "/api/v1/promotions/rounds/{}".format(promotion_round["id"])
    for official, scores in zip(eligible, demo_data.PROMOTION_SCORES):
        api.post("/api/v1/officials/{}/qualifications".format(official["id"]), {
            "kind": "STATE_MANAGEMENT", "level": "CHUYEN_VIEN_CHINH", "obtained_on": "2016-12-15"})
        api.post(path + "/candidates", {"official_id": official["id"], "applied_on": "2017-09-15"})
        for number, score in enumerate(scores, start=1):
            api.post(path + "/candidates/{}/scores".format(official["id"]),
                     {"round": number, "score": score, "scored_on": "2017-11-0{}".format(number)})
    api.post(path + "/results", {"published_on": "2017-11-20", "results_ref": "TB 250/TB-HĐ"})
    api.post(path + "/decision", {"effective_from": "2017-12-01", "decision": dict(
        decision, number="2010/QĐ-UBND", signed_on="2017-11-28")})

    station = units[demo_data.SELECTION_UNIT]
    selection = api.post("/api/v1/leadership/selections", {
        "unit_id": station, "post_title": demo_data.SELECTION_POST, "method": "COMPETITIVE",
        "announced_on": "2017-11-15", "application_deadline": "2018-01-15", "decision_ref": "KH 145/KH-UBND"})
    staff = api.get("/api/v1/officials", unit_id=station, status="ACTIVE", limit=demo_data.SELECTION_CANDIDATES)
    for official in staff["items"]:
        api.post("/api/v1/leadership/selections/{}/candidates".format(selection["id"]),
                 {"official_id": official["id"], "applied_on": "2017-12-05"})


def print_ratings_and_disciplines(report):
    for name in ("ratings", "disciplines"):
        breakdown = report["breakdowns"].get(name, {"title": name, "counts": {}})
        print("  {:<60} {}".format(breakdown["title"], ", ".join(
            "{} {}".format(code, count) for code, count in sorted(breakdown["counts"].items())) or "-"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("DEMO_URL", "http://localhost:8000"))
    parser.add_argument("--user", default=os.environ.get("GATEWAY_ADMIN_USER", "admin"))
    parser.add_argument("--password", default=os.environ.get("GATEWAY_ADMIN_PASSWORD", "change-me-now"))
    parser.add_argument("--ready-timeout", type=float, default=120,
                        help="seconds to wait for the gateway's /ready before loading (default 120)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    wait_until_ready(args.url, args.ready_timeout)
    api = Gateway(args.url, args.user, args.password)
    units, unit_positions = load_units(api)
    print("units and positions loaded ({:.0f} s)".format(time.monotonic() - started), flush=True)
    officials = load_officials(api, unit_positions)
    print("{} officials imported ({:.0f} s)".format(len(officials), time.monotonic() - started), flush=True)
    load_schemes(api, units)
    for name, step in (("training", lambda: load_training(api, officials)),
                       ("inspections", lambda: load_inspections(api, units)),
                       ("feedback and dialogues", lambda: load_feedback(api, units)),
                       ("2017 disciplines and ratings", lambda: load_ratings(api)),
                       ("recruitment, promotion and leader selection", lambda: load_careers(api, units))):
        step()
        print("{} loaded ({:.0f} s)".format(name, time.monotonic() - started), flush=True)
    report = complete_report(api)
    print("\nBáo cáo năm {} ({:.0f} s):".format(demo_data.YEAR, time.monotonic() - started))
    for entry in report["indicators"].values():
        share = " / {} = {}%".format(entry["of"], entry["percent"]) if entry.get("of") is not None else ""
        print("  {:<60} {}{}".format(entry["label"], entry["value"], share))
    print_ratings_and_disciplines(report)
    print("\nDashboard: {}/dashboard?year={}".format(args.url, demo_data.YEAR))
    differences = seed_differences(report)
    for difference in differences:
        print("demo: {}".format(difference), file=sys.stderr)
    return 1 if differences else 0


def complete_report(api, timeout=180):
    """The annual report once no part of it is missing: right after the load the services are still
    applying its last events, and a part late for the gateway's deadline is marked partial."""
    deadline = time.monotonic() + timeout
    while True:
        report = api.get("/api/v1/reports/annual", year=demo_data.YEAR)
        if not report["partial"] or time.monotonic() > deadline:
            return report
        time.sleep(1)


def seed_differences(report):
    """Where the printed report differs from the province's own 2017 report (README "Demo data"): the demo
    checks itself, so `make demo` fails rather than print other figures."""
    indicators, found = report["indicators"], []

    def expect(name, wanted, got):
        if got != wanted:
            found.append("{}: {} expected, {} found".format(name, wanted, got))
    if report["partial"]:
        found.append("the report stayed partial: {}".format(report.get("unavailable")))
    turns = indicators["training_turns"]
    expect("training_turns", (demo_data.TRAINING_TURNS_DONE, sum(demo_data.TRAINING_PLAN.values()), 93.0),
           (turns["value"], turns["of"], turns["percent"]))
    expect("schemes_approved", demo_data.SCHEMES_APPROVED, indicators["schemes_approved"]["value"])
    expect("inspections", (len(demo_data.INSPECTED), len(demo_data.INSPECTED)),
           (indicators["inspections"]["value"], indicators["inspections"]["of"]))
    expect("dialogues", demo_data.DIALOGUES, indicators["dialogues"]["value"])
    expect("feedback_received", demo_data.FEEDBACK_ITEMS, indicators["feedback_received"]["value"])
    answered = indicators["feedback_answered"]
    expect("feedback_answered", (demo_data.FEEDBACK_ITEMS, 100.0), (answered["value"], answered["percent"]))
    return found


if __name__ == "__main__":
    sys.exit(main())
