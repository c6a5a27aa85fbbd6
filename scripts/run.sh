#!/usr/bin/env bash
# Sets up the machine (idempotent), builds in release mode and starts the service on its embedded
# default: SQLite under the data directory, the shipped taxonomy, and the demo dataset on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product skillmatch
exec .build/release/skillmatch serve "$@"
