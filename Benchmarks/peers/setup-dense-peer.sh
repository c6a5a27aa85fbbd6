#!/usr/bin/env bash
# Creates the Python venv used by the dense benchmark's peer (NumPy + faiss-cpu), under
# ~/.cache/skillmatch/dense-peer-venv. Idempotent: re-running only checks the imports.
# Usage: bash Benchmarks/peers/setup-dense-peer.sh   (prints the venv's python path on success)
set -euo pipefail
venv="${SKILLMATCH_DENSE_VENV:-$HOME/.cache/skillmatch/dense-peer-venv}"
if ! "$venv/bin/python" -c 'import numpy, faiss, threadpoolctl' 2>/dev/null; then
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet numpy faiss-cpu threadpoolctl
fi
"$venv/bin/python" -c 'import numpy, faiss, threadpoolctl' && echo "$venv/bin/python"
