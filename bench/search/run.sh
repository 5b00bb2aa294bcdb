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
#   BROWSE_REPEATS=20                        # requests per browse measurement (0: no browse section)
#   DATABASE=postgresql                      # the same on PostgreSQL: an embedded PG 17 (zonky, as the tests use)
#                                            # on port 15432 with its data in bench/search/pgdata, kept for reuse
#   PG_DATA=/path/to/pgdata                  # ... or in another directory (its key file beside it: PG_DATA.key)
#   PG_URL=jdbc:postgresql://host/db?user=u&password=p   # ... or a PostgreSQL of your own (C.UTF-8 or another
#                                            # UTF-8 locale; the catalog is rebuilt when its key file says so)
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
JAR=${JAR:-$(ls target/teammusic-*.jar | grep -v original | head -1)}
# Test scope: the embedded PostgreSQL the PostgreSQL mode starts is a test dependency.
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$BENCH/.classpath" -Dmdep.includeScope=test >/dev/null
CP="target/classes:$(cat "$BENCH/.classpath")"

mkdir -p "$BENCH/.build"
"$JAVA_HOME/bin/javac" -d "$BENCH/.build" -cp "$CP" "$BENCH"/*.java

DATABASE=${DATABASE:-sqlite}
if [ "$DATABASE" = postgresql ]; then
  # PG_DATA: another checkout's catalog (e.g. /work/wt-catalog/bench/search/pgdata) instead of building one here.
  PGDATA_DIR=${PG_DATA:-$BENCH/pgdata}
  KEY="$TRACKS $(cat src/main/resources/db/migration/common/V1__*.sql src/main/resources/db/migration/postgresql/V*.sql \
    | sha256sum | cut -c1-16)"
  KEY_FILE=$PGDATA_DIR.key
  if [ -z "${PG_URL:-}" ]; then
    if [ -n "${REBUILD:-}" ] || [ "$(cat "$KEY_FILE" 2>/dev/null)" != "$KEY" ]; then rm -rf "$PGDATA_DIR"; fi
    rm -f "$BENCH/.pg-url"
    case "$PGDATA_DIR" in /*) ;; *) PGDATA_DIR="$ROOT/$PGDATA_DIR" ;; esac
    "$JAVA" -cp "$BENCH/.build:$CP" BenchPostgres "$PGDATA_DIR" 15432 "$BENCH/.pg-url" > "$BENCH/.pg.log" 2>&1 &
    PG=$!
    trap 'kill $PG 2>/dev/null || true' EXIT
    for _ in $(seq 1 120); do [ -f "$BENCH/.pg-url" ] && break; sleep 1; done
    PG_URL=$(cat "$BENCH/.pg-url")
  fi
  if [ -n "${REBUILD:-}" ] || [ "$(cat "$KEY_FILE" 2>/dev/null)" != "$KEY" ]; then
    echo "== generating $TRACKS tracks into PostgreSQL"
    start=$(date +%s)
    "$JAVA" -Xmx2g -cp "$BENCH/.build:$CP" GenerateCatalog "$PG_URL" "$TRACKS"
    echo "== built in $(( $(date +%s) - start )) s"
    echo "$KEY" > "$KEY_FILE"
  fi
  mkdir -p "$DATA"
  export SPRING_DATASOURCE_URL="$PG_URL"
  BENCH_DB_URL="$PG_URL"
else
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
  BENCH_DB_URL="jdbc:sqlite:$ROOT/$DB?open_mode=1"
fi

echo "== starting the app on $DATABASE, port $PORT${SQLITE_PARAMS:+ with SQLite settings $SQLITE_PARAMS}"
if [ -n "${SQLITE_PARAMS:-}" ]; then
  export SPRING_DATASOURCE_URL="jdbc:sqlite:$ROOT/$DB?journal_mode=WAL&busy_timeout=10000&foreign_keys=true&synchronous=NORMAL$SQLITE_PARAMS"
fi
TEAMMUSIC_DATA_DIR="$ROOT/$DATA" TEAMMUSIC_ADMIN_PASSWORD=$PASSWORD PORT=$PORT \
  "$JAVA" -Xmx512m -XX:+UseSerialGC -jar "$JAR" > "$BENCH/.app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; [ -n "${PG:-}" ] && kill $PG 2>/dev/null || true' EXIT
# A first start on a big catalog may run migrations for minutes.
for _ in $(seq 1 ${START_WAIT:-1800}); do
  if curl -sf "http://localhost:$PORT/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 $APP 2>/dev/null; then echo "app failed to start:"; tail -50 "$BENCH/.app.log"; exit 1; fi
  sleep 1
done

echo "== measuring (load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
"$JAVA" -cp "$BENCH/.build:$CP" SearchBench "http://localhost:$PORT" admin "$PASSWORD" "$BENCH_DB_URL" "$QUERIES" \
  "$BASELINE_QUERIES" "$APP"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
