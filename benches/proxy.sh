#!/usr/bin/env bash
# Proxy against nginx, in one run on this machine, with wrk: (a) nginx serving a saved page of
# 100 teams from disk, (b) the proxy in demo mode answering the same page, (c) the proxy
# forwarding (cache off) to an upstream that answers from memory, against that upstream called
# directly. Prints requests per second, p50 and p99, and the ratios b/a and c/direct.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
connections=${CONNECTIONS:-16}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; exit 1; }

org=6500000000000000000000b1
page="/api/public/v1.0/orgs/$org/teams"
proxy=target/release/atlas-panel-proxy

demo_port=$(free_port)
"$proxy" --demo --listen "127.0.0.1:$demo_port" >/dev/null 2>&1 &
wait_for "http://127.0.0.1:$demo_port/healthz"
mkdir -p "$work/www"
curl -s "http://127.0.0.1:$demo_port$page" > "$work/www/teams.json"

nginx_port=$(free_port)
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;"
mkdir -p "$work/tmp"
cat > "$work/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon on;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    default_type application/json;
    location / { try_files /teams.json =404; }
  }
}
CONF
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf"
wait_for "http://127.0.0.1:$nginx_port/"

forward_port=$(free_port)
MONGODB_ATLAS_PUBLIC_API_KEY=bench MONGODB_ATLAS_PRIVATE_API_KEY=bench \
  "$proxy" --upstream "http://127.0.0.1:$nginx_port" --cache-ttl 0 --user-upstream-per-minute 0 --listen "127.0.0.1:$forward_port" >/dev/null 2>&1 &
wait_for "http://127.0.0.1:$forward_port/healthz"

# wrk prints "Requests/sec: N" and, with --latency, "50% Xms" and "99% Yms".
measure() {
  local name=$1 url=$2 out
  curl -sf -o /dev/null "$url" || { echo "$name: $url does not answer 200" >&2; exit 1; }
  out=$(wrk -t1 -c"$connections" -d"$duration" --latency "$url")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '%-44s %10s req/s   p50 %8s   p99 %8s\n' "$name" "$rps" "$p50" "$p99"
  echo "$rps" > "$work/$3"
}

echo "wrk -t1 -c$connections -d$duration, $(nproc) cores; the page: $(wc -c < "$work/www/teams.json") bytes of JSON, 100 teams"
measure "(a) nginx, the saved page from disk" "http://127.0.0.1:$nginx_port/teams.json" a
measure "(b) proxy, demo mode" "http://127.0.0.1:$demo_port$page" b
measure "(c) proxy forwarding to an in-memory upstream" "http://127.0.0.1:$forward_port$page" c
measure "    that upstream called directly" "http://127.0.0.1:$nginx_port$page" direct
python3 - "$work" <<'PY'
import sys, pathlib
work = pathlib.Path(sys.argv[1])
read = lambda name: float((work / name).read_text())
print(f"ratio b/a (demo against nginx): {read('b') / read('a'):.2f}")
print(f"ratio c/direct (forwarding against the upstream itself): {read('c') / read('direct'):.2f}")
PY

# With 16 connections the 2 cores are saturated and p50 is mostly queueing; one connection
# shows what forwarding adds to a single request.
connections=1
echo "wrk -t1 -c1 -d$duration: the latency forwarding adds to one request at a time"
measure "(c) proxy forwarding, one connection" "http://127.0.0.1:$forward_port$page" c1
measure "    that upstream called directly, one connection" "http://127.0.0.1:$nginx_port$page" direct1
