#!/usr/bin/env bash
# Search benchmark: builds a synthetic catalog (1,000,000 tracks by default) in a SQLite database through the app's
# own Flyway schema, starts the app on it, and measures GET /api/search latency over a mix of queries, beside a
# naive LIKE '%q%' scan over the same database as the baseline.
#
#   bash bench/search/run.sh                 # 1M tracks, reusing bench/search/data if it was built for that size
#   TRACKS=100000 bash bench/search/run.sh   # smaller catalog
#   REBUILD=1 bash bench/search/run.sh       # build the catalog anew
#   QUERIES=2000 BASELINE_QUERIES=60 ...     # how many queries each side runs
#   SQLITE_PARAMS='&mmap_size=1073741824'    # extra SQLite connection settings for the app, to try them
#   SKIP_BUILD=1                             # reuse target/ as it is
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BENCH=bench/search
TRACKS=${TRACKS:-1000000}
QUERIES=${QUERIES:-2000}
BASELINE_QUERIES=${BASELINE_QUERIES:-60}
DATA=$BENCH/data
DB=$DATA/teammusic.db
PASSWORD=bench-admin-password
PORT=${PORT:-18099}

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
JAVA="$JAVA_HOME/bin/java"

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building the app"
  ./mvnw -q -B -DskipTests package
fi
JAR=$(ls target/teammusic-*.jar | grep -v original | head -1)
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$BENCH/.classpath" -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat "$BENCH/.classpath")"

mkdir -p "$BENCH/.build"
"$JAVA_HOME/bin/javac" -d "$BENCH/.build" -cp "$CP" "$BENCH"/*.java

# The catalog is rebuilt when its size or the migrations it was built with changed; migrations added later are
# applied to it by the app on start, as to any database.
KEY="$TRACKS $(cat src/main/resources/db/migration/common/V1__*.sql src/main/resources/db/migration/sqlite/V4__*.sql \
  | sha256sum | cut -c1-16)"
if [ -n "${REBUILD:-}" ] || [ ! -f "$DB" ] || [ "$(cat "$DATA/.key" 2>/dev/null)" != "$KEY" ]; then
  echo "== generating $TRACKS tracks into $DB"
  rm -rf "$DATA"
  "$JAVA" -Xmx2g -cp "$BENCH/.build:$CP" GenerateCatalog "$DB" "$TRACKS"
  echo "$KEY" > "$DATA/.key"
fi

echo "== starting the app on port $PORT${SQLITE_PARAMS:+ with SQLite settings $SQLITE_PARAMS}"
if [ -n "${SQLITE_PARAMS:-}" ]; then
  export SPRING_DATASOURCE_URL="jdbc:sqlite:$ROOT/$DB?journal_mode=WAL&busy_timeout=10000&foreign_keys=true&synchronous=NORMAL$SQLITE_PARAMS"
fi
TEAMMUSIC_DATA_DIR="$ROOT/$DATA" TEAMMUSIC_ADMIN_PASSWORD=$PASSWORD PORT=$PORT \
  "$JAVA" -Xmx512m -XX:+UseSerialGC -jar "$JAR" > "$BENCH/.app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -sf "http://localhost:$PORT/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 $APP 2>/dev/null; then echo "app failed to start:"; tail -50 "$BENCH/.app.log"; exit 1; fi
  sleep 1
done

echo "== measuring (load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
"$JAVA" -cp "$BENCH/.build:$CP" SearchBench "http://localhost:$PORT" admin "$PASSWORD" "$DB" "$QUERIES" \
  "$BASELINE_QUERIES" "$APP"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
