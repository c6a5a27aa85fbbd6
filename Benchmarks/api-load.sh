#!/usr/bin/env bash
# API load benchmark: `POST /v1/match` (candidate → jobs, a different candidate per request, limit 10)
# on `skillmatch serve` over JOBS synthetic jobs (default 100,000; loaded through the engine by
# `skillmatch-bench api-populate`), with wrk at 32 connections, 2 threads, 3 rounds. Prints
# requests/s, p50/p99 latency (target p99 <= 100 ms), non-2xx and socket errors (target zero), and
# the server's RSS after each round (no growth expected). Then SIGTERM under load: the server must
# finish in-flight requests and exit 0.
#
# Usage: Benchmarks/api-load.sh   (from the package root; builds release binaries when missing)
# Environment: JOBS (100000), CANDIDATES (2000), CONNECTIONS (32), DURATION (10s), ROUNDS (3),
#              SKIP_BUILD=1 to use existing binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JOBS=${JOBS:-100000}
CANDIDATES=${CANDIDATES:-2000}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
BIN=$ROOT/.build/release/skillmatch
BENCH=$ROOT/.build/release/skillmatch-bench
WORK=$(mktemp -d /tmp/api-load.XXXXXX)
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    swift build -c release --product skillmatch >/dev/null
    swift build -c release --product skillmatch-bench >/dev/null
fi

export SKILLMATCH_DATA_DIR=$WORK/data SKILLMATCH_HOME=$ROOT
export SKILLMATCH_RATE_LIMIT_RPS=1000000 SKILLMATCH_RATE_LIMIT_BURST=1000000 SKILLMATCH_LOAD_DEMO_DATA=false
"$BENCH" api-populate --data-dir "$WORK/data" --jobs "$JOBS" --candidates "$CANDIDATES" --ids "$WORK/ids.txt"
KEY=$("$BIN" keys create --role admin --label load)

"$BIN" serve --port 0 >"$WORK/serve.out" 2>"$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 1200); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o '[0-9]*$' "$WORK/serve.out")
echo "server pid $SERVER_PID on port $PORT"

cat >"$WORK/match.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids.txt") do ids[#ids + 1] = line end
local counter = 0
request = function()
    counter = counter + 1
    local id = ids[(counter % #ids) + 1]
    local body = '{"source":{"kind":"candidates","id":"' .. id .. '"},"to":"jobs","limit":10}'
    return wrk.format("POST", "/v1/match", {["Authorization"] = "Bearer $KEY", ["Content-Type"] = "application/json"}, body)
end
LUA

rss() { awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$SERVER_PID/status"; }
echo "RSS before load: $(rss)"
for round in $(seq 1 "$ROUNDS"); do
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/match.lua" "http://127.0.0.1:$PORT" >"$WORK/wrk.txt"
    rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt"); non2xx=${non2xx:-0}
    sockerr=$(awk '/Socket errors/ {print $0}' "$WORK/wrk.txt"); sockerr=${sockerr:-none}
    echo "api.match round $round: ${rps} req/s, p50 ${p50}, p99 ${p99} (target <= 100ms), non-2xx ${non2xx}, socket errors: ${sockerr}; RSS $(rss)"
done

# SIGTERM under load: in-flight requests complete and the exit code is 0.
wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/match.lua" "http://127.0.0.1:$PORT" >"$WORK/wrk-term.txt" &
WRK_PID=$!
sleep 2
kill -TERM "$SERVER_PID"
set +e
wait "$SERVER_PID"; EXIT=$?
set -e
SERVER_PID=""
wait "$WRK_PID" || true
echo "SIGTERM under load: server exit code $EXIT (expected 0); 5xx in access log: $(grep -c '"status":5' "$WORK/serve.log" || true)"
[ "$EXIT" = 0 ]
