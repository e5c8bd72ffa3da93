"""scale_<N>k (issue 16): a whole province on the default install.

Every service and the gateway run in this process (embedded store, as `make run` has it); N officials are
imported over the API (the CSV import endpoint, in chunks) into the units of a realistic tree (the province,
its departments and districts, their sub-units: about 200 units, two positions each); once the other services
have applied the import's events, ten years of history (2017-2026: a rating per official and year served,
courses, plans, enrollments and results for a share of the officials each year, a few thousand citizens'
feedback a year; bench/history.py says which path each kind takes and why); then the p50 / p95 of the reads
people make, through the gateway, each against its target (issue 16: lists and single reads 300 ms, reports
1 s), the process memory (RSS of this process, which holds every service's store) and an estimate of each
service's stored data (what its own `make run` process would hold). Written to bench/results.json as
`scale_<N>k`.

Alone: `.venv/bin/python -m bench.scale --officials 5000 [--years 10] [--training-share 0.4]
[--feedback-per-year 3000] [--repeat 15] [--profile read_name,...|over]`.
"""
import argparse
import gc
import json
import os
import random
import resource
import sys
import time

import eventlet

eventlet.monkey_patch()

import requests  # noqa: E402
from nameko.containers import ServiceContainer  # noqa: E402

from bench.gateway_read import free_port  # noqa: E402
from bench.harness import MANAGEMENT, RESULTS, fresh_config, record  # noqa: E402
from bench.history import generate  # noqa: E402
from gateway.service import GatewayService  # noqa: E402
from services.common.ids import today  # noqa: E402
from services.common.mongo import database_for  # noqa: E402
from services.feedback.service import FeedbackService  # noqa: E402
from services.inspection.service import InspectionService  # noqa: E402
from services.personnel.service import PersonnelService  # noqa: E402
from services.training.service import TrainingService  # noqa: E402

YEAR = 2026
PAST_YEAR = 2021
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + "/"
STATS_INTERVAL = 6                # s: the management API refreshes queue counts every 5 s
CHUNK = 5000                     # rows per import request (the importer takes up to 20,000)
DEPARTMENTS, DISTRICTS, SUB_UNITS = 20, 9, 6    # 1 + 29 + 29 * 6 = 204 units
GIVEN = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Kim"]
NAMES = ["An", "Bình", "Châu", "Dũng", "Hạnh", "Khoa", "Lan", "Phúc", "Quyên", "Tâm", "Thảo", "Vinh", "Yến",
         "Hải", "Long", "Nga", "Sơn", "Trung", "Tuấn", "Xuân"]
CATEGORIES = ["CONG_CHUC", "CONG_CHUC", "VIEN_CHUC", "VIEN_CHUC", "VIEN_CHUC", "CAN_BO", "HOP_DONG"]


class Api:
    TOKEN_RENEWED_AFTER = 300        # s: the gateway's tokens last GATEWAY_TOKEN_TTL_SECONDS (15 minutes)

    def __init__(self, base, password):
        self.base, self.session, self.password = base, requests.Session(), password
        self.login()

    def login(self):
        token = self.session.post(self.base + "/api/v1/auth/token",
                                  json={"username": "admin", "password": self.password}).json()
        self.session.headers["Authorization"] = "Bearer " + token["access_token"]
        self.logged_in = time.monotonic()

    def fresh(self):
        """A token with minutes to go (called before each read is timed: a 50k run outlasts one token)."""
        if time.monotonic() - self.logged_in > self.TOKEN_RENEWED_AFTER:
            self.login()

    def post(self, path, expect=201, **kwargs):
        response = self.session.post(self.base + path, timeout=600, **kwargs)
        assert response.status_code == expect, (path, response.status_code, response.text[:500])
        return response.json()

    def get(self, path, **params):
        return self.session.get(self.base + path, params=params, timeout=120)


