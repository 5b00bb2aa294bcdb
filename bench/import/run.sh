#!/usr/bin/env bash
# Bulk-import benchmark: N distinct 5 MB MP3s through `teammusic import DIR` (copy mode) and
# `teammusic import --in-place DIR`, each against a baseline run beside it on the same folder:
#   copy:     cp -r + sha256sum (the floor of the I/O a copying importer must do: read, hash, write a copy)
#   in-place: sha256sum alone (the floor of an importer that reads every file once and writes none)
# and, for in-place, the re-run over the unchanged folder (which must not read the files again).
#
#   MODE=copy|in-place|both bench/import/run.sh [N]   (default both, N=400; needs ffmpeg and a JDK 21+;
#                                                      builds the jar if missing)
#
# Prints files/s, the same-run ratio to the baseline and the CPU seconds per file of the import process. The target
# is >= 100 files/s on the 2-core dev machine.
set -euo pipefail

N="${1:-400}"
MODE="${MODE:-both}"
case "$MODE" in copy|in-place|both) ;; *) echo "MODE must be copy, in-place or both" >&2; exit 2 ;; esac
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
row() { printf "%-52s %8s s %10s files/s  %s\n" "$1" "$2" "$(rate "$N" "$2")" "${3:-}"; }

# One run of the real CLI on data dir $1 with the arguments after it; wall clock including JVM start.
# Sets TM_S (wall), CPU_S (user+sys), INNER (files/s of the import phase, from its summary).
# JVM_FLAGS adds JVM options (e.g. -XX:StartFlightRecording=filename=/tmp/import.jfr for a profile).
run_import() {
  local data="$1"; shift
  local t0 t1
  t0=$(now)
  # shellcheck disable=SC2086
  TEAMMUSIC_DATA_DIR="$data" /usr/bin/time -f "%U %S" -o "$WORK/cpu.txt" \
    java -Xmx512m ${JVM_FLAGS:-} -jar "$JAR" import "$@" >"$WORK/summary.txt" 2>"$WORK/progress.txt" || {
    echo "import failed:" >&2; cat "$WORK/summary.txt" "$WORK/progress.txt" >&2; exit 1; }
  t1=$(now)
  CPU_S=$(awk '{print $1 + $2}' "$WORK/cpu.txt")
  TM_S=$(elapsed "$t0" "$t1")
  INNER=$(grep -o '[0-9.]* files/s' "$WORK/summary.txt" | head -1 | cut -d' ' -f1)
  cat "$WORK/summary.txt"
}
tracks_in() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from tracks').fetchone()[0])" "$1/teammusic.db" 2>/dev/null || echo "?"; }
cpu_per_file() { python3 -c "import sys; print(f'{1000 * float(sys.argv[1]) / int(sys.argv[2]):.1f} ms CPU/file')" "$1" "$N"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}x')" "$1" "$2"; }

RESULTS="$WORK/results.txt"
: >"$RESULTS"

if [[ "$MODE" == copy || "$MODE" == both ]]; then
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
  echo "== copy mode: import DIR" >&2
  run_import "$WORK/data-copy" "$SRC"
  {
    echo "copy mode (N=$N, tracks after: $(tracks_in "$WORK/data-copy"))"
    row "  baseline cp -r + sha256sum" "$BASE_S"
    row "  baseline cp -r + sha256sum + sync" "$BASE_SYNC_S"
    row "  teammusic import (wall, with JVM start)" "$TM_S" \
      "$(cpu_per_file "$CPU_S"), $(ratio "$BASE_SYNC_S" "$TM_S") of baseline+sync"
    printf "  %-50s %8s   %10s files/s  %s of baseline+sync\n" "teammusic import (import phase, its summary)" "" \
      "$INNER" "$(python3 -c "import sys; print(f'{float(sys.argv[1]) * float(sys.argv[2]) / int(sys.argv[3]):.2f}x')" "$INNER" "$BASE_SYNC_S" "$N")"
  } >>"$RESULTS"
  COPY_INNER="$INNER"
  rm -rf "$WORK/data-copy"
fi

if [[ "$MODE" == in-place || "$MODE" == both ]]; then
  # Baseline: read and hash every file where it is (the least an importer that copies nothing must do).
  T0=$(now)
  (cd "$SRC" && sha256sum -- * >/dev/null)
  T1=$(now)
  HASH_S=$(elapsed "$T0" "$T1")
  echo "== in-place mode: import --in-place DIR" >&2
  run_import "$WORK/data-in-place" --in-place "$SRC"
  IP_S="$TM_S"; IP_CPU="$CPU_S"; IP_INNER="$INNER"
  echo "== in-place re-run over the unchanged folder" >&2
  run_import "$WORK/data-in-place" --in-place "$SRC"
  UNCHANGED=$(grep -o 'unchanged: *[0-9]*' "$WORK/summary.txt" | grep -o '[0-9]*$')
  RESCAN_PHASE=$(grep -o 'finished in [0-9.]* s' "$WORK/summary.txt" | grep -o '[0-9.]* s')
  {
    echo "in-place mode (N=$N, tracks after: $(tracks_in "$WORK/data-in-place"))"
    row "  baseline sha256sum" "$HASH_S"
    row "  teammusic import --in-place (wall, with JVM start)" "$IP_S" \
      "$(cpu_per_file "$IP_CPU"), $(ratio "$HASH_S" "$IP_S") of baseline"
    printf "  %-50s %8s   %10s files/s  %s of baseline\n" "teammusic import --in-place (import phase)" "" \
      "$IP_INNER" "$(python3 -c "import sys; print(f'{float(sys.argv[1]) * float(sys.argv[2]) / int(sys.argv[3]):.2f}x')" "$IP_INNER" "$HASH_S" "$N")"
    row "  re-run, unchanged folder (wall, with JVM start)" "$TM_S" \
      "$(cpu_per_file "$CPU_S"); import phase $RESCAN_PHASE; unchanged: $UNCHANGED of $N"
  } >>"$RESULTS"
fi

echo
echo "files: $N x $((BYTES / N / 1000)) kB; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$RESULTS"
target() { python3 -c "import sys; v=float(sys.argv[2]); print(f'target >= 100 files/s, {sys.argv[1]}: {\"met\" if v >= 100 else \"NOT met\"} ({v:.1f} files/s in the import phase)')" "$1" "$2"; }
if [[ -n "${COPY_INNER:-}" ]]; then target "copy mode" "$COPY_INNER"; fi
if [[ -n "${IP_INNER:-}" ]]; then target "in place" "$IP_INNER"; fi
