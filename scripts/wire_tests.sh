#!/usr/bin/env bash
# The integration and e2e suites again (`make test` and `make test-wire`), against a MongoDB wire-protocol
# server (mongoeco's proxy over its in-memory engine, tools/wire_server.py) instead of the embedded store,
# so the real pymongo network path, BSON encoding and connection handling are exercised, and so are the
# races the embedded store hides (it never yields to another green thread inside a call; a driver does).
# The 2017 demo (marked slow) is left out: 2,500 officials through one single-threaded Python server take
# a quarter of an hour. mongoeco needs Python 3.13: found on the PATH or under pyenv; without it the run is
# skipped with a message (exit 0). WIRE_SUITES chooses what runs.
set -euo pipefail
cd "$(dirname "$0")/.."
python313="$(command -v python3.13 || true)"
if [ -z "$python313" ] || ! "$python313" --version >/dev/null 2>&1; then
    python313="$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3.13 2>/dev/null | head -1 || true)"
fi
if [ -z "$python313" ]; then
    echo "test-wire: skipped, no Python 3.13 here (mongoeco needs it)"
    exit 0
fi
venv=.venv-wire
if [ ! -f "$venv/.installed" ]; then
    "$python313" -m venv "$venv"
    # mongoeco: the wire server; pymongo: its BSON bridge (the same version as the platform's).
    "$venv/bin/pip" install --quiet mongoeco==4.11.0 pymongo==4.20.1
    touch "$venv/.installed"
fi
port="$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
log="$(mktemp -t camau-wire-server.XXXXXX.log)"
"$venv/bin/python" tools/wire_server.py --port "$port" > "$log" 2>&1 &
server=$!
# The server's log is kept when something failed, removed otherwise.
trap 'status=$?; kill $server 2>/dev/null || true; if [ $status -eq 0 ]; then rm -f "$log"; fi' EXIT
uri="mongodb://127.0.0.1:$port/?directConnection=true"
ready=""
for attempt in $(seq 1 50); do
    if .venv/bin/python -c "import pymongo; pymongo.MongoClient('$uri', serverSelectionTimeoutMS=200).admin.command('ping')" 2>/dev/null; then
        ready=yes
        break
    fi
    sleep 0.2
done
if [ -z "$ready" ]; then
    echo "test-wire: the wire server did not answer on $uri within 10 s; its log ($log):"
    cat "$log"
    exit 1
fi
echo "test-wire: the suites against $uri (server log: $log)"
# Workers numbered from 9: the ports of their test gateways are not those of make test's own workers beside them.
MONGO_URI="$uri" TEST_WORKER_BASE=8 .venv/bin/python -m tools.parallel_tests --workers "${TEST_WORKERS:-4}" --no-slow ${WIRE_SUITES:-tests/integration tests/e2e}
