#!/usr/bin/env bash
# Streaming benchmark: Teammusic's stream endpoint against nginx serving the same file from the same disk, in the
# same run, on 127.0.0.1 only. Prints requests/s of both and their ratio, the latency of small ranged requests,
# and how 10,000 slow listeners are held (errors, heap, RSS).
#
#   bash bench/stream/run.sh                 # everything, about 2.5 minutes
#   bash bench/stream/run.sh --compare       # also each body writer (mapped, copy) in turn
#   DURATION=20 LISTENERS=2000 bash bench/stream/run.sh
#
# Needs: a JDK 21+ (JAVA_HOME), wrk and nginx (Debian packages of the same names), python3, curl, ffmpeg.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-50}
WINDOW=${WINDOW:-262144}
SMALL_WINDOW=${SMALL_WINDOW:-4096}
LISTENERS=${LISTENERS:-10000}
LISTEN_SECONDS=${LISTEN_SECONDS:-30}
COMPARE=false
[ "${1:-}" = "--compare" ] && COMPARE=true

# The flags the app runs with here, and the ones we recommend for a small server (see bench/README.md).
JVM_FLAGS=${JVM_FLAGS:-"-Xms64m -Xmx256m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m -XX:ReservedCodeCacheSize=64m \
-XX:MaxMetaspaceSize=128m -Xss512k -XX:+AlwaysPreTouch"}
APP_ARGS=${APP_ARGS:-"--server.jetty.threads.acceptors=1 --server.jetty.threads.selectors=2 \
--logging.level.root=WARN"}

for tool in wrk python3 curl ffmpeg; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y $tool" >&2; exit 2; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "missing nginx: apt-get install -y nginx" >&2; exit 2; }
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
JAVA=$JAVA_HOME/bin/java

# 10,000 listeners need 10,000 sockets on each side, plus the server's own files.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" -lt $((LISTENERS + 1000)) ]; then
  echo "ulimit -n is $(ulimit -n); lowering LISTENERS to $(( $(ulimit -n) - 1000 ))" >&2
  LISTENERS=$(( $(ulimit -n) - 1000 ))
fi

OUT="$ROOT/bench/out/stream-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$OUT/nginx/nginx.pid" ] && kill "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
heap_used_mib() {
  "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$1" GC.heap_info 2>/dev/null \
    | awk '/used/ { for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); sub("K,?","",v); print int(v/1024); exit } }'
}

# --- the app, from the packaged jar ---------------------------------------------------------------------------
JAR=$(ls "$ROOT"/target/teammusic-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  echo "building the jar (./mvnw -q -B package -DskipTests)"
  ./mvnw -q -B package -DskipTests
  JAR=$(ls "$ROOT"/target/teammusic-*.jar | grep -v plain | head -1)
fi

# --- the file: about 12 MB of real MP3, so that an upload API would take it too ------------------------------
FILE_DIR="$OUT/files"
mkdir -p "$FILE_DIR"
FILE="$FILE_DIR/track.mp3"
ffmpeg -loglevel error -f lavfi -i "sine=frequency=440:duration=300" -ac 2 -b:a 320k -y "$FILE"
SIZE=$(stat -c %s "$FILE")
echo "file: $FILE ($SIZE bytes)"

PASSWORD="bench-$(date +%s)-password"
APP_PORT=$(free_port)
start_app() { # $1 = extra args
  DATA="$OUT/data"
  mkdir -p "$DATA"
  # shellcheck disable=SC2086
  TEAMMUSIC_ADMIN_PASSWORD="$PASSWORD" "$JAVA" $JVM_FLAGS -jar "$JAR" --server.address=127.0.0.1 \
    --server.port="$APP_PORT" --teammusic.data-dir="$DATA" $APP_ARGS ${1:-} >"$OUT/app.log" 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$APP_PORT/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { echo "app died:"; tail -30 "$OUT/app.log"; exit 1; }
    sleep 0.5
  done
  echo "app did not start"; tail -30 "$OUT/app.log"; exit 1
}
stop_app() { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }

start_app
TOKEN=$(curl -fs -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$APP_PORT/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

# Upload through the API when it is there; otherwise store the blob and row directly.
UPLOAD=$(curl -s -o "$OUT/upload.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  -F "file=@$FILE;type=audio/mpeg" "http://127.0.0.1:$APP_PORT/api/tracks" || true)
if [ "$UPLOAD" = "201" ] || [ "$UPLOAD" = "200" ]; then
  TRACK=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print((d.get("results") or [d])[0].get("track", d)["id"])' "$OUT/upload.json")
  echo "track $TRACK uploaded through POST /api/tracks"
else
  TRACK=$(python3 bench/stream/seed_track.py "$OUT/data" "$FILE" audio/mpeg)
  echo "track $TRACK stored directly (POST /api/tracks answered $UPLOAD)"
fi
STREAM="/api/tracks/$TRACK/stream"
# The app serves its blob copy; nginx serves the same bytes from the same disk.
BLOB=$(find "$OUT/data/blobs" -type f -size +1M | head -1)
cmp -s "$BLOB" "$FILE" || { echo "blob differs from the file"; exit 1; }
check=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H "Authorization: Bearer $TOKEN" \
  -H "Range: bytes=0-$((WINDOW - 1))" "http://127.0.0.1:$APP_PORT$STREAM")
[ "$check" = "206 $WINDOW" ] || { echo "stream check failed: $check"; exit 1; }
IDLE_RSS=$(rss_mib "$APP_PID")
echo "app: pid $APP_PID, port $APP_PORT, idle RSS ${IDLE_RSS} MiB (after start, login and one request)"

# --- nginx, with its own config, on its own port --------------------------------------------------------------
NGINX_PORT=$(free_port)
mkdir -p "$OUT/nginx/logs" "$OUT/nginx/www"
# A copy of the blob beside it (the blob itself may be private to the app's user; nginx's workers are not root).
cp "$BLOB" "$OUT/nginx/www/track.mp3"
chmod 644 "$OUT/nginx/www/track.mp3"
cat >"$OUT/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=100;
  default_type audio/mpeg;
  client_body_temp_path $OUT/nginx/tmp;
  proxy_temp_path $OUT/nginx/tmp;
  fastcgi_temp_path $OUT/nginx/tmp;
  uwsgi_temp_path $OUT/nginx/tmp;
  scgi_temp_path $OUT/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $OUT/nginx/www;
  }
}
EOF
"$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf"
sleep 0.5
check=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H "Range: bytes=0-$((WINDOW - 1))" \
  "http://127.0.0.1:$NGINX_PORT/track.mp3")