def build_tree(api):
    """(units, {unit id: [position ids]}, {unit id: code}): the province, departments and districts, sub-units."""
    def unit(code, name, level, parent=None):
        return api.post("/api/v1/units", json={"code": code, "name": name, "unit_type": "SO", "level": level,
                                               "parent_id": parent, "valid_from": "2017-01-01"})

    def positions(unit_id):
        return [api.post("/api/v1/positions", json={
            "unit_id": unit_id, "title": title, "group": group, "rank": rank, "headcount_quota": quota,
            "requirements": requirements})["id"] for title, group, rank, quota, requirements in (
            ("Chuyên viên", "PROFESSIONAL", "01.003", 400,
             [{"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP"}]),
            ("Cán sự", "PROFESSIONAL", "01.004", 200, []))]

    root = unit("UBND", "Ủy ban nhân dân tỉnh Cà Mau", "PROVINCE")
    units, leaves = [root], []
    tops = [unit("SO{:02d}".format(i), "Sở {}".format(i), "PROVINCE", root["id"]) for i in range(DEPARTMENTS)]
    tops += [unit("HUYEN{:02d}".format(i), "Huyện {}".format(i), "DISTRICT", root["id"]) for i in range(DISTRICTS)]
    for top in tops:
        level = "COMMUNE" if top["level"] == "DISTRICT" else "PROVINCE"
        subs = [unit("{}-{:02d}".format(top["code"], j), "{} / {}".format(top["name"], j), level, top["id"])
                for j in range(SUB_UNITS)]
        units += [top] + subs
        leaves += [top] + subs
    return units, leaves, {u["id"]: positions(u["id"]) for u in leaves}


