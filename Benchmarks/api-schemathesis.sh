#!/usr/bin/env bash
# Property-based API check: schemathesis (from PyPI) generates requests from /openapi.json and checks
# that no response is a 5xx (not_a_server_error) and every response matches its documented schema
# (response_schema_conformance). Starts `skillmatch serve --port 0` on a temporary data directory
# with an admin key and a few entities, runs schemathesis, stops the server (SIGTERM, exit 0 expected).
#
# Usage: Benchmarks/api-schemathesis.sh   (from the package root)
# Environment: SKILLMATCH_BIN (default .build/release/skillmatch, built when missing),
#              MAX_EXAMPLES (per operation, default 50).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${SKILLMATCH_BIN:-$ROOT/.build/release/skillmatch}
MAX_EXAMPLES=${MAX_EXAMPLES:-50}
VENV=$HOME/.cache/skillmatch/schemathesis-venv
WORK=$(mktemp -d /tmp/api-schemathesis.XXXXXX)
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -x "$VENV/bin/schemathesis" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q schemathesis
fi
[ -x "$BIN" ] || swift build -c release --product skillmatch >/dev/null

export SKILLMATCH_DATA_DIR=$WORK/data SKILLMATCH_HOME=$ROOT
export SKILLMATCH_RATE_LIMIT_RPS=100000 SKILLMATCH_RATE_LIMIT_BURST=100000
KEY=$("$BIN" keys create --role admin --label schemathesis)
"$BIN" serve --port 0 >"$WORK/serve.out" 2>"$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 600); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o '[0-9]*$' "$WORK/serve.out")
BASE=http://127.0.0.1:$PORT
AUTH="Authorization: Bearer $KEY"
# A few entities so GET/PUT/DELETE paths have something to find.
curl -sf -X PUT -H "$AUTH" "$BASE/v1/jobs/j1" -d '{"title":"Backend developer","employer":"Acme","description":"Python and PostgreSQL services.","workplace":"remote","employmentType":"full_time","requiredSkills":["PostgreSQL"]}' >/dev/null
curl -sf -X PUT -H "$AUTH" "$BASE/v1/candidates/c1" -d '{"name":"Ada","headline":"Developer","skills":["Python","PostgreSQL"],"consentToBeFound":true}' >/dev/null

set +e
# From the temporary folder: schemathesis keeps its cache (.schemathesis/) in the working directory.
(cd "$WORK" && "$VENV/bin/schemathesis" run "$BASE/openapi.json" --url "$BASE" -H "$AUTH" \
    --checks not_a_server_error,response_schema_conformance --max-examples "$MAX_EXAMPLES" \
    --exclude-path /metrics) 2>&1 | tee "$WORK/schemathesis.txt"
RESULT=${PIPESTATUS[0]}
set -e
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"; EXIT=$?
SERVER_PID=""
echo "schemathesis exit code: $RESULT; server exit code after SIGTERM: $EXIT"
echo "5xx responses in the access log: $(grep -c '"status":5' "$WORK/serve.log" || true)"
exit "$RESULT"