[ "$check" = "206 $WINDOW" ] || { echo "nginx check failed: $check"; exit 1; }

run_wrk() { # $1 = base URL, $2 = path, $3 = window, $4 = token, $5 = seconds; prints requests/s
  wrk -t2 -c"$CONNECTIONS" -d"${5}s" --latency -s bench/stream/ranges.lua "$1" -- "$2" "$SIZE" "$3" "${4:-}" \
    >"$OUT/wrk.last" 2>&1
  cat "$OUT/wrk.last" >>"$OUT/wrk.log"
  awk '/Requests\/sec/ {print $2}' "$OUT/wrk.last"
}
latency() { awk -v p="$1" '$1 == p {print $2}' "$OUT/wrk.last"; }
non2xx() { awk '/Non-2xx/ {print $NF}' "$OUT/wrk.last"; }

APP_URL="http://127.0.0.1:$APP_PORT"
NGINX_URL="http://127.0.0.1:$NGINX_PORT"

echo
echo "== 1. ranged reads: random ${WINDOW}-byte windows of a $SIZE-byte file, $CONNECTIONS connections, ${DURATION}s"
echo "warming the app up (JIT) ..."
run_wrk "$APP_URL" "$STREAM" "$WINDOW" "$TOKEN" 8 >/dev/null
NGINX_RPS=$(run_wrk "$NGINX_URL" /track.mp3 "$WINDOW" "" "$DURATION")
NGINX_P99=$(latency 99%)
APP_RPS=$(run_wrk "$APP_URL" "$STREAM" "$WINDOW" "$TOKEN" "$DURATION")
APP_P99=$(latency 99%)
APP_BAD=$(non2xx)
printf 'nginx      %10s req/s  (p99 %s)\n' "$NGINX_RPS" "$NGINX_P99"
printf 'teammusic  %10s req/s  (p99 %s, authorised with a bearer token)%s\n' "$APP_RPS" "$APP_P99" \
  "${APP_BAD:+, NON-2xx: $APP_BAD}"
RATIO=$(python3 -c "print(f'{$APP_RPS/$NGINX_RPS:.2f}')")
echo "ratio teammusic/nginx: ${RATIO}x  (target >= 0.80x)"

