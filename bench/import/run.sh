#!/usr/bin/env bash
# Bulk-import benchmark: N distinct 5 MB MP3s through `teammusic import DIR`, against a baseline run beside it
# on the same folder (cp -r + sha256sum: the floor of the I/O any importer must do: read, hash, write a copy).
#
#   bench/import/run.sh [N]        (default N=400; needs ffmpeg and a JDK 21+; builds the jar if missing)
#
# Prints files/s for both and the ratio. The target is >= 100 files/s on the 2-core dev machine.
set -euo pipefail

N="${1:-400}"
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
WORK="${BENCH_DIR:-$(mktemp -d /tmp/teammusic-bench-import.XXXXXX)}"
SRC="$WORK/music"
trap 'rm -rf "$WORK"' EXIT

command -v ffmpeg >/dev/null || { echo "ffmpeg missing: apt-get install -y ffmpeg" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing (for CPU per file): apt-get install -y time" >&2; exit 1; }
# The jar needs Java 21+; the machine's default java may be older.
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
export PATH="$JAVA_HOME/bin:$PATH"
# JAR=path runs that jar instead (to compare two builds on the same machine).
JAR="${JAR:-$(ls "$ROOT"/target/teammusic-*.jar 2>/dev/null | grep -v plain | head -1 || true)}"
if [[ -z "$JAR" || "${REBUILD:-0}" == 1 ]]; then
  echo "building the jar..." >&2
  ./mvnw -q -B -DskipTests package >&2
  JAR="$(ls "$ROOT"/target/teammusic-*.jar | grep -v plain | head -1)"
fi

# One 5 MB encode (about 131 s of 320 kbps noise), then N copies that differ in their tags, so every file has
# its own bytes and hash; remuxing with -c copy is fast, re-encoding N files would take longer than the bench.
mkdir -p "$SRC"
echo "generating $N x 5 MB MP3 files in $SRC..." >&2
ffmpeg -v error -y -f lavfi -i "anoisesrc=color=pink:amplitude=0.3:duration=131:sample_rate=44100" \
  -ac 2 -c:a libmp3lame -b:a 320k "$WORK/seed.mp3"
seq 1 "$N" | xargs -P 2 -I{} ffmpeg -v error -y -i "$WORK/seed.mp3" -c copy \
  -metadata title="Bench Track {}" -metadata artist="Bench Artist $(( RANDOM % 50 ))" \
  -metadata album="Bench Album {}" -metadata track="{}" "$SRC/track-{}.mp3"
BYTES=$(du -sb "$SRC" | cut -f1)
echo "generated $N files, $((BYTES / 1000000)) MB" >&2
sync

rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$1" "$2"; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

# Baseline: copy the folder and hash every file (what content-addressed storage costs at the least).
T0=$(now)
cp -r "$SRC" "$WORK/copy"
(cd "$WORK/copy" && sha256sum -- * >/dev/null)
T1=$(now)
sync
T2=$(now)
BASE_S=$(elapsed "$T0" "$T1")
BASE_SYNC_S=$(elapsed "$T0" "$T2")
rm -rf "$WORK/copy"
sync

# Teammusic: a fresh data dir, the real CLI, wall clock including JVM start.
DATA="$WORK/data"
T0=$(now)
# JVM_FLAGS adds JVM options (e.g. -XX:StartFlightRecording=filename=/tmp/import.jfr for a profile);
# APP_ARGS adds arguments after the folder (e.g. --link).
# shellcheck disable=SC2086
TEAMMUSIC_DATA_DIR="$DATA" /usr/bin/time -f "%U %S" -o "$WORK/cpu.txt" \
  java -Xmx512m ${JVM_FLAGS:-} -jar "$JAR" import "$SRC" ${APP_ARGS:-} >"$WORK/summary.txt" 2>"$WORK/progress.txt" || {
  echo "import failed:" >&2; cat "$WORK/summary.txt" "$WORK/progress.txt" >&2; exit 1; }
T1=$(now)
CPU_S=$(awk '{print $1 + $2}' "$WORK/cpu.txt")
TM_S=$(elapsed "$T0" "$T1")
cat "$WORK/summary.txt"
TRACKS=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from tracks').fetchone()[0])" "$DATA/teammusic.db" 2>/dev/null || echo "?")
INNER=$(grep -o '[0-9.]* files/s' "$WORK/summary.txt" | head -1 | cut -d' ' -f1)

echo
echo "files: $N x $((BYTES / N / 1000)) kB, tracks in the database after import: $TRACKS"
printf "%-44s %8s s %10s files/s\n" "baseline cp -r + sha256sum" "$BASE_S" "$(rate "$N" "$BASE_S")"
printf "%-44s %8s s %10s files/s\n" "baseline cp -r + sha256sum + sync" "$BASE_SYNC_S" "$(rate "$N" "$BASE_SYNC_S")"
printf "%-44s %8s s %10s files/s\n" "teammusic import (wall, with JVM start)" "$TM_S" "$(rate "$N" "$TM_S")"
printf "%-44s %8s   %10s files/s\n" "teammusic import (import phase, its summary)" "" "$INNER"
python3 - "$N" "$BASE_S" "$BASE_SYNC_S" "$TM_S" "$INNER" "$CPU_S" <<'PY'
import sys
n, base, base_sync, tm, inner, cpu_s = int(sys.argv[1]), *map(float, sys.argv[2:7])
print(f"CPU of the import process (user+sys, JVM start included): {cpu_s:.1f} s, {1000 * cpu_s / n:.1f} ms per file")
print(f"ratio teammusic/baseline (wall):            {base / tm:.2f}x  (vs baseline+sync {base_sync / tm:.2f}x)")
print(f"ratio teammusic/baseline (import phase):    {inner / (n / base):.2f}x  (vs baseline+sync {inner / (n / base_sync):.2f}x)")
print(f"target >= 100 files/s: {'met' if inner >= 100 else 'NOT met'} ({inner:.1f} files/s in the import phase)")
PY
