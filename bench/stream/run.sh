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
# Long enough that every listener outlives the first fill of its kernel buffers (~70 KiB at 1 KiB/s) and so needs
# the server to write again: a shorter hold hid a bug that closed every listener once that fill ran dry.
LISTEN_SECONDS=${LISTEN_SECONDS:-90}
COMPARE=false
[ "${1:-}" = "--compare" ] && COMPARE=true
# Which parts to run (comma-separated): ranges (1.), small (2.), paced (2b.), listeners (3.); idle RSS is always
# measured (PARTS=none for it alone; -XX:NativeMemoryTracking=summary in JVM_FLAGS adds its breakdown by NMT category).
PARTS=${PARTS:-ranges,small,paced,listeners}
# 2b.: each connection pauses 0..2*THINK_MS ms before each request (mean THINK_MS), for PACED_DURATION seconds.
THINK_MS=${THINK_MS:-50}
PACED_DURATION=${PACED_DURATION:-20}
part() { [[ ",$PARTS," == *",$1,"* ]]; }

# The flags the app runs with here, and the ones we recommend for a small server (see bench/README.md): a small
# young generation and heap-free ratios so the heap stays near its live set, and glibc's heap trimmed while idle.
# The metaspace and code-cache thresholds are set high enough that no full GC is triggered by class loading or
# JIT growth (each was a 400-700 ms pause on this machine: the p99 of small ranges); compact object headers
# (JDK 24+) shrink the heap; start-up code run a few hundred times stays interpreted (8x the tier-3 thresholds)
# instead of filling the code cache and metaspace with profiled C1 code.
JVM_FLAGS=${JVM_FLAGS:-"-Xms16m -Xmn12m -Xmx256m -XX:+UseSerialGC -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 \
-XX:MaxDirectMemorySize=64m -XX:ReservedCodeCacheSize=128m -XX:MetaspaceSize=96m -XX:MaxMetaspaceSize=160m -Xss512k \
-XX:CICompilerCount=2 -XX:TrimNativeHeapInterval=5000 -XX:+IgnoreUnrecognizedVMOptions -XX:+UseCompactObjectHeaders \
-XX:Tier3InvocationThreshold=1600 -XX:Tier3MinInvocationThreshold=800 -XX:Tier3CompileThreshold=16000"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
APP_ARGS=${APP_ARGS:-"--server.jetty.threads.acceptors=1 --server.jetty.threads.selectors=2 \
--logging.level.root=WARN"}
WARMUP=${WARMUP:-20}

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
cpu_ticks() { # user+system clock ticks of a process and its children threads
  local total=0 p
  for p in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$total"
}
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
heap_used_mib() { # young + old generation in use (Serial GC's DefNew and Tenured lines), in MiB
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info 2>/dev/null | awk '/^ *(DefNew|Tenured|def new generation|tenured generation) / {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); sum += v } }
    END { print int(sum / 1024) }'
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
  for _ in $(seq 1 360); do
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
sleep 15
IDLE_RSS_LATER=$(rss_mib "$APP_PID")
echo "app: idle RSS ${IDLE_RSS_LATER} MiB after 15 s idle"
if [[ "$JVM_FLAGS" == *NativeMemoryTracking* ]]; then # where the idle RSS is (the tracking itself costs ~5 MiB)
  "$JAVA_HOME/bin/jcmd" "$APP_PID" VM.native_memory summary >"$OUT/nmt-idle.txt" 2>&1 || true
  awk '/^-/ && /committed=/ { n = $0; sub(/^- +/, "", n); sub(/ \(reserved.*/, "", n); c = $0
      sub(/.*committed=/, "", c); sub(/KB.*/, "", c); if (c + 0 >= 1024) printf "  %-22s %6.1f MiB\n", n, c / 1024 }' \
    "$OUT/nmt-idle.txt"
fi
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

if part ranges || part small || part paced; then
  echo "warming the app up (JIT; ${WARMUP}s of small ranges, then 5s of large ones) ..."
  run_wrk "$APP_URL" "$STREAM" "$SMALL_WINDOW" "$TOKEN" "$WARMUP" >/dev/null
  run_wrk "$APP_URL" "$STREAM" "$WINDOW" "$TOKEN" 5 >/dev/null
fi
NGINX_WORKERS=$(pgrep -P "$(cat "$OUT/nginx/nginx.pid")" | tr '\n' ' ')
# CPU per request is printed beside the rates: on a machine shared with other work, the rates move with what else
# runs, while the CPU each server spends per request does not.
measure() { # $1 = label, $2 = URL, $3 = path, $4 = window, $5 = token, $6.. = pids to account
  local label=$1 url=$2 path=$3 window=$4 token=$5
  shift 5
  local before after rps
  before=$(cpu_ticks "$@")
  rps=$(run_wrk "$url" "$path" "$window" "$token" "$DURATION")
  after=$(cpu_ticks "$@")
  local reqs
  reqs=$(awk '/requests in/ {print $1}' "$OUT/wrk.last")
  LAST_RPS=$rps
  LAST_CPU_US=$(python3 -c "print(round(($after - $before) * 1e6 / $(getconf CLK_TCK) / max(1, $reqs)))")
  printf '%-10s %10s req/s  p50 %-9s p99 %-9s %6s us CPU/request%s\n' "$label" "$rps" "$(latency 50%)" \
    "$(latency 99%)" "$LAST_CPU_US" "$( [ -n "$(non2xx)" ] && echo ", NON-2xx: $(non2xx)")"
}
# Each server twice, interleaved, so that a change in the background load hits both alike; best of two counts.
best() { python3 -c "import sys; print(max(float(x) for x in sys.argv[1:]))" "$@"; }
APP_RPS=-; NGINX_RPS=-; RATIO=-; APP_CPU=-; NGINX_CPU=-
if part ranges; then
echo
echo "== 1. ranged reads: random ${WINDOW}-byte windows of a $SIZE-byte file, $CONNECTIONS connections, ${DURATION}s"
measure nginx "$NGINX_URL" /track.mp3 "$WINDOW" "" $NGINX_WORKERS; N1=$LAST_RPS; NGINX_CPU=$LAST_CPU_US
measure teammusic "$APP_URL" "$STREAM" "$WINDOW" "$TOKEN" "$APP_PID"; A1=$LAST_RPS; APP_CPU=$LAST_CPU_US
measure nginx "$NGINX_URL" /track.mp3 "$WINDOW" "" $NGINX_WORKERS; N2=$LAST_RPS
measure teammusic "$APP_URL" "$STREAM" "$WINDOW" "$TOKEN" "$APP_PID"; A2=$LAST_RPS
NGINX_RPS=$(best "$N1" "$N2")
APP_RPS=$(best "$A1" "$A2")
RATIO=$(python3 -c "print(f'{$APP_RPS/$NGINX_RPS:.2f}')")
echo "best of two: teammusic $APP_RPS req/s, nginx $NGINX_RPS req/s"
echo "ratio teammusic/nginx: ${RATIO}x  (target >= 0.80x)"
fi

SMALL_RPS=-; SMALL_P99=-; SMALL_CPU=-; NGINX_SMALL_P99=-; NGINX_SMALL_CPU=-; TTFB=-
if part small; then
echo
echo "== 2. latency of small authorised ranged requests: ${SMALL_WINDOW}-byte windows, $CONNECTIONS connections"
measure teammusic "$APP_URL" "$STREAM" "$SMALL_WINDOW" "$TOKEN" "$APP_PID"
SMALL_RPS=$LAST_RPS; SMALL_P99=$(latency 99%); SMALL_CPU=$LAST_CPU_US
measure nginx "$NGINX_URL" /track.mp3 "$SMALL_WINDOW" "" $NGINX_WORKERS
NGINX_SMALL_P99=$(latency 99%); NGINX_SMALL_CPU=$LAST_CPU_US
echo "teammusic p99 $SMALL_P99 (target < 5ms); nginx p99 $NGINX_SMALL_P99 under the same load"
# Time to first byte of one request on an otherwise idle server, as a player sees it when it seeks.
TTFB=$(for _ in $(seq 1 200); do
  curl -s -o /dev/null -w '%{time_starttransfer}\n' -H "Authorization: Bearer $TOKEN" \
    -H "Range: bytes=1000-$((1000 + SMALL_WINDOW - 1))" "$APP_URL$STREAM"
done | sort -n | awk '{a[NR]=$1} END {printf "p50 %.2fms  p99 %.2fms", a[int(NR*0.5)]*1000, a[int(NR*0.99)]*1000}')
echo "teammusic  time to first byte, one request at a time (curl, 200 samples, new connection each): $TTFB"
fi

# Well under saturation: at saturation a request's latency is mostly the queue in front of it (Little's law) and
# the GC pauses the allocation rate brings; with think time it is the server's own time to answer.
PACED_APP=-; PACED_NGINX=-
if part paced; then
echo
echo "== 2b. paced small ranged requests: ${SMALL_WINDOW}-byte windows, $CONNECTIONS connections, think time" \
  "0-$((2 * THINK_MS)) ms before each request (wrk delay()), ${PACED_DURATION}s"
paced() { # $1 = label, $2 = URL, $3 = path, $4 = token, $5.. = pids; prints a line and sets PACED_LAST
  local label=$1 url=$2 path=$3 token=$4
  shift 4
  local before after reqs
  before=$(cpu_ticks "$@")
  wrk -t2 -c"$CONNECTIONS" -d"${PACED_DURATION}s" -s bench/stream/paced.lua "$url" -- "$path" "$SIZE" \
    "$SMALL_WINDOW" "$THINK_MS" "${token:-}" >"$OUT/wrk.last" 2>&1
  after=$(cpu_ticks "$@")
  cat "$OUT/wrk.last" >>"$OUT/wrk.log"
  reqs=$(awk '/^paced / {print $2}' "$OUT/wrk.last")
  PACED_LAST=$(awk '/^paced / {printf "%s req/s  p50 %s  p99 %s  p99.9 %s  max %s ms", $4, $7, $9, $11, $13}' \
    "$OUT/wrk.last")
  printf '%-10s %s  %s us CPU/request%s\n' "$label" "$PACED_LAST" \
    "$(python3 -c "print(round(($after - $before) * 1e6 / $(getconf CLK_TCK) / max(1, ${reqs:-0})))")" \
    "$( [ -n "$(non2xx)" ] && echo ", NON-2xx: $(non2xx)")"
}
paced nginx "$NGINX_URL" /track.mp3 "" $NGINX_WORKERS; PACED_NGINX=$PACED_LAST
paced teammusic "$APP_URL" "$STREAM" "$TOKEN" "$APP_PID"; PACED_APP=$PACED_LAST
echo "teammusic p99 target < 5ms; nginx beside it in the same minute"
fi
AFTER_LOAD_RSS=$(rss_mib "$APP_PID")

if $COMPARE; then
  echo
  echo "== body writers compared (same load as 1., each after its own warm-up)"
  for mode in mapped copy; do
    stop_app
    start_app "--teammusic.streaming.body-writer=$mode"
    run_wrk "$APP_URL" "$STREAM" "$SMALL_WINDOW" "$TOKEN" "$WARMUP" >/dev/null
    run_wrk "$APP_URL" "$STREAM" "$WINDOW" "$TOKEN" 5 >/dev/null
    measure "$mode" "$APP_URL" "$STREAM" "$WINDOW" "$TOKEN" "$APP_PID"
  done
  stop_app
  start_app
fi

LISTEN_OK=-1; PEAK_HEAP=-; PEAK_RSS=-
if part listeners; then
echo
echo "== 3. $LISTENERS concurrent slow listeners (1 KiB/s each, whole-file GETs), all held together for ${LISTEN_SECONDS}s"
kill "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null || true
TOKEN=$(curl -fs -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$APP_URL/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
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
still=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H "Range: bytes=0-9" "$APP_URL$STREAM")
echo "server still answers afterwards: $still"
sleep 2
fi
echo
echo "== summary"
echo "ranged reads       teammusic $APP_RPS req/s, nginx $NGINX_RPS req/s, ratio ${RATIO}x; CPU/request teammusic ${APP_CPU} us, nginx ${NGINX_CPU} us"
echo "small ranges       p99 $SMALL_P99 at $CONNECTIONS connections ($SMALL_RPS req/s, nginx p99 $NGINX_SMALL_P99); CPU/request teammusic ${SMALL_CPU} us, nginx ${NGINX_SMALL_CPU} us; idle TTFB $TTFB"
echo "paced small ranges teammusic $PACED_APP; nginx $PACED_NGINX"
echo "idle RSS           ${IDLE_RSS} MiB after start, login and one request; ${IDLE_RSS_LATER} MiB 15 s later; ${AFTER_LOAD_RSS} MiB after the wrk runs (target < 200 MiB)"
echo "slow listeners     $LISTENERS held: $([ $LISTEN_OK -eq 0 ] && echo 'no errors' || echo ERRORS), peak heap ${PEAK_HEAP} MiB, peak RSS ${PEAK_RSS} MiB"
echo "JVM flags          $JVM_FLAGS"
echo "app args           $APP_ARGS"
echo "logs               $OUT"
