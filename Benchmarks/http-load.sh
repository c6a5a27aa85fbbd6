#!/usr/bin/env bash
# HTTP load benchmark: `GET /healthz` on the Skillmatch HTTP server versus nginx serving a small
# static file with keep-alive, side by side in one run, with wrk (-t2 -c64 -d10s by default).
# Prints requests/s and p99 for each (median over ROUNDS alternating rounds), the ratio (target
# >= 0.5x nginx), checks zero errors, then sends SIGTERM to the Swift server under load and checks
# that it exits 0. Stops everything it started.
#
# Usage: Benchmarks/http-load.sh            (from the package root; builds skillmatch-bench in release)
# Environment:
#   SERVER_CMD   command starting the Swift server; %PORT% is replaced by the port.
#                default: .build/release/skillmatch-bench http-server --port %PORT%
#                later:   SERVER_CMD='.build/release/skillmatch serve --port %PORT%'
#   SERVER_PATH  path requested on the Swift server (default /healthz)
#   THREADS, CONNECTIONS, DURATION (wrk -t -c -d; default 2, 64, 10s), ROUNDS (default 3)
#   SKIP_BUILD=1 to use the existing binary; SHUTDOWN_CHECK=0 to skip the SIGTERM-under-load check.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
SERVER_PATH=${SERVER_PATH:-/healthz}
SERVER_CMD=${SERVER_CMD:-"$ROOT/.build/release/skillmatch-bench http-server --port %PORT%"}
WORK=$(mktemp -d /tmp/http-load.XXXXXX)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
[ "${KEEP_WORK:-0}" = 1 ] && trap - EXIT

# --- tools -------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk nginx-light >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ "${SKIP_BUILD:-0}" != 1 ] && [[ "$SERVER_CMD" == *skillmatch-bench* ]]; then
    swift build -c release --product skillmatch-bench >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_ready() {  # port path
    for _ in $(seq 1 100); do
        curl -sf -o /dev/null "http://127.0.0.1:$1$2" && return 0
        sleep 0.1
    done
    echo "server on port $1 did not become ready" >&2
    return 1
}

# --- nginx ---------------------------------------------------------------------------------------
NGINX_PORT=$(free_port)
mkdir -p "$WORK/www" "$WORK/nginx"
chmod 755 "$WORK" "$WORK/www"  # nginx workers run as an unprivileged user
printf '{"status":"ok"}' > "$WORK/www/healthz"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
    uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    default_type application/json;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
    }
}
CONF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
PIDS+=($!)
wait_ready "$NGINX_PORT" /healthz

# --- Swift server --------------------------------------------------------------------------------
SWIFT_PORT=$(free_port)
${SERVER_CMD//%PORT%/$SWIFT_PORT} > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
PIDS+=($SERVER_PID)
wait_ready "$SWIFT_PORT" "$SERVER_PATH"

# --- wrk ------------------------------------------------------------------------------------------
to_ms() {  # wrk latency like 812.00us, 3.21ms, 1.02s -> milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

run_wrk() {  # name url -> prints "rps p99ms errors"
    local out="$WORK/wrk-$1.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2" > "$out"
    local rps p99 socket non2xx
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    socket=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $4 }' "$out")
    echo "$rps $p99 $(( ${socket:-0} + ${non2xx:-0} ))"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
: > "$WORK/nginx.rows"; : > "$WORK/swift.rows"
ERRORS=0
for round in $(seq 1 "$ROUNDS"); do
    read -r n_rps n_p99 n_err < <(run_wrk nginx "http://127.0.0.1:$NGINX_PORT/healthz")
    read -r s_rps s_p99 s_err < <(run_wrk swift "http://127.0.0.1:$SWIFT_PORT$SERVER_PATH")
    echo "$n_rps $n_p99" >> "$WORK/nginx.rows"
    echo "$s_rps $s_p99" >> "$WORK/swift.rows"
    ERRORS=$(( ERRORS + n_err + s_err ))
    printf "round %d: nginx %10.0f req/s p99 %7.2f ms (%d errors) | skillmatch %10.0f req/s p99 %7.2f ms (%d errors)\n" \
        "$round" "$n_rps" "$n_p99" "$n_err" "$s_rps" "$s_p99" "$s_err"
done
N_RPS=$(cut -d' ' -f1 "$WORK/nginx.rows" | median); N_P99=$(cut -d' ' -f2 "$WORK/nginx.rows" | median)
S_RPS=$(cut -d' ' -f1 "$WORK/swift.rows" | median); S_P99=$(cut -d' ' -f2 "$WORK/swift.rows" | median)
RATIO=$(awk -v s="$S_RPS" -v n="$N_RPS" 'BEGIN { printf "%.2f", s / n }')
printf "median: nginx %.0f req/s p99 %.2f ms | skillmatch %.0f req/s p99 %.2f ms\n" "$N_RPS" "$N_P99" "$S_RPS" "$S_P99"
echo "ratio skillmatch/nginx: ${RATIO}x (target >= 0.5x): $(awk -v r="$RATIO" 'BEGIN { print (r >= 0.5) ? "met" : "NOT met" }')"
echo "errors (socket + non-2xx): $ERRORS"

# --- SIGTERM under load ---------------------------------------------------------------------------
STATUS=0
if [ "${SHUTDOWN_CHECK:-1}" = 1 ]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d4s "http://127.0.0.1:$SWIFT_PORT$SERVER_PATH" > "$WORK/wrk-term.txt" 2>&1 &
    WRK_PID=$!
    sleep 2
    kill -TERM "$SERVER_PID"
    # Bounded wait: a server that does not drain within 40 s is killed and the check fails.
    for _ in $(seq 1 400); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -KILL "$SERVER_PID"
        echo "server did not exit within 40 s of SIGTERM" >&2
    fi
    set +e; wait "$SERVER_PID"; CODE=$?; set -e
    PIDS=("${PIDS[@]/$SERVER_PID}")
    wait "$WRK_PID" || true
    echo "SIGTERM under load: server exit code $CODE ($( [ "$CODE" = 0 ] && echo ok || echo FAILED ))"
    [ "$CODE" = 0 ] || STATUS=1
fi
[ "$ERRORS" = 0 ] || STATUS=1
exit $STATUS
