#!/usr/bin/env bash
# Crash test for ingestion (issue 6): SIGKILL `skillmatch ingest` / `skillmatch worker` processes at
# random moments while 20,000 job postings stream in (at least 5 kills), then check that every
# acknowledged item is stored exactly once and that the rebuilt index answers for it.
# The driver is Benchmarks/ingest-crash.py (its docstring has the details).
# Run from the package root: Benchmarks/ingest-crash.sh [--items 20000] [--kills 5] [--seed 6]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product skillmatch >/dev/null
swift build -c release --product skillmatch-bench >/dev/null
exec python3 Benchmarks/ingest-crash.py --bin .build/release "$@"
