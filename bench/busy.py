"""busy_<N>k (issue 23, "fast while busy"): the reads while the platform applies an import's events, in the
shape that runs.

bench/scale.py times the reads in one process once every event is applied (quiet figures). Here the platform
runs as `make run` runs it, six processes each with its own embedded store, started by
tests/deployed/platform.py (broker_setup, then `python -m services.common.launch --config config.yml` on a vhost
and broker users of its own, the gateway on a free port) with config.yml's own settings: the deployed tier's
short retry delays and sweeps and longer RPC deadlines are not applied, so a read cut at the gateway's 5 s RPC
deadline (2 s for an aggregate) answers 503 here as it does for a user. Only the gateway's rate limits are
raised and its tokens made to last (this process is one client making many requests).

The unit tree of bench/scale.py (204 units, two positions each) is built over the API and its events applied;
then N officials are imported through `POST /api/v1/officials/import` in chunks of 4,000 rows, one after the
other, by one client. From the first chunk's answer `--readers` other clients (1 by default) make a fixed set
of reads through the gateway in a loop (each read once a round, in order; the cursor page starts from the
middle of the first chunk, in name order) until every `evt-*` queue of the vhost is empty (the broker's
management API, whose counts refresh every ~5 s: believed empty only when every look over STATS_INTERVAL says
so): the BUSY figures, split in the JSON into the reads made while chunks were still being imported and those
made after the last chunk's answer. The drain time is from the last chunk's answer to the first of those empty
looks. Then the same loop on the quiet platform (QUIET figures). Every answer is timed, a 503 too (the user
waited for it); statuses other than 200 are counted apart. The JSON also keeps the queues' backlog and what
each `<service>.events` exchange took in at every look (`backlog_timeline`), and every busy answer over its
target (`slow_busy_answers`, with its time), to see which phase slows which read.

Alone: `.venv/bin/python -m bench.busy --officials 10000 [--chunk 4000] [--quiet-rounds 10] [--readers 1]
[--setting NAME=VALUE ...] [--name busy_10k]`; `python -m bench.busy --table` prints the table of every busy_*
entry of bench/results.json. `make bench` runs it with BENCH_BUSY_OFFICIALS officials (10,000; 0 skips it).
"""
import argparse
import json
import os
import re
import sys
import time

import eventlet

eventlet.monkey_patch()

import requests  # noqa: E402

from bench.harness import AMQP, MANAGEMENT, RESULTS, record  # noqa: E402
from bench.scale import YEAR, Api, build_tree, csv_chunk, percentile, target_ms  # noqa: E402
from services.common.broker_setup import Management  # noqa: E402
from tests.deployed.platform import ADMIN_PASSWORD, DeployedPlatform  # noqa: E402

CHUNK = 4000                # rows per import request, as an administrator sends a large file
STATS_INTERVAL = 6          # s: the management API refreshes queue counts every 5 s
POLL = 2                    # s between two looks at the queues
QUEUE_OWNER = re.compile(r"--(\w+)\.")      # evt-<source>-<type>--<service>.<method>
# Beyond config.yml: this process is one client making thousands of requests over several minutes.
SETTINGS = {
    "GATEWAY_TOKEN_TTL_SECONDS": "7200",
    "GATEWAY_LOGIN_RATE_PER_MINUTE": "100000",
    "GATEWAY_PUBLIC_RATE_PER_MINUTE": "100000",
    "GATEWAY_OPERATIONS_RATE_PER_MINUTE": "100000",
}


class RunShapedPlatform(DeployedPlatform):
    """tests/deployed/platform.py's platform with config.yml's delays and deadlines (`make run`'s) instead of
    the deployed tier's FAST_SETTINGS: only `settings` is added to the environment."""

    def __init__(self, management, amqp_base_uri, settings):
        super().__init__(management, amqp_base_uri, settings)
        self.settings = dict(settings)