def csv_chunk(start, count, leaves, positions):
    lines = ["full_name,national_id,birth_date,category,unit_code,position_id,rank,service_start_date,"
             "political_theory"]
    for i in range(start, start + count):
        unit = leaves[i % len(leaves)]
        position = positions[unit["id"]][i // len(leaves) % 2]
        name = "{} {} {}".format(GIVEN[i % 12], MIDDLE[i // 12 % 8], NAMES[i // 96 % 20])
        theory = ("TRUNG_CAP", "CAO_CAP", "")[i % 3]
        lines.append("{},0962{:08d},19{:02d}-{:02d}-{:02d},{},{},{},{},{:04d}-09-01,{}".format(
            name, i, 65 + i % 35, 1 + i % 12, 1 + i % 28, CATEGORIES[i % 7], unit["code"], position,
            "01.003" if i // len(leaves) % 2 == 0 else "01.004", 1995 + i % 30, theory))
    return "\n".join(lines) + "\n"


def import_officials(api, count, leaves, positions):
    started = time.perf_counter()
    for start in range(0, count, CHUNK):
        size = min(CHUNK, count - start)
        report = api.post("/api/v1/officials/import", expect=200, data=csv_chunk(start, size, leaves, positions),
                          headers={"Content-Type": "text/csv"})
        assert report["created"] == size, [row for row in report["rows"] if row["status"] == "ERROR"][:3]
    return time.perf_counter() - started


def drain(config, containers, timeout=900):
    """Seconds until every service's outbox is relayed, every queue of the bench's vhost is empty and the
    services that keep officials (training, inspection, feedback) hold as many as personnel: the other
    services have applied the import's events, so the reads are timed without that backlog. The broker's
    management API refreshes its queue counts every few seconds, so empty queues are only believed when seen
    twice, STATS_INTERVAL apart."""
    vhost = config["AMQP_URI"].rsplit("/", 1)[1]
    stores = [container.service_cls.store.store_cls(database_for(config, container.service_name))
              for container in containers if hasattr(container.service_cls, "store")]
    started, empty_since = time.perf_counter(), None
    while time.perf_counter() - started < timeout:
        officials = {store.service_name: store.db["officials"].estimated_document_count() for store in stores
                     if store.service_name in ("personnel", "training", "inspection", "feedback")}
        if any(store.outbox_pending() for store in stores) or len(set(officials.values())) > 1:
            empty_since = None
            time.sleep(1)
            continue
        try:
            queues = [q for q in requests.get("{}/api/queues/{}".format(MANAGEMENT, vhost), timeout=10).json()
                      if q["name"].startswith("evt-")]      # the services' event queues (not unrouted.events, DLQs)
        except (requests.RequestException, ValueError, TypeError):    # the shared broker restarted: wait
            queues = []
        if queues and all(q.get("messages", 1) == 0 and q.get("messages_unacknowledged", 0) == 0 for q in queues):
            empty_since = empty_since or time.perf_counter()
            if time.perf_counter() - empty_since >= STATS_INTERVAL:
                return time.perf_counter() - started
        else:
            empty_since = None
        time.sleep(1)
    return None


def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def deep_cursor(api, count):
    """The `next` cursor of the page about 90 % through the list, walked by cursor (None: no cursors)."""
    first = api.get("/api/v1/officials", limit=200).json()
    if "next" not in first:
        return None
    cursor, seen = first["next"], len(first["items"])
    while cursor and seen < count * 0.9:
        page = api.get("/api/v1/officials", limit=200, after=cursor).json()
        cursor, seen = page.get("next"), seen + len(page["items"])
    return cursor


def veteran(api, officials):
    """An official in service since before the ten years, trained and named in feedback: the profile with the
    most history (the first such one by name; else the first by name)."""
    page = api.get("/api/v1/officials", limit=200).json()["items"]
    for item in page:
        if item["service_start_date"] > "2016-12-31":
            continue
        trained = api.get("/api/v1/training/enrollments", official_id=item["id"]).json().get("total", 0)
        named = api.get("/api/v1/feedback", official_id=item["id"]).json().get("total", 0)
        if trained and named:
            return item["id"]
    return page[0]["id"]


def reads(api, count, units, leaves, past_year=PAST_YEAR):
    one = api.get("/api/v1/officials", limit=1).json()["items"][0]["id"]
    department = units[1]["id"]             # SO00: with its sub-units
    cursor = deep_cursor(api, count)
    deep = {"after": cursor} if cursor else {"offset": int(count * 0.9)}
    old = veteran(api, count)
    course = (api.get("/api/v1/training/courses", limit=1).json().get("items") or [{}])[0].get("id")
    courses = api.get("/api/v1/training/courses", limit=1).json().get("total", 0)
    plans = api.get("/api/v1/training/plans", year=past_year).json().get("items") or []
    plan = [("plan_progress", "/api/v1/training/plans/{}/progress".format(plans[0]["id"]), {})] if plans else []
    return [
        ("list_first_page", "/api/v1/officials", {"limit": 50}),
        ("list_deep_page", "/api/v1/officials", dict(deep, limit=50)),
        ("list_deep_offset", "/api/v1/officials", {"offset": int(count * 0.9), "limit": 50}),
        ("list_filtered", "/api/v1/officials", {"unit_id": leaves[5]["id"], "status": "ACTIVE", "limit": 50}),
        ("list_sub_units", "/api/v1/officials", {"unit_id": department, "include_sub_units": "true", "limit": 50}),
        ("name_search", "/api/v1/officials", {"q": "nguyen van an", "limit": 50}),
        ("one_official", "/api/v1/officials/" + one, {}),
        ("profile", "/api/v1/officials/{}/profile".format(one), {}),
        ("annual_report", "/api/v1/reports/annual", {"year": YEAR}),
        ("compliance", "/api/v1/compliance", {}),
        ("unit_scorecard", "/api/v1/units/{}/scorecard".format(department), {"year": YEAR}),
        ("staffing", "/api/v1/units/{}/staffing".format(units[0]["id"]), {}),
        # over the ten years of history (bench/history.py)
        ("profile_ten_years", "/api/v1/officials/{}/profile".format(old), {}),
        ("official_evaluations", "/api/v1/officials/{}/evaluations".format(old), {}),
        ("unit_evaluations", "/api/v1/units/{}/evaluations".format(leaves[5]["id"]), {"year": past_year}),
        ("dept_evaluations", "/api/v1/units/{}/evaluations".format(department), {"year": past_year}),
        ("annual_report_past", "/api/v1/reports/annual", {"year": past_year}),
        ("annual_report_csv", "/api/v1/reports/annual", {"year": past_year, "format": "csv", "table": "ratings"}),
        ("unit_scorecard_past", "/api/v1/units/{}/scorecard".format(department), {"year": past_year}),
        ("units_list", "/api/v1/units", {}),
        ("courses_first_page", "/api/v1/training/courses", {"limit": 50}),
        ("courses_deep_page", "/api/v1/training/courses", {"offset": max(0, int(courses * 0.9)), "limit": 50}),
        ("enrollments_first_page", "/api/v1/training/enrollments", {"limit": 50}),
        ("enrollments_completed", "/api/v1/training/enrollments", {"status": "COMPLETED", "limit": 50}),
        ("enrollments_official", "/api/v1/training/enrollments", {"official_id": old}),
        ("enrollments_course", "/api/v1/training/enrollments", {"course_id": course, "limit": 50}),
        ("plans_list", "/api/v1/training/plans", {}),
    ] + plan + [
        ("needs_first_page", "/api/v1/training/needs", {"limit": 50}),
        ("needs_summary", "/api/v1/training/needs/summary", {}),
        ("feedback_first_page", "/api/v1/feedback", {"limit": 50}),
        ("feedback_filtered", "/api/v1/feedback", {"unit_id": leaves[5]["id"], "status": "ANSWERED", "limit": 50}),
        ("feedback_open", "/api/v1/feedback", {"status": "FORWARDED", "limit": 50}),
        ("feedback_official", "/api/v1/feedback", {"official_id": old}),
        ("feedback_statistics", "/api/v1/feedback/statistics", {}),
        ("feedback_statistics_year", "/api/v1/feedback/statistics",
         {"from": "{}-01-01".format(past_year), "to": "{}-12-31".format(past_year)}),
    ]


REPORTS = ("annual_report", "compliance", "unit_scorecard", "staffing", "annual_report_past", "annual_report_csv",
           "unit_scorecard_past", "feedback_statistics", "feedback_statistics_year", "needs_summary", "plan_progress")


def target_ms(name):
    """Issue 16's targets: reports (and the aggregates they are made of) 1 s, every list and single read 300 ms."""
    return 1000 if name in REPORTS else 300


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered))) - 1))]


