#!/usr/bin/env bash
# Ranged reads in S3 proxy mode against local-disk mode, same run: starts S3Proxy (jclouds filesystem provider, from
# the test classpath) and three app nodes on loopback: one with teammusic.storage.type=local, one with s3 and its
# chunk cache off (every range is a ranged GET: the S3 path's own efficiency), one with s3 and the cache on
# (warmed by the first read: what a node serving hot tracks does). It uploads the same generated FLAC to each,
# warms them up, then runs wrk with the same Range request in turn against the local node, both S3 nodes, and
# S3Proxy itself through a presigned URL (the ceiling of the uncached path: no app can serve S3-held bytes faster
# than the S3 server hands them out). Each line also gives the CPU time per request of the processes that served
# it, which is steadier than the rates on a loaded machine.
#
#   bash bench/s3/run.sh                          # 50 connections, 64 KiB ranges, 15 s per side, 2 rounds
#   CONNECTIONS=50 RANGE=bytes=1000000- SECONDS_PER_RUN=20 ROUNDS=3 WARMUP_SECONDS=90 bash bench/s3/run.sh
#
# Needs wrk and ffmpeg (Debian packages of those names). Everything it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=bench/s3
WORK=$(mktemp -d /tmp/teammusic-s3-bench-XXXXXX)
CONNECTIONS=${CONNECTIONS:-50}
RANGE=${RANGE:-bytes=1000000-1065535}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}
# The S3 path (SDK pipeline, signing, Apache client) takes minutes of load to be compiled on a busy 2-core box;
# measured cold, S3 mode looks twenty times slower than it is.
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
ROUNDS=${ROUNDS:-2}
PASSWORD=bench-admin-password
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
S3_PORT=$(free_port); LOCAL_PORT=$(free_port); S3MODE_PORT=$(free_port); CACHED_PORT=$(free_port)

if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
JAVA="$JAVA_HOME/bin/java"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "ffmpeg not found: apt-get install -y ffmpeg" >&2; exit 1; }

PIDS=()
S3PROXY_PID=; LOCAL_PID=; S3NODE_PID=; CACHED_PID=
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== building (classes and the test classpath, which holds S3Proxy)"
./mvnw -q -B -DskipTests compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" -Dmdep.includeScope=test >/dev/null
CP="target/classes:$(cat "$WORK/classpath")"

mkdir -p "$WORK/s3data/music" "$WORK/local" "$WORK/s3node" "$WORK/cachednode"
cat > "$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-access
s3proxy.credential=bench-secret
jclouds.provider=filesystem
jclouds.identity=unused
jclouds.credential=unused
jclouds.filesystem.basedir=$WORK/s3data
CONF
echo "== starting S3Proxy on $S3_PORT"
"$JAVA" -Xmx512m -cp "$CP" org.gaul.s3proxy.Main --properties "$WORK/s3proxy.conf" > "$WORK/s3proxy.log" 2>&1 &
S3PROXY_PID=$!; PIDS+=($!)
until grep -q 'Started ServerConnector' "$WORK/s3proxy.log" 2>/dev/null; do sleep 1; done

echo "== starting the local node on $LOCAL_PORT, the S3 node on $S3MODE_PORT (cache off), the cached S3 node on" \
  "$CACHED_PORT"
"$JAVA" -Xmx512m -XX:+UseSerialGC -cp "$CP" io.teammusic.TeammusicApplication --server.port=$LOCAL_PORT \
  --teammusic.data-dir="$WORK/local" --teammusic.admin-password=$PASSWORD > "$WORK/local.log" 2>&1 &
LOCAL_PID=$!; PIDS+=($!)
s3_node() { # PORT DIR CACHE_ENABLED LOG
  AWS_ACCESS_KEY_ID=bench-access AWS_SECRET_ACCESS_KEY=bench-secret AWS_EC2_METADATA_DISABLED=true \
    "$JAVA" -Xmx512m -XX:+UseSerialGC -cp "$CP" io.teammusic.TeammusicApplication --server.port="$1" \
    --teammusic.data-dir="$2" --teammusic.admin-password=$PASSWORD --teammusic.storage.type=s3 \
    --teammusic.storage.s3.bucket=music --teammusic.storage.s3.prefix=bench \
    --teammusic.storage.s3.endpoint=http://127.0.0.1:$S3_PORT --teammusic.storage.s3.path-style=true \
    --teammusic.storage.s3.cache.enabled="$3" > "$4" 2>&1 &
}
s3_node "$S3MODE_PORT" "$WORK/s3node" false "$WORK/s3node.log"
S3NODE_PID=$!; PIDS+=($!)
s3_node "$CACHED_PORT" "$WORK/cachednode" true "$WORK/cachednode.log"
CACHED_PID=$!; PIDS+=($!)
for port in $LOCAL_PORT $S3MODE_PORT $CACHED_PORT; do
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
    sleep 1
  done
done

ffmpeg -v error -y -f lavfi -i anoisesrc=color=white:sample_rate=44100:duration=40:seed=7 -ac 2 -c:a flac \
  "$WORK/noise.flac"
