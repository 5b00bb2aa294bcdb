#!/usr/bin/env bash
# Every benchmark of Teammusic, one after another, each printing its figures and its ratio against the baseline
# it runs beside it (see bench/README.md). Loads stay on 127.0.0.1 and each bench bounds its own time.
#
#   bash bench/run.sh            # stream, then import and search when they are there
#   bash bench/run.sh stream     # only the named ones
set -uo pipefail
cd "$(dirname "$0")/.."

benches=("$@")
if [ ${#benches[@]} -eq 0 ]; then
  benches=(stream import search)
fi
failed=()
for b in "${benches[@]}"; do
  script="bench/$b/run.sh"
  if [ ! -f "$script" ]; then
    echo "== $b: no $script, skipped"
    continue
  fi
  echo "================ $b ================"
  bash "$script" || failed+=("$b")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
