#!/usr/bin/env bash
# Maintain benchmark (a script, not a test): two years of nights on a fresh warehouse, then
# `maintain`, and what it changed:
#   1. `generate` FROM..TO at SCALE into a staging folder (not timed);
#   2. one `nightly` per month, each after that month's files (and the reference files) were copied
#      into the landing zone, as a province office's deliveries arrive: the nights the cron line runs;
#   3. per table: live data files (those of the current version: what a query opens), data files on
#      storage, log commits, last checkpoint;
#   4. a copy of the warehouse as it is (`cp -a`: Delta's log holds relative paths), then
#      `maintain` (default retention) on the original, then 3. again;
#   5. read time, before and after: bench/read-time.py reads both copies in one Spark session,
#      interleaved (see there), so that JVM and session start-up are not counted.
#
# Usage: bench/maintain-benchmark.sh [SCALE] [FROM] [TO]     (default: 0.001 2024-01 2025-12)
# Environment: BHXH_HMAC_KEY (a throwaway key is made when unset), PIPELINE_JAVA_OPTS, KEEP=1 to
# keep the work folder (5. can then be run again alone:
# "$(bin/python-env python)" bench/read-time.py WORK/warehouse-before WORK/warehouse), READ_REPETITIONS
# (default 7).
#
# Figures: docs/maintain.md, "Figures".
set -euo pipefail

scale="${1:-0.001}"
from="${2:-2024-01}"
to="${3:-2025-12}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pipeline="$root/bin/pipeline"
work="$(mktemp -d "${TMPDIR:-/tmp}/maintain-bench.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "bench: work folder $work (kept)" >&2
else
  trap 'rm -rf "$work"' EXIT
fi
staged="$work/staged"
landing="$work/landing"
warehouse="$work/warehouse"
# The notebooks' Python environment (PySpark, delta-spark) for 5.; made now, on first use, rather
# than after the nights.
python="$("$root/bin/python-env" python)"
export BHXH_HMAC_KEY="${BHXH_HMAC_KEY:-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')}"

now() { date +%s.%N; }

echo "bench: generating $from..$to at scale $scale" >&2
"$pipeline" generate --landing "$staged" --from "$from" --to "$to" --scale "$scale" --seed 7 \
  >"$work/generate.log" 2>&1

mkdir -p "$landing"
cp -r "$staged/reference" "$landing/"
nights=0
night_seconds=()
month="$from"
while [[ ! "$month" > "$to" ]]; do
  for dataset in participation contributions benefits; do
    if [[ -d "$staged/$dataset/$month" ]]; then
      mkdir -p "$landing/$dataset"
      cp -r "$staged/$dataset/$month" "$landing/$dataset/"
    fi
  done
  started="$(now)"
  "$pipeline" nightly --landing "$landing" --warehouse "$warehouse" \
    >"$work/nightly-$month.out" 2>"$work/nightly-$month.log" || {
    tail -20 "$work/nightly-$month.log" >&2
    echo "bench: nightly $month failed" >&2
    exit 1
  }
  seconds="$(echo "$(now) - $started" | bc)"
  night_seconds+=("$seconds")
  nights=$((nights + 1))
  printf 'bench: night %2d (%s) %6.1f s\n' "$nights" "$month" "$seconds" >&2
  month="$(date -d "$month-01 +1 month" +%Y-%m)"
done

# Per table: live files (replay of the JSON commits: the checkpoints summarise the same actions),
# data files on storage, log commits, last checkpoint version.
table_stats() {
  python3 - "$warehouse" <<'EOF'
import json, os, sys
warehouse = sys.argv[1]
for table in sorted(os.listdir(warehouse)):
    log = os.path.join(warehouse, table, "_delta_log")
    if not os.path.isdir(log):
        continue
    live = set()
    commits = sorted(f for f in os.listdir(log) if f.endswith(".json") and f[:20].isdigit())
    for commit in commits:
        with open(os.path.join(log, commit)) as actions:
            for line in actions:
                action = json.loads(line)
                if "add" in action:
                    live.add(action["add"]["path"])
                elif "remove" in action:
                    live.discard(action["remove"]["path"])
    stored = 0
    for folder, dirs, files in os.walk(os.path.join(warehouse, table)):
        dirs[:] = [d for d in dirs if d != "_delta_log"]
        stored += sum(1 for f in files if f.endswith(".parquet"))
    checkpoint = "-"
    last = os.path.join(log, "_last_checkpoint")
    if os.path.exists(last):
        with open(last) as f:
            checkpoint = str(json.load(f)["version"])
    print(f"{table}\t{len(live)}\t{stored}\t{len(commits)}\t{checkpoint}")
EOF
}

echo "bench: measuring before maintain" >&2
table_stats >"$work/before.tsv"
cp -a "$warehouse" "$work/warehouse-before"

echo "bench: maintain" >&2
started="$(now)"
"$pipeline" maintain --warehouse "$warehouse" >"$work/maintain.out" 2>"$work/maintain.log"
maintain_seconds="$(echo "$(now) - $started" | bc)"

echo "bench: measuring after maintain" >&2
table_stats >"$work/after.tsv"

echo "bench: read time, before and after (one Spark session)" >&2
read_time_ok=1
"$python" "$root/bench/read-time.py" "$work/warehouse-before" "$warehouse" "${READ_REPETITIONS:-7}" \
  >"$work/read-time.out" 2>"$work/read-time.log" || {
  read_time_ok=0
  tail -20 "$work/read-time.log" >&2
  echo "bench: read-time.py failed; the counts below stand (KEEP=1 to run it again alone)" >&2
}

printf 'maintain benchmark: %d nights (%s..%s, scale %s)\n' "$nights" "$from" "$to" "$scale"
printf '%s\n' "${night_seconds[@]}" | sort -n |
  awk '{a[NR] = $1; s += $1} END {printf "nights: %.0f s in all, median %.1f s, longest %.1f s\n", s, a[int((NR + 1) / 2)], a[NR]}'
printf 'maintain: %.1f s (wall, JVM start-up included)\n\n' "$maintain_seconds"
printf '%-28s %14s %16s %14s %10s\n' table "live files" "files on storage" "log commits" checkpoint
join -t $'\t' "$work/before.tsv" "$work/after.tsv" |
  awk -F'\t' '{printf "%-28s %6d -> %-5d %7d -> %-6d %6d -> %-5d %4s -> %s\n", $1, $2, $6, $3, $7, $4, $8, $5, $9;
               lb += $2; la += $6} END {printf "%-28s %6d -> %d\n", "all tables", lb, la}'
echo "maintain's own lines:"
cat "$work/maintain.out"
if [[ "$read_time_ok" == 1 ]]; then
  echo
  cat "$work/read-time.out"
fi