declare -A URL TOKEN
for port in $LOCAL_PORT $S3MODE_PORT $CACHED_PORT; do
  TOKEN[$port]=$(curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$port/api/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  id=$(curl -sf -X POST -H "Authorization: Bearer ${TOKEN[$port]}" -H 'Content-Type: application/octet-stream' \
    --data-binary @"$WORK/noise.flac" "http://127.0.0.1:$port/api/tracks?filename=noise.flac" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  URL[$port]="http://127.0.0.1:$port/api/tracks/$id/stream"
  curl -sf -H "Authorization: Bearer ${TOKEN[$port]}" -H "Range: $RANGE" "${URL[$port]}" -o "$WORK/range.$port"
done
cmp "$WORK/range.$LOCAL_PORT" "$WORK/range.$S3MODE_PORT" && cmp "$WORK/range.$LOCAL_PORT" "$WORK/range.$CACHED_PORT" \
  && echo "== the range is byte-identical in all three nodes"
echo "== the cached node holds $(find "$WORK/cachednode/cache/s3" -type f | wc -l) chunk file(s) after its first read"
OBJECT=$(cd "$WORK/s3data/music" && find . -type f | sed 's#^\./##' | head -1)
PRESIGNED=$("$JAVA" -cp "$CP" bench/s3/Presign.java "http://127.0.0.1:$S3_PORT" music "$OBJECT" \
  bench-access bench-secret)
curl -sf -H "Range: $RANGE" "$PRESIGNED" -o "$WORK/range.raw"
cmp "$WORK/range.$LOCAL_PORT" "$WORK/range.raw" && echo "== and byte-identical straight from S3Proxy"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# run NAME SECONDS CONNECTIONS URL PID... [-- wrk header args]: prints "req/s us_per_request_per_pid..."
run() {
  local seconds=$1 connections=$2 url=$3; shift 3
  local pids=() before=() after=()
  while [ "$#" -gt 0 ] && [ "$1" != -- ]; do pids+=("$1"); shift; done
  shift
  for p in "${pids[@]}"; do before+=("$(cpu_ticks "$p")"); done
  local out; out=$(wrk -t2 -c"$connections" -d"$seconds"s "$@" -H "Range: $RANGE" "$url")
  for p in "${pids[@]}"; do after+=("$(cpu_ticks "$p")"); done
  local requests; requests=$(echo "$out" | awk '/requests in/ {print $1}')
  local line; line=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  for i in "${!pids[@]}"; do
    line="$line $(python3 -c "print(round((${after[$i]} - ${before[$i]}) * 1e6 / $(getconf CLK_TCK) / $requests))")"
  done
  echo "$line"
}
local_run() { run "$1" "$2" "${URL[$LOCAL_PORT]}" "$LOCAL_PID" -- -H "Authorization: Bearer ${TOKEN[$LOCAL_PORT]}"; }
s3_run() { run "$1" "$2" "${URL[$S3MODE_PORT]}" "$S3NODE_PID" "$S3PROXY_PID" -- \
  -H "Authorization: Bearer ${TOKEN[$S3MODE_PORT]}"; }
cached_run() { run "$1" "$2" "${URL[$CACHED_PORT]}" "$CACHED_PID" "$S3PROXY_PID" -- \
  -H "Authorization: Bearer ${TOKEN[$CACHED_PORT]}"; }
raw_run() { run "$1" "$2" "$PRESIGNED" "$S3PROXY_PID" --; }
# Warmed with few connections: a cold node at 50 runs into wrk's 2 s timeouts, and every request cut off aborts
# its S3 connection, so it would stay in that slow state for the whole warm-up.
echo "== warming up for ${WARMUP_SECONDS}s each: local node, S3 node (cache off), cached S3 node, S3Proxy"
local_run "$WARMUP_SECONDS" 8 >/dev/null; s3_run "$WARMUP_SECONDS" 8 >/dev/null
cached_run "$WARMUP_SECONDS" 8 >/dev/null; raw_run "$WARMUP_SECONDS" 8 >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  read -r local_rps local_cpu <<< "$(local_run "$SECONDS_PER_RUN" "$CONNECTIONS")"
  read -r s3_rps s3_cpu s3_proxy_cpu <<< "$(s3_run "$SECONDS_PER_RUN" "$CONNECTIONS")"
  read -r cached_rps cached_cpu cached_proxy_cpu <<< "$(cached_run "$SECONDS_PER_RUN" "$CONNECTIONS")"
  read -r raw_rps raw_cpu <<< "$(raw_run "$SECONDS_PER_RUN" "$CONNECTIONS")"
  python3 - <<PY
l, s, c, r = $local_rps, $s3_rps, $cached_rps, $raw_rps
print(f"round $round ($CONNECTIONS connections, $RANGE, load {open('/proc/loadavg').read().split()[0]}):")
print(f"  local          {l:6.0f} req/s  app $local_cpu us CPU/req")
print(f"  s3, cache off  {s:6.0f} req/s  app $s3_cpu + S3Proxy $s3_proxy_cpu us CPU/req   {s / l:.2f}x local")
print(f"  s3, cache on   {c:6.0f} req/s  app $cached_cpu + S3Proxy $cached_proxy_cpu us CPU/req   {c / l:.2f}x local")
print(f"  S3Proxy alone  {r:6.0f} req/s  S3Proxy $raw_cpu us CPU/req   {r / l:.2f}x local (ceiling of cache off;"
      f" cache off reaches {s / r:.2f}x of it)")
PY
done
echo "logs in $WORK"
