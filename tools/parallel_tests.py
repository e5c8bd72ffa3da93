"""Run the test suite as several pytest processes side by side, and report them as one run.

    python -m tools.parallel_tests --workers 4 tests          (make test)
    python -m tools.parallel_tests --workers 2 tests/e2e -- -x
    python -m tools.parallel_tests --no-slow tests/e2e      (scripts/wire_tests.sh)

Why not pytest-xdist: its workers talk to the controller through execnet, which hangs as soon as
eventlet's monkey patching, which nameko needs (tests/conftest.py), replaces threading in the worker
(pytest-dev/pytest-xdist#71, still so with xdist 3.8). Separate pytest processes each patch themselves
and share nothing but the broker, where every test takes a fresh vhost, and the embedded store, which is
per test. Tests marked `serial` are left out here; make test runs them alone afterwards.

Files are dealt to the workers longest first, so the workers finish close together: by the seconds each
file took in a recorded run (tests/durations.json, rewritten by `--record` from the runs' JUnit reports),
else by an estimate (a unit test is cheap, a test that starts services costs seconds, the demo minutes).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

NO_TESTS_COLLECTED = 5          # pytest's exit code when a worker's files hold only `serial` tests
SECONDS_PER_UNIT_TEST = 0.05
SECONDS_PER_SYSTEM_TEST = 3.0   # integration, e2e, security, reliability: services on the real broker
SECONDS_PER_SLOW_FILE = 150.0   # a file marked `slow` (the 2017 demo end to end)
OTHERS_NICENESS = 10
TEST_FUNCTION = re.compile(r"^\s*def test_", re.MULTILINE)
DURATIONS = Path(__file__).resolve().parent.parent / "tests" / "durations.json"


def recorded_durations():
    return json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.exists() else {}


def estimated_seconds(path, recorded=None):
    if recorded and str(path) in recorded:
        return recorded[str(path)]
    text = path.read_text(encoding="utf-8")
    tests = len(TEST_FUNCTION.findall(text))
    per_test = SECONDS_PER_UNIT_TEST if "unit" in path.parts else SECONDS_PER_SYSTEM_TEST
    return tests * per_test + (SECONDS_PER_SLOW_FILE if is_slow(path) else 0.0)


def is_slow(path):
    return path.suffix == ".py" and "mark.slow" in path.read_text(encoding="utf-8")


def deal(files, workers, recorded=None):
    """Longest first, each file to the least loaded worker."""
    loads = [[0.0, []] for _ in range(workers)]
    for path in sorted(files, key=lambda path: estimated_seconds(path, recorded), reverse=True):
        lightest = min(loads, key=lambda load: load[0])
        lightest[0] += estimated_seconds(path, recorded)
        lightest[1].append(str(path))
    return [sorted(paths) for _, paths in loads if paths]


def file_seconds(junit_reports):
    """{test file: seconds} from JUnit XML reports (a testcase's classname is its module's dotted path)."""
    seconds = defaultdict(float)
    for report in junit_reports:
        for case in ElementTree.parse(report).iter("testcase"):
            module = case.get("classname", "").split(".")
            while module and not Path(*module).with_suffix(".py").exists():
                module.pop()      # a test class's name follows its module's
            if module:
                seconds[str(Path(*module).with_suffix(".py"))] += float(case.get("time", 0))
    return {path: round(total, 2) for path, total in sorted(seconds.items())}


def test_files(roots):
    found = []
    for root in map(Path, roots):
        found += [root] if root.is_file() else sorted(root.rglob("test_*.py"))
    return found


def split_arguments(argv):
    """(ours, pytest's): what follows the first `--` goes to every pytest. Not argparse's REMAINDER: after
    `--` it hands everything to the greedy `paths`, so `-m "not slow"` became two paths that match no file."""
    if "--" in argv:
        at = argv.index("--")
        return argv[:at], argv[at + 1:]
    return argv, []


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     usage="%(prog)s [--workers N] [--record] [--no-slow] paths... [-- pytest args]")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--record", action="store_true", help="rewrite tests/durations.json from this run")
    parser.add_argument("--no-slow", action="store_true",
                        help="leave out the tests marked slow (and deal no worker a file holding only those)")
    parser.add_argument("paths", nargs="+")
    ours, extra = split_arguments(sys.argv[1:] if argv is None else list(argv))
    args = parser.parse_args(ours)
    files = test_files(args.paths)
    markers = "not serial"
    if args.no_slow:
        files = [path for path in files if not is_slow(path)]
        markers = "not serial and not slow"
    started = time.monotonic()
    running, reports = [], tempfile.TemporaryDirectory()
    for number, files in enumerate(deal(files, args.workers, recorded_durations()), start=1):
        log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", markers,
                   "--junitxml={}/worker-{}.xml".format(reports.name, number), *extra, *files]
        # The slow file (the 2017 demo: one process running a whole system) is the long pole: on CI's otherwise
        # idle machine the other workers yield the CPU to it and fill in around it (nice 10), so the run ends
        # when the sum of the work does, not when the demo's share of two cores does.
        niceness = 0 if any(is_slow(Path(path)) for path in files) else OTHERS_NICENESS
        # Each worker takes the ports of its test gateways from a range of its own (tests/helpers.free_port):
        # a port one worker found free could be taken by another before its gateway bound it, which the
        # gateway refuses (it never shares a port).
        # TEST_WORKER_BASE: where another run beside this one (make test's wire-protocol pass) starts counting.
        environ = dict(os.environ, TEST_WORKER_NUMBER=str(number + int(os.environ.get("TEST_WORKER_BASE") or 0)))
        running.append((number, files, log, subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environ,
                                                             preexec_fn=lambda n=niceness: os.nice(n))))
    failed = []
    for number, files, log, process in running:
        code = process.wait()
        log.seek(0)
        output = log.read()
        summary = output.strip().splitlines()[-1] if output.strip() else "(no output)"
        print("worker {} ({} files): {}".format(number, len(files), summary), flush=True)
        if code not in (0, NO_TESTS_COLLECTED):
            failed.append(number)
            print(output, flush=True)
    print("{} workers in {:.0f} s; {}".format(len(running), time.monotonic() - started,
                                              "failed: workers {}".format(failed) if failed else "all passed"))
    if args.record:
        durations = dict(recorded_durations(), **file_seconds(sorted(Path(reports.name).glob("*.xml"))))
        DURATIONS.write_text(json.dumps(durations, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    reports.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
