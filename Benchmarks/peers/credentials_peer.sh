#!/usr/bin/env bash
# Prepares the Python reference (pyld + cryptography from PyPI) in a venv under
# ~/.cache/skillmatch/ and runs credentials_peer.py with the given arguments.
set -euo pipefail
venv="${HOME}/.cache/skillmatch/venv-credentials"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyld, cryptography" 2>/dev/null; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q pyld cryptography >&2
fi
exec "$venv/bin/python" "$(dirname "$0")/credentials_peer.py" "$@"
