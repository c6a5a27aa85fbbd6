#!/usr/bin/env bash
# Crash test for ingestion (issue 6). Default: SIGKILL `skillmatch serve` at random moments while
# 20,000 job postings stream in over POST /v1/ingest (at least 5 kills, restart after each), then
# check that every acknowledged (202) item is stored exactly once and the restarted server's index
# answers for it (driver: Benchmarks/ingest-crash.py, its docstring has the details).
# --cli: the older variant that kills `skillmatch ingest` / `skillmatch worker` processes instead
# (Benchmarks/ingest-crash-cli.py).
# Loopback only; bounded by --timeout (default 1800 s) in the server variant.
# Run from the package root: Benchmarks/ingest-crash.sh [--cli] [--items 20000] [--kills 5] [--seed 6] ...
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--cli" ]; then
    shift
    swift build -c release --product skillmatch >/dev/null
    swift build -c release --product skillmatch-bench >/dev/null
    exec python3 Benchmarks/ingest-crash-cli.py --bin .build/release "$@"
fi
[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product skillmatch >/dev/null
exec python3 Benchmarks/ingest-crash.py --bin .build/release "$@"