class Backlog:
    """The platform's event queues (`evt-*`) and what each `<service>.events` exchange has taken in, looked at
    every POLL s from a green thread of its own (the management API: counts up to ~5 s old)."""

    def __init__(self, management, vhost):
        self.management, self.vhost = management, vhost
        # (monotonic time, {queue: messages} or None when unknown, {events exchange: messages published to it})
        self.looks = []
        self.last_stats = []
        self.running = True
        self.thread = eventlet.spawn(self._run)

    def _run(self):
        while self.running:
            at = time.monotonic()
            self.looks.append((at, self._queues(), self._published()))
            eventlet.sleep(POLL)

    def _queues(self):
        try:
            queues = [q for q in self.management.get("queues", self.vhost) if q["name"].startswith("evt-")]
        except (requests.RequestException, ValueError, TypeError):
            return None
        if not queues or any("messages" not in q for q in queues):     # counts not known yet: not empty
            return None
        self.last_stats = queues
        return {q["name"]: q["messages"] or q.get("messages_unacknowledged", 0) for q in queues}

    def _published(self):
        try:
            exchanges = self.management.get("exchanges", self.vhost)
        except (requests.RequestException, ValueError, TypeError):
            return None
        return {e["name"].rsplit(".", 1)[0]: e.get("message_stats", {}).get("publish_in", 0) for e in exchanges
                if e["name"].endswith(".events")}

    def stop(self):
        self.running = False
        self.thread.wait()

    def empty_since(self, after):
        """The time of the first of the looks since `after` from which every look found every event queue
        empty and no events exchange taking in more, once those looks span STATS_INTERVAL; else None."""
        start, previous, last = None, None, None
        for at, counts, published in self.looks:
            still = counts is not None and not any(counts.values()) and published is not None \
                and published == (previous if previous is not None else published)
            previous = published
            if at < after:
                continue
            start, last = (start or at) if still else None, at
        if start is not None and last - start >= STATS_INTERVAL:
            return start
        return None

    def wait_empty(self, after, timeout):
        deadline = time.monotonic() + timeout
        while self.empty_since(after) is None:
            if time.monotonic() > deadline:
                raise TimeoutError("event queues not empty within {} s".format(timeout))
            eventlet.sleep(0.5)
        return self.empty_since(after)

    def _between(self, after, before):
        return [look for look in self.looks if after <= look[0] <= before]

    def timeline(self, after, before):
        """[[s after `after`, {consuming service: messages in its event queues}, {source: events it published
        since `after`}]] for every look in between."""
        looks = self._between(after, before)
        first = next((published for _, _, published in looks if published), {})
        return [[round(at - after, 1), counts and self._per_service(counts),
                 published and {source: count - first.get(source, 0) for source, count in published.items()
                                if count - first.get(source, 0)}] for at, counts, published in looks]

    @staticmethod
    def _per_service(counts):
        totals = {}
        for queue, messages in counts.items():
            owner = QUEUE_OWNER.search(queue)
            service = owner.group(1) if owner else queue
            totals[service] = totals.get(service, 0) + messages
        return totals

    def by_service(self, after, before):
        """({consuming service: {peak backlog, when its queues were last seen non-empty (s after `after`),
        events routed to its queues over the whole run}}, {source: {events published between `after` and
        `before`, when its count was last seen rising (s after `after`)}})."""
        consumers, sources, previous = {}, {}, None
        for at, counts, published in self._between(after, before):
            for service, messages in (self._per_service(counts) if counts else {}).items():
                entry = consumers.setdefault(service, {"peak_backlog": 0, "last_busy_s": None})
                entry["peak_backlog"] = max(entry["peak_backlog"], messages)
                if messages:
                    entry["last_busy_s"] = round(at - after, 1)
            if published is None:
                continue
            for source, count in published.items():
                entry = sources.setdefault(source, {"published": 0, "last_publishing_s": None})
                if previous is not None and count > previous.get(source, count):
                    entry["published"] += count - previous[source]
                    entry["last_publishing_s"] = round(at - after, 1)
            previous = published
        for queue in self.last_stats:
            owner = QUEUE_OWNER.search(queue["name"])
            entry = consumers.setdefault(owner.group(1) if owner else queue["name"],
                                         {"peak_backlog": 0, "last_busy_s": None})
            entry["events"] = entry.get("events", 0) + queue.get("message_stats", {}).get("publish", 0)
        return consumers, {source: entry for source, entry in sources.items() if entry["published"]}