class GcPauses:
    """Seconds the cyclic garbage collector ran (the whole process stops meanwhile), per generation."""

    def __init__(self):
        self.started, self.seconds = None, [0.0, 0.0, 0.0]
        gc.callbacks.append(self._callback)

    def _callback(self, phase, info):
        if phase == "start":
            self.started = time.perf_counter()
        elif self.started is not None:
            self.seconds[info["generation"]] += time.perf_counter() - self.started
            self.started = None

    def take(self):
        taken, self.seconds = self.seconds, [0.0, 0.0, 0.0]
        return taken


def time_reads(api, plan, repeat, budget_s=30.0):
    """{name: {p50_ms, p95_ms, n, statuses, target_ms}}; a slow read stops after `budget_s` (at least 3 runs)."""
    timings, pauses = {}, GcPauses()
    for name, path, params in plan:
        api.fresh()
        api.get(path, **params)                    # warm (schemas, first-use caches)
        latencies, statuses, spent = [], set(), 0.0
        pauses.take()
        while len(latencies) < repeat and (spent < budget_s or len(latencies) < 3):
            sent = time.perf_counter()
            statuses.add(api.get(path, **params).status_code)
            latencies.append(time.perf_counter() - sent)
            spent += latencies[-1]
        timings[name] = {"p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
                         "p95_ms": round(percentile(latencies, 0.95) * 1000, 1), "n": len(latencies),
                         "statuses": sorted(statuses), "target_ms": target_ms(name)}
        gc_ms = [round(seconds * 1000 / len(latencies), 1) for seconds in pauses.take()]
        timings[name]["gc_ms_per_read"] = gc_ms            # generations 0, 1, 2
        print("  {:<24} p50 {:>8.1f} ms  p95 {:>8.1f} ms  (n={}, {}; gc {} ms a read){}".format(
            name, timings[name]["p50_ms"], timings[name]["p95_ms"], len(latencies), sorted(statuses), gc_ms,
            "  OVER {} ms".format(target_ms(name)) if timings[name]["p95_ms"] > target_ms(name) else ""))
    return timings