echo
echo "== 2. latency of small authorised ranged requests: ${SMALL_WINDOW}-byte windows, $CONNECTIONS connections"
SMALL_RPS=$(run_wrk "$APP_URL" "$STREAM" "$SMALL_WINDOW" "$TOKEN" "$DURATION")
SMALL_P99=$(latency 99%)
echo "teammusic  $SMALL_RPS req/s; latency p50 $(latency 50%)  p90 $(latency 90%)  p99 $SMALL_P99  (target p99 < 5ms)"
NGINX_SMALL_RPS=$(run_wrk "$NGINX_URL" /track.mp3 "$SMALL_WINDOW" "" "$DURATION")
echo "nginx      $NGINX_SMALL_RPS req/s; latency p50 $(latency 50%)  p90 $(latency 90%)  p99 $(latency 99%)"
# Time to first byte of one request on an otherwise idle server, as a player sees it when it seeks.
TTFB=$(for _ in $(seq 1 200); do
  curl -s -o /dev/null -w '%{time_starttransfer}\n' -H "Authorization: Bearer $TOKEN" \
    -H "Range: bytes=1000-$((1000 + SMALL_WINDOW - 1))" "$APP_URL$STREAM"
done | sort -n | awk '{a[NR]=$1} END {printf "p50 %.2fms  p99 %.2fms", a[int(NR*0.5)]*1000, a[int(NR*0.99)]*1000}')
echo "teammusic  time to first byte, one request at a time (curl, 200 samples, new connection each): $TTFB"
AFTER_LOAD_RSS=$(rss_mib "$APP_PID")

if $COMPARE; then
  echo
  echo "== body writers compared (same load as 1.)"
  for mode in mapped copy; do
    stop_app
    start_app "--teammusic.streaming.body-writer=$mode"
    run_wrk "$APP_URL" "$STREAM" "$WINDOW" "$TOKEN" 8 >/dev/null
    printf '%-8s %10s req/s\n' "$mode" "$(run_wrk "$APP_URL" "$STREAM" "$WINDOW" "$TOKEN" "$DURATION")"
  done
fi

echo
echo "== 3. $LISTENERS concurrent slow listeners (1 KiB/s each, whole-file GETs) for ${LISTEN_SECONDS}s"
kill "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null || true
stop_app
start_app
TOKEN=$(curl -fs -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$APP_URL/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Range: bytes=0-1023" "$APP_URL$STREAM"
sleep 2
IDLE_RSS_FRESH=$(rss_mib "$APP_PID")
"$JAVA" -Xmx256m bench/stream/SlowListeners.java "$APP_PORT" "$STREAM" "$TOKEN" "$LISTENERS" "$LISTEN_SECONDS" \
  1024 >"$OUT/listeners.log" 2>&1 &
LPID=$!
PIDS+=("$LPID")
PEAK_HEAP=0
PEAK_RSS=0
while kill -0 "$LPID" 2>/dev/null; do
  sleep 3
  h=$(heap_used_mib "$APP_PID" || echo 0)
  r=$(rss_mib "$APP_PID" || echo 0)
  [ "${h:-0}" -gt "$PEAK_HEAP" ] && PEAK_HEAP=$h
  [ "${r:-0}" -gt "$PEAK_RSS" ] && PEAK_RSS=$r
done
LISTEN_OK=0
wait "$LPID" || LISTEN_OK=$?
cat "$OUT/listeners.log"
"${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$APP_PID" GC.run >/dev/null 2>&1 || true
sleep 3
HEAP_AFTER=$(heap_used_mib "$APP_PID")
echo "listeners held without error: $([ $LISTEN_OK -eq 0 ] && echo yes || echo NO)"
echo "server heap used: peak sampled ${PEAK_HEAP} MiB (limit -Xmx256m; target < 512 MiB), after GC ${HEAP_AFTER} MiB"
echo "server RSS: peak ${PEAK_RSS} MiB under the listeners"
still=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H "Range: bytes=0-9" "$APP_URL$STREAM")
echo "server still answers afterwards: $still"
sleep 2
echo
echo "== summary"
echo "ranged reads       teammusic $APP_RPS req/s, nginx $NGINX_RPS req/s, ratio ${RATIO}x"
echo "small ranges       p99 $SMALL_P99 at $CONNECTIONS connections ($SMALL_RPS req/s); idle TTFB $TTFB"
echo "idle RSS           ${IDLE_RSS_FRESH} MiB fresh, ${IDLE_RSS} MiB after first request, ${AFTER_LOAD_RSS} MiB after the wrk runs (target < 200 MiB)"
echo "slow listeners     $LISTENERS held: $([ $LISTEN_OK -eq 0 ] && echo 'no errors' || echo ERRORS), peak heap ${PEAK_HEAP} MiB, peak RSS ${PEAK_RSS} MiB"
echo "JVM flags          $JVM_FLAGS"
echo "app args           $APP_ARGS"
echo "logs               $OUT"