class Importer:
    """Posts the chunks one after the other in a green thread; `answered` holds each answer's time."""

    def __init__(self, api, count, chunk, leaves, positions):
        self.api, self.count, self.chunk, self.leaves, self.positions = api, count, chunk, leaves, positions
        self.answered, self.seconds, self.first_official, self.failure = [], [], None, None
        self.first = eventlet.event.Event()
        self.started = time.monotonic()
        self.thread = eventlet.spawn(self._run)

    def _run(self):
        try:
            for start in range(0, self.count, self.chunk):
                size = min(self.chunk, self.count - start)
                body = csv_chunk(start, size, self.leaves, self.positions)
                sent = time.monotonic()
                self.api.fresh()
                report = self.api.post("/api/v1/officials/import", expect=200, data=body.encode(),
                                       headers={"Content-Type": "text/csv"})
                assert report["created"] == size, [row for row in report["rows"] if row["status"] == "ERROR"][:3]
                self.answered.append(time.monotonic())
                self.seconds.append(round(self.answered[-1] - sent, 1))
                print("  chunk {}-{}: {:.1f} s".format(start, start + size, self.seconds[-1]), flush=True)
                if not self.first.ready():
                    self.first_official = report["rows"][0]["official_id"]
                    self.first.send(True)
        except Exception as error:          # noqa: BLE001 - reported by the reading loop, which stops
            self.failure = error
            if not self.first.ready():
                self.first.send(False)

    @property
    def done(self):
        return len(self.answered) * self.chunk >= self.count

    @property
    def last_answer(self):
        return self.answered[-1] if self.done else None