def _deep_size(value, seen=None):
    """Bytes of a stored document as Python objects (dicts, lists, strings, numbers), shared objects once."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, dict):
        size += sum(_deep_size(k, seen) + _deep_size(v, seen) for k, v in value.items())
    elif isinstance(value, (list, tuple, set)):
        size += sum(_deep_size(v, seen) for v in value)
    return size


def store_sizes(config, containers, sample=2000):
    """{service: {"documents": n, "mb": estimate}}: each service's stored documents as Python objects (a sample
    of each collection, extrapolated): what that service's own `make run` process holds of the data."""
    sizes = {}
    for container in containers:
        if not hasattr(container.service_cls, "store"):
            continue
        db = database_for(config, container.service_name)
        documents, total = 0, 0.0
        for name in db.list_collection_names():
            count = db[name].estimated_document_count()
            if not count:
                continue
            taken, seen = list(db[name].find().limit(sample)), set()   # keys and values shared by documents: once
            total += sum(_deep_size(d, seen) for d in taken) / len(taken) * count
            documents += count
        sizes[container.service_name] = {"documents": documents, "mb": round(total / 2 ** 20)}
    return sizes


def run(officials=50000, repeat=15, profile=None, name=None, years=10, training_share=0.4, feedback_per_year=3000):
    password = "bench-password"
    with fresh_config(GATEWAY_ADMIN_PASSWORD=password, GATEWAY_AGGREGATE_TIMEOUT_SECONDS=120,
                      GATEWAY_RPC_TIMEOUT_SECONDS=120) as config:
        config["WEB_SERVER_ADDRESS"] = "127.0.0.1:{}".format(free_port())
        classes = (PersonnelService, TrainingService, InspectionService, FeedbackService, GatewayService)
        containers = [ServiceContainer(cls, config) for cls in classes]
        for container in containers:
            container.start()
        try:
            api = Api("http://{}".format(config["WEB_SERVER_ADDRESS"]), password)
            rss_before = rss_mb()
            units, leaves, positions = build_tree(api)
            imported = import_officials(api, officials, leaves, positions)
            rss_imported = rss_mb()
            print("{} officials imported in {:.1f} s into {} units; RSS {:.0f} MB".format(
                officials, imported, len(units), rss_imported))
            drained = drain(config, containers)
            print("their events applied by the other services {} s later".format(
                "not" if drained is None else round(drained, 1)))
            history, generated = None, None
            if years:
                started = time.perf_counter()
                print("generating {} years of history ({} of the officials trained a year, {} feedback a "
                      "year)".format(years, training_share, feedback_per_year))
                history = generate(api, config, containers, leaves, range(YEAR - years + 1, YEAR + 1),
                                   training_share, feedback_per_year)
                drain(config, containers)
                generated = time.perf_counter() - started
                print("history generated in {:.1f} s; RSS {:.0f} MB".format(generated, rss_mb()))
            rss_history = rss_mb()
            plan = reads(api, officials, units, leaves)
            for wanted in (profile or "").split(","):
                if wanted and wanted != "over":
                    _profile(api, [entry for entry in plan if entry[0] == wanted][0])
            timings = time_reads(api, plan, repeat)
            memory = rss_mb()
            if profile and "over" in profile.split(","):
                for entry in plan:
                    if timings[entry[0]]["p95_ms"] > target_ms(entry[0]):
                        _profile(api, entry)
            sizes = store_sizes(config, containers)
            print("stored data per service (estimate, MB):", sizes)
        finally:
            for container in containers:
                container.stop()
    over = {key: value["p95_ms"] for key, value in timings.items() if value["p95_ms"] > value["target_ms"]}
    worst_list = max(timings[key]["p95_ms"] for key in timings if target_ms(key) == 300)
    return record(name or "scale_{}k".format(round(officials / 1000)), worst_list, None, 300,
                  "ms (worst p95 of lists and single reads)", officials=officials, units=len(units),
                  import_seconds=round(imported, 1), events_drained_seconds=drained and round(drained, 1),
                  history=history, history_seconds=generated and round(generated, 1),
                  rss_mb=round(memory), rss_mb_at_start=round(rss_before), rss_mb_after_import=round(rss_imported),
                  rss_mb_after_history=round(rss_history), stored_mb_per_service=sizes,
                  over_target=over, reads=timings, repeat=repeat, load_average=os.getloadavg(),
                  note="p50/p95 per read through the gateway, every service in this process (embedded store); "
                       "targets (issue 16): lists and single reads p95 <= 300 ms, reports <= 1 s, "
                       "import <= 60 s, memory <= 1.5 GB")


