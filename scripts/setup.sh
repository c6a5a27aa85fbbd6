#!/usr/bin/env bash
# Installs what Skillmatch needs to build, test and run. Safe to run any number of times.
#   - Debian packages: the C libraries the package links (sqlite3, OpenBLAS, libcrypto, zlib).
#   - Registry downloads: see scripts/fetch-model.sh (sentence encoder weights, optional at run time).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libsqlite3-dev libopenblas-dev libssl-dev zlib1g-dev)

missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -x scripts/fetch-model.sh ]; then
    scripts/fetch-model.sh || echo "setup: sentence encoder weights unavailable; the service runs lexical-only" >&2
fi