def plan_of(count, units, leaves, official=None, cursor=None):
    """The reads people make while an import runs (bench/scale.py's, those that need no history): (name,
    path, params); without an official (before the import) those that need one are left out."""
    department, unit = units[1]["id"], leaves[5]["id"]
    plan = [
        ("list_first_page", "/api/v1/officials", {"limit": 50}),
        ("list_middle_offset", "/api/v1/officials", {"offset": count // 2, "limit": 50}),
        ("list_middle_cursor", "/api/v1/officials", {"after": cursor, "limit": 50}),
        ("list_filtered", "/api/v1/officials", {"unit_id": unit, "status": "ACTIVE", "limit": 50}),
        ("list_sub_units", "/api/v1/officials", {"unit_id": department, "include_sub_units": "true", "limit": 50}),
        ("name_search", "/api/v1/officials", {"q": "nguyen van an", "limit": 50}),
        ("one_official", "/api/v1/officials/{}".format(official), {}),
        ("profile", "/api/v1/officials/{}/profile".format(official), {}),
        ("units_list", "/api/v1/units", {}),
        ("compliance", "/api/v1/compliance", {}),
        ("staffing", "/api/v1/units/{}/staffing".format(units[0]["id"]), {}),
        ("unit_scorecard", "/api/v1/units/{}/scorecard".format(department), {"year": YEAR}),
        ("annual_report", "/api/v1/reports/annual", {"year": YEAR}),
    ]
    if official is None:
        plan = [entry for entry in plan if entry[0] not in ("one_official", "profile", "list_middle_cursor")]
    return plan


def read_round(api, plan, samples):
    """Each read once; samples get (name, sent at, seconds, status: the HTTP status or the exception's name)."""
    for name, path, params in plan:
        api.fresh()
        sent = time.monotonic()
        try:
            status = api.get(path, **params).status_code
        except requests.RequestException as error:
            status = type(error).__name__
        samples.append((name, sent, time.monotonic() - sent, status))


def read_rounds(apis, plan, samples, more):
    """Every reader (a client of its own, in a green thread, its rounds begun at a different read) makes
    rounds of the plan while `more(rounds it made)`; returns when every reader has stopped."""
    def reader(index, api):
        turn = index * len(plan) // len(apis)
        rounds = 0
        while more(rounds):
            read_round(api, plan[turn:] + plan[:turn], samples)
            rounds += 1

    for thread in [eventlet.spawn(reader, index, api) for index, api in enumerate(apis)]:
        thread.wait()


def figures(samples):
    """{read: {p50_ms, p95_ms, max_ms, n, errors, status_503, statuses}} (every answer timed)."""
    by_read = {}
    for name, _, seconds, status in samples:
        by_read.setdefault(name, []).append((seconds, status))
    result = {}
    for name, taken in by_read.items():
        latencies = [seconds for seconds, _ in taken]
        statuses = {}
        for _, status in taken:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        result[name] = {"p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
                        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
                        "max_ms": round(max(latencies) * 1000, 1), "n": len(taken),
                        "errors": sum(count for status, count in statuses.items() if status != "200"),
                        "status_503": statuses.get("503", 0), "statuses": statuses}
    return result


def run(officials=10000, chunk=CHUNK, quiet_rounds=10, settings=None, name=None, drain_timeout=3600, readers=1):
    management = Management(MANAGEMENT)
    settings = dict(SETTINGS, **(settings or {}))
    platform = RunShapedPlatform(management, AMQP, settings)
    started = time.monotonic()
    try:
        platform.start()
        print("platform up in {:.0f} s ({}, log {})".format(time.monotonic() - started, platform.url,
                                                           platform.log.name), flush=True)
        writer = Api(platform.url, ADMIN_PASSWORD)
        apis = [Api(platform.url, ADMIN_PASSWORD) for _ in range(readers)]
        backlog = Backlog(management, platform.vhost)
        try:
            units, leaves, positions = build_tree(writer)
            tree_built = time.monotonic()
            backlog.wait_empty(tree_built, 300)            # the tree's own events applied: a quiet start
            read_round(apis[0], plan_of(officials, units, leaves), [])   # first use of each path
            print("{} units built and their events applied; importing {:,} officials in chunks of {:,}".format(
                len(units), officials, chunk), flush=True)
            importer = Importer(writer, officials, chunk, leaves, positions)
            importer.first.wait()
            if importer.failure:
                raise importer.failure
            first_answer = time.monotonic()
            cursor = apis[0].get("/api/v1/officials", offset=min(officials, chunk) // 2, limit=1).json().get("next")
            plan = plan_of(officials, units, leaves, importer.first_official, cursor)
            busy, state = [], {"drained_at": None, "timed_out": False}

            def busy_more(rounds):
                if importer.failure:
                    raise importer.failure
                if platform.launcher.poll() is not None:
                    raise AssertionError("the platform stopped:\n" + platform.log_tail())
                if importer.done and not (state["drained_at"] or state["timed_out"]):
                    state["drained_at"] = backlog.empty_since(importer.last_answer)
                    state["timed_out"] = time.monotonic() - importer.last_answer > drain_timeout
                return not (state["drained_at"] or state["timed_out"])

            read_rounds(apis, plan, busy, busy_more)
            drained_at, last_answer = state["drained_at"], importer.last_answer
            until = drained_at if drained_at is not None else time.monotonic()
            services, sources = backlog.by_service(importer.started, until)
            timeline = backlog.timeline(importer.started, until)
            quiet = []
            read_rounds(apis, plan, quiet, lambda rounds: rounds < quiet_rounds)
        finally:
            backlog.stop()
        log_bytes = os.path.getsize(platform.log.name)
    finally:
        platform.clean_up()
    import_seconds = last_answer - importer.started
    drain_seconds = None if drained_at is None else drained_at - last_answer
    busy_window = [sample for sample in busy if sample[1] < until]
    busy_all, busy_importing = figures(busy_window), figures([s for s in busy_window if s[1] < last_answer])
    busy_draining, quiet_all = figures([s for s in busy_window if s[1] >= last_answer]), figures(quiet)
    reads = {}
    for read, _, _ in plan:
        reads[read] = {"target_ms": target_ms(read), "busy": busy_all.get(read), "quiet": quiet_all.get(read),
                       "busy_while_importing": busy_importing.get(read),
                       "busy_after_last_chunk": busy_draining.get(read)}
    # when the slow answers came: s after the import's first request, "importing" or after the last chunk
    slow = [{"read": read, "at_s": round(sent - importer.started, 1), "ms": round(seconds * 1000),
             "status": str(status), "phase": "importing" if sent < last_answer else "draining"}
            for read, sent, seconds, status in busy_window if seconds * 1000 > target_ms(read) or status != 200]
    errors = {"busy": sum(r["busy"]["errors"] for r in reads.values() if r["busy"]),
              "busy_503": sum(r["busy"]["status_503"] for r in reads.values() if r["busy"]),
              "quiet": sum(r["quiet"]["errors"] for r in reads.values() if r["quiet"])}
    worst = max(r["busy"]["p95_ms"] for key, r in reads.items() if r["busy"] and target_ms(key) == 300)
    entry = record(
        name or "busy_{}k".format(round(officials / 1000)), worst, None, 300,
        "ms (worst busy p95 of lists and single reads)", officials=officials, chunk=chunk, readers=readers,
        import_seconds=round(import_seconds, 1), chunk_seconds=importer.seconds,
        drain_seconds=drain_seconds and round(drain_seconds, 1), drained=drained_at is not None,
        busy_seconds=round(until - first_answer, 1), first_answer_seconds=round(first_answer - importer.started, 1),
        errors=errors, reads=reads, event_queues=services, events_published=sources, backlog_timeline=timeline,
        slow_busy_answers=slow[:500],
        quiet_rounds=quiet_rounds, settings=settings, platform_log_mb=round(log_bytes / 2 ** 20, 1),
        over_target_busy={key: r["busy"]["p95_ms"] for key, r in reads.items()
                          if r["busy"] and r["busy"]["p95_ms"] > r["target_ms"]},
        over_target_quiet={key: r["quiet"]["p95_ms"] for key, r in reads.items()
                           if r["quiet"] and r["quiet"]["p95_ms"] > r["target_ms"]},
        load_average=os.getloadavg(), total_seconds=round(time.monotonic() - started, 1),
        note="make run's six processes (tests/deployed/platform.py, config.yml's settings, rate limits raised); "
             "busy: reads in a loop from the first import chunk's answer until every evt-* queue is empty; "
             "quiet: the same loop afterwards; every answer timed (503s too), errors counted apart")
    print_table(entry)
    return entry


def print_table(entry):
    def cell(timing):
        if not timing:
            return "-"
        errors = ", {} errors ({} x 503)".format(timing["errors"], timing["status_503"]) if timing["errors"] else ""
        return "{:,.0f} / {:,.0f} / {:,.0f} (n={}{})".format(timing["p50_ms"], timing["p95_ms"], timing["max_ms"],
                                                           timing["n"], errors)

    print("\n{:,} officials, chunks of {:,}: import {} s (chunks {}), drain after the last chunk {} s, busy "
          "window {} s".format(entry["officials"], entry["chunk"], entry["import_seconds"], entry["chunk_seconds"],
                               entry["drain_seconds"], entry["busy_seconds"]))
    print("| read | target | busy p50 / p95 / max ms | of which while chunks were importing | "
          "quiet p50 / p95 / max ms |")
    print("|---|---|---|---|---|")
    for read, timing in entry["reads"].items():
        print("| `{}` | {:,} ms | {} | {} | {} |".format(read, timing["target_ms"], cell(timing["busy"]),
                                                          cell(timing.get("busy_while_importing")),
                                                          cell(timing["quiet"])))
    slow = entry.get("slow_busy_answers", [])
    print("busy answers over target or not 200: {} while importing, {} after the last chunk".format(
        sum(1 for answer in slow if answer["phase"] == "importing"),
        sum(1 for answer in slow if answer["phase"] == "draining")))
    print("event queues by consuming service (peak backlog, last seen non-empty s after the import began, "
          "events): " + "; ".join("{} {} / {} / {}".format(service, value["peak_backlog"], value["last_busy_s"],
                                                           value.get("events"))
                                  for service, value in sorted(entry["event_queues"].items())))
    print("events published by source (count, last seen rising s after the import began): " + "; ".join(
        "{} {} / {}".format(source, value["published"], value["last_publishing_s"])
        for source, value in sorted(entry.get("events_published", {}).items())))
    print("errors: {}".format(entry["errors"]))


def table():
    results = json.loads(RESULTS.read_text())
    for name, entry in results.items():
        if name.startswith("busy_"):
            print("## " + name)
            print_table(entry)


def main():
    if sys.argv[1:] == ["--table"]:
        return table()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officials", type=int, default=10000)
    parser.add_argument("--chunk", type=int, default=CHUNK, help="rows per import request")
    parser.add_argument("--quiet-rounds", type=int, default=10, help="rounds of the reads once quiet")
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE",
                        help="an environment variable of the platform's processes (config.yml's names)")
    parser.add_argument("--drain-timeout", type=float, default=3600)
    parser.add_argument("--readers", type=int, default=1, help="clients making the rounds of reads side by side")
    parser.add_argument("--name", default=None, help="the results.json entry (default busy_<N>k)")
    arguments = parser.parse_args()
    settings = dict(setting.split("=", 1) for setting in arguments.setting)
    run(arguments.officials, arguments.chunk, arguments.quiet_rounds, settings, arguments.name,
        arguments.drain_timeout, arguments.readers)


if __name__ == "__main__":
    main()