def personnel_process(officials=50000, years=10, repeat=5, name=None):
    """The memory of `make run`'s largest process, measured: personnel (with the gateway, which `make run` runs
    apart, so this is an upper bound) alone in this process, N officials imported, a rating for every
    official and year served over `years` years (bench/history.py), its own reads made; then the RSS.
    Written as `scale_<N>k_personnel_process`."""
    from bench.history import bulk, evaluations, officials_of, store_of      # noqa: PLC0415 - this mode only
    password = "bench-password"
    with fresh_config(GATEWAY_ADMIN_PASSWORD=password, GATEWAY_AGGREGATE_TIMEOUT_SECONDS=5,
                      GATEWAY_RPC_TIMEOUT_SECONDS=120) as config:
        config["WEB_SERVER_ADDRESS"] = "127.0.0.1:{}".format(free_port())
        containers = [ServiceContainer(cls, config) for cls in (PersonnelService, GatewayService)]
        for container in containers:
            container.start()
        try:
            api = Api("http://{}".format(config["WEB_SERVER_ADDRESS"]), password)
            units, leaves, positions = build_tree(api)
            imported = import_officials(api, officials, leaves, positions)
            personnel = store_of(config, containers, "personnel")
            rows, groups = officials_of(personnel)
            ratings = bulk(personnel, evaluations, personnel, rows, groups, range(YEAR - years + 1, YEAR + 1),
                            random.Random(16), today())
            one = api.get("/api/v1/officials", limit=1).json()["items"][0]["id"]
            plan = [("list_first_page", "/api/v1/officials", {"limit": 50}),
                    ("list_filtered", "/api/v1/officials", {"unit_id": leaves[5]["id"], "limit": 50}),
                    ("official_evaluations", "/api/v1/officials/{}/evaluations".format(one), {}),
                    ("unit_evaluations", "/api/v1/units/{}/evaluations".format(leaves[5]["id"]), {"year": PAST_YEAR}),
                    ("compliance", "/api/v1/compliance", {}),
                    ("staffing", "/api/v1/units/{}/staffing".format(units[0]["id"]), {})]
            timings = time_reads(api, plan, repeat)
            for year in (YEAR, PAST_YEAR):       # the personnel part of the annual report, as the gateway asks it
                personnel_report = _personnel_annual(config, year)
                print("  personnel's annual report {}: {} ratings".format(year, sum(personnel_report["ratings"].values())))
            memory = rss_mb()
            print("personnel's process: {} officials, {} ratings; RSS {:.0f} MB".format(
                officials, ratings["evaluations"], memory))
        finally:
            for container in containers:
                container.stop()
    return record(name or "scale_{}k_personnel_process".format(round(officials / 1000)), memory, None, 1536,
                  "MB (RSS of personnel's process with the gateway)", officials=officials,
                  import_seconds=round(imported, 1), ratings=ratings, reads=timings,
                  note="make run's largest process measured alone: personnel and the gateway, every official "
                       "rated every year served over {} years".format(years))


def _personnel_annual(config, year):
    """Personnel's annual_report RPC, as the gateway's report calls it."""
    from nameko.standalone.rpc import ClusterRpcProxy       # noqa: PLC0415 - this mode only
    with ClusterRpcProxy(config, timeout=120) as rpc:
        return rpc.personnel.annual_report(year)


