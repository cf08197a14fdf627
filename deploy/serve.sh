#!/usr/bin/env bash
# Run REPLICAS copies of the app behind nginx on this machine: http://localhost:$PORT
#
#   deploy/serve.sh                       # 2 replicas on 8601, 8602; nginx on 8600
#   PORT=8080 REPLICAS=3 deploy/serve.sh
#
# nginx runs as an ordinary process (no root needed) with its pid, logs and temp files in a fresh
# directory ($RUN_DIR, printed at start; access.log there names the replica of every request).
# Ctrl-C or SIGTERM stops everything; so does any replica or nginx exiting.
# Environment: PORT (8600), REPLICAS (2), FIRST_PORT (8601), APP (app.py), RUN_DIR (a new temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8600}
REPLICAS=${REPLICAS:-2}
FIRST_PORT=${FIRST_PORT:-8601}
APP=${APP:-app.py}

find_nginx() { command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true; }
NGINX=$(find_nginx)
if [ -z "$NGINX" ]; then
  echo "nginx is missing: installing Debian's package" >&2
  SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo)
  $SUDO apt-get install -y nginx || { $SUDO apt-get update && $SUDO apt-get install -y nginx; }
  NGINX=$(find_nginx)
fi
STREAMLIT=$(command -v streamlit || echo .venv/bin/streamlit)
healthy() {  # URL [seconds]: 200 within the time
  if command -v curl >/dev/null; then curl -fs -m "${2:-5}" -o /dev/null "$1"
  else python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=float(sys.argv[2]))' \
    "$1" "${2:-5}" 2>/dev/null; fi
}

RUN_DIR=${RUN_DIR:-$(mktemp -d -t streamlit-nginx.XXXXXX)}
mkdir -p "$RUN_DIR"
chmod 755 "$RUN_DIR"  # nginx's workers may run as another user (NGINX_USER below)

pids=()
stop() {
  trap - EXIT INT TERM
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
  wait 2>/dev/null
  echo "stopped; logs in $RUN_DIR" >&2
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

upstreams=""
for ((i = 0; i < REPLICAS; i++)); do
  port=$((FIRST_PORT + i))
  # replicas listen on loopback only: browsers reach them through nginx
  "$STREAMLIT" run "$APP" --server.port "$port" --server.address 127.0.0.1 --server.headless true \
    --server.fileWatcherType none --browser.gatherUsageStats false --server.scriptHealthCheckEnabled true \
    >"$RUN_DIR/replica-$port.log" 2>&1 &
  pids+=($!)
  upstreams+="server 127.0.0.1:$port max_fails=1 fail_timeout=10s; "
done

warming=()
for ((i = 0; i < REPLICAS; i++)); do
  port=$((FIRST_PORT + i))
  until healthy "http://127.0.0.1:$port/_stcore/health"; do
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "replica on $port exited: see $RUN_DIR/replica-$port.log" >&2; exit 1; }
    sleep 0.5
  done
  # Warm-up: Streamlit's script health check runs the app once, so the imports (seconds: scikit-learn, scipy,
  # pandas) are done before the first student arrives. (An experimental Streamlit endpoint: a failure only
  # means a cold first view.)
  { healthy "http://127.0.0.1:$port/_stcore/script-health-check" 120 ||
    echo "warm-up of the replica on $port failed: its first visitor waits for the imports" >&2; } &
  warming+=($!)
done
wait "${warming[@]}"

# started as root, nginx hands its workers to an unprivileged user; otherwise it stays the user it is
NGINX_USER=$([ "$(id -u)" -eq 0 ] && echo "user nobody nogroup;" || true)
sed -e "/^#/d" -e "s|@USER@|$NGINX_USER|" -e "s|@RUN_DIR@|$RUN_DIR|g" -e "s|@PORT@|$PORT|" -e "s|@UPSTREAMS@|$upstreams|" \
  deploy/nginx.conf >"$RUN_DIR/nginx.conf"
"$NGINX" -t -q -p "$RUN_DIR" -e "$RUN_DIR/error.log" -c "$RUN_DIR/nginx.conf"
"$NGINX" -p "$RUN_DIR" -e "$RUN_DIR/error.log" -c "$RUN_DIR/nginx.conf" -g "daemon off;" &
pids+=($!)
echo "serving $APP: $REPLICAS replicas (ports $FIRST_PORT-$((FIRST_PORT + REPLICAS - 1))) behind nginx" \
  "on http://localhost:$PORT  (logs: $RUN_DIR)"

wait -n  # until Ctrl-C, SIGTERM, or any replica or nginx exiting
