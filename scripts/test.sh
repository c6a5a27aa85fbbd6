#!/usr/bin/env bash
# Sets up the machine (idempotent) and runs the whole test suite.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
swift build --build-tests || exit 1
swift test --skip-build