def _profile(api, entry, runs=3, interval=0.001, top=30):
    """Where a read's time goes, every service and the gateway included: cProfile sees only the green thread
    it was enabled in, so a real OS thread samples the main thread's stack (whichever green thread runs)
    every `interval` while the read is made `runs` times. Prints the functions most often on the stack
    (cumulative) and at its top (self), with their share of the samples; "hub wait" is idle time."""
    threading, real_time = eventlet.patcher.original("threading"), eventlet.patcher.original("time")
    main, stop = eventlet.patcher.original("_thread").get_ident(), threading.Event()
    cumulative, own, samples = {}, {}, [0]

    def where(frame):
        return "{}:{}({})".format(frame.f_code.co_filename.replace(ROOT, ""), frame.f_code.co_firstlineno,
                                  frame.f_code.co_name)

    def sample():
        while not stop.is_set():
            frame = sys._current_frames().get(main)
            if frame is not None:
                samples[0] += 1
                own[where(frame)] = own.get(where(frame), 0) + 1
                seen = set()
                while frame is not None:
                    seen.add(where(frame))
                    frame = frame.f_back
                for name in seen:
                    cumulative[name] = cumulative.get(name, 0) + 1
            real_time.sleep(interval)

    api.fresh()
    switch = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    try:
        for _ in range(runs):
            api.get(entry[1], **entry[2])
    finally:
        stop.set()
        sampler.join()
        sys.setswitchinterval(switch)
    elapsed = time.perf_counter() - started
    print("--- profile of {} ({} runs, {:.0f} ms each, {} samples)".format(entry[0], runs, elapsed / runs * 1000,
                                                                          samples[0]))
    for title, counts in (("cumulative", cumulative), ("self", own)):
        print("  {}:".format(title))
        for name, count in sorted(counts.items(), key=lambda item: -item[1])[:top]:
            print("    {:5.1f} %  {}".format(100.0 * count / max(1, samples[0]), name))


def table(entries=("scale_5k", "scale_50k")):
    """The README's table by size, from bench/results.json: p50 / p95 per read, over-target p95 in bold."""
    results = json.loads(RESULTS.read_text())
    entries = [name for name in entries if name in results]
    runs = [results[name] for name in entries]
    lines = ["| read | target | " + " | ".join("{:,} officials p50 / p95".format(r["officials"]) for r in runs) + " |",
             "|---|---|" + "---|" * len(runs)]
    for read in dict.fromkeys(read for r in runs for read in r["reads"]):
        cells = []
        for r in runs:
            timing = r["reads"].get(read)
            if timing is None:
                cells.append("-")
                continue
            p95 = "{:,.0f}".format(timing["p95_ms"])
            cells.append("{:,.0f} / {}".format(timing["p50_ms"], "**{}**".format(p95)
                                               if timing["p95_ms"] > timing["target_ms"] else p95))
        lines.append("| `{}` | {:,} ms | {} |".format(read, target_ms(read), " | ".join(cells)))
    def row(label, target, value):
        lines.append("| {} | {} | {} |".format(label, target, " | ".join(value(r) for r in runs)))
    row("import (s)", "60 s", lambda r: "{}".format(r["import_seconds"]))
    row("import's events applied by the other services (s)", "-", lambda r: "{}".format(r["events_drained_seconds"]))
    row("history generated (s)", "-", lambda r: "{}".format(r.get("history_seconds")))
    row("RSS, all services in one process (MB)", "1,536 MB",
        lambda r: "{:,} (after import {:,}, after history {:,})".format(
            r["rss_mb"], r["rss_mb_after_import"], r["rss_mb_after_history"]))
    row("stored data per service (MB, estimate)", "-", lambda r: ", ".join(
        "{} {:,}".format(name, size["mb"]) for name, size in r["stored_mb_per_service"].items()))
    row("load average at the end (1 / 5 / 15 min)", "-",
        lambda r: " / ".join("{:.1f}".format(x) for x in r["load_average"]))
    print("\n".join(lines))


def main():
    if sys.argv[1:] == ["--table"]:
        return table()
    parser = argparse.ArgumentParser()
    parser.add_argument("--officials", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--years", type=int, default=10, help="years of history up to {} (0: none)".format(YEAR))
    parser.add_argument("--training-share", type=float, default=0.4, help="officials trained a year")
    parser.add_argument("--feedback-per-year", type=int, default=3000)
    parser.add_argument("--profile", default=None,
                        help="cProfile reads (names, comma-separated) before timing; 'over': after timing, "
                             "every read over its target")
    parser.add_argument("--name", default=None, help="the results.json entry (default scale_<N>k)")
    parser.add_argument("--personnel-process", action="store_true",
                        help="measure make run's largest process instead: personnel (and the gateway) alone, "
                             "with its ten years of ratings")
    arguments = parser.parse_args()
    if arguments.personnel_process:
        return personnel_process(arguments.officials, arguments.years or 10, min(arguments.repeat, 5), arguments.name)
    run(arguments.officials, arguments.repeat, arguments.profile, arguments.name, arguments.years,
        arguments.training_share, arguments.feedback_per_year)


if __name__ == "__main__":
    main()
