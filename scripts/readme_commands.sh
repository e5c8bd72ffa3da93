#!/usr/bin/env bash
# The README's two commands, as a new user types them (CI runs this on its fresh clone; `make readme-check`):
# `make run`, then, once `/ready` answers, `make demo` in a second terminal (which checks the printed report
# against the seed's 2017 figures and fails otherwise), then SIGTERM to `make run` (what Ctrl-C does), and
# every process of the platform gone. Uses config.yml's defaults: the default vhost and port 8000, so it
# fails at once, saying so, when another platform holds that port.
set -euo pipefail
cd "$(dirname "$0")/.."
url="${DEMO_URL:-http://localhost:8000}"
log="$(mktemp -t camau-make-run.XXXXXX.log)"

if (exec 3<>/dev/tcp/127.0.0.1/8000) 2>/dev/null; then
    echo "readme-check: port 8000 is in use; stop what holds it first" >&2
    exit 1
fi
# Its own session, so the signal reaches make and the launcher as the terminal's Ctrl-C would.
setsid make run > "$log" 2>&1 &
run=$!
stop_run() { kill -TERM -- "-$run" 2>/dev/null || true; }
trap 'status=$?; stop_run; [ $status -eq 0 ] || { echo "--- make run said:"; tail -n 80 "$log"; }; rm -f "$log"' EXIT

ready=""
for _ in $(seq 1 240); do
    if curl -fsS "$url/ready" > /dev/null 2>&1; then ready=yes; break; fi
    kill -0 "$run" 2>/dev/null || { echo "readme-check: make run ended before /ready answered" >&2; exit 1; }
    sleep 1
done
[ -n "$ready" ] || { echo "readme-check: /ready did not answer within 240 s" >&2; exit 1; }
# The launcher (make's shell may sit between), then its six processes, which run in sessions of their own.
launcher="$(pgrep -s "$run" -f '^[^ ]*python[^ ]* -m services.common.launch' | head -1)"
processes="$(pgrep -P "$launcher" | tr '\n' ' ')"
count="$(echo $processes | wc -w)"
[ "$count" -eq 6 ] || { echo "readme-check: $count processes under the launcher, 6 expected" >&2; exit 1; }
echo "readme-check: make run is ready (launcher $launcher, processes $processes); make demo:"

make demo

stop_run
still_running() {
    for pid in $processes $launcher; do
        if kill -0 "$pid" 2>/dev/null; then echo -n " $pid"; fi
    done
}
for _ in $(seq 1 60); do       # nameko stops gracefully: its running workers end first
    [ -z "$(still_running)" ] && break
    sleep 1
done
left="$(still_running)"
if [ -n "$left" ]; then
    echo "readme-check: still running after SIGTERM:$left" >&2
    kill -KILL $left 2>/dev/null || true
    exit 1
fi
echo "readme-check: make run stopped on SIGTERM, every process gone"
