"""`make bench`: every benchmark, each against the bare framework in the same run -> bench/results.json."""
import eventlet

eventlet.monkey_patch()

import os  # noqa: E402
import sys  # noqa: E402

from bench import busy, gateway_read, personnel_import, pipeline, relay, scale, stalled_agency  # noqa: E402

EVENTS = int(os.environ.get("BENCH_EVENTS", "5000"))      # issue #8: 5,000 (catch_up: 4x = 20,000)
SCALE = int(os.environ.get("BENCH_SCALE_OFFICIALS", "50000"))   # issue 16: scale_50k (0: skip it)
BUSY = int(os.environ.get("BENCH_BUSY_OFFICIALS", "10000"))     # issue 23: busy_10k, make run's shape (0: skip it)


def main():
    pipeline.run(count=EVENTS)
    pipeline.run(count=EVENTS * 4, name="catch_up", target=0.7, live=False, rounds=1)
    relay.run(count=EVENTS)
    stalled_agency.run(count=EVENTS)
    gateway_read.run()
    personnel_import.run()
    if SCALE:
        scale.run(officials=SCALE)
        scale.personnel_process(officials=SCALE)     # make run's largest process, its memory measured alone
    if BUSY:
        busy.run(officials=BUSY)       # the reads while make run's processes apply an import's events
    return 0


if __name__ == "__main__":
    sys.exit(main())
