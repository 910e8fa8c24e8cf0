#!/usr/bin/env bash
# Ingest benchmark (a script, not a test): ingests 12 months of synthetic landing files at scale
# 0.01 into a fresh warehouse and prints rows, seconds, rows/s and the time split (parse,
# validate, write) that the run recorded in the runs table.
#
# Usage: bench/ingest-benchmark.sh [LANDING_DIR]
#   LANDING_DIR  an existing landing zone to ingest; without it, one is generated with
#                `bin/pipeline generate --from 2024-01 --to 2024-12 --scale 0.01 --seed 1`.
# Environment: BHXH_HMAC_KEY (a throwaway key is made when unset), PIPELINE_JAVA_OPTS, KEEP=1 to
# keep the work folder.
#
# Run it on an otherwise idle machine, once: the figures are wall-clock times.
#
# First figure (2026-11-22, a 2-core machine shared with four other builds, load average ≈ 15;
# 12 months × 63 provinces of a throwaway generator at scale 0.01 since `generate` was not merged:
# 2,270 files, 721 MiB, 14.77 M rows, all valid): 968 s in the run = 15,250 rows/s;
# read+validate 532 s wall (task time: parse 107 s, validate 444 s), write 381 s wall.
# Second figure (2026-11-22, `generate --scale 0.01 --seed 1` 2024-01..12: 2,270 files, 957 MiB,
# 18,428,502 rows; load average 4-6): 633.4 s = 29,092 rows/s; read+validate 321.0 s wall (task
# time: parse 68.6 s, validate 260.9 s), write 288.7 s; per batch a fixed cost of about 5-15 s
# (a 10-file tail batch took 14.8 s), which even batches now avoid.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pipeline="$root/bin/pipeline"
work="$(mktemp -d "${TMPDIR:-/tmp}/ingest-bench.XXXXXX")"
if [[ "${KEEP:-0}" != 1 ]]; then
  trap 'rm -rf "$work"' EXIT
fi

landing="${1:-}"
if [[ -z "$landing" ]]; then
  landing="$work/landing"
  echo "bench: generating 2024-01..2024-12 at scale 0.01 into $landing" >&2
  "$pipeline" generate --landing "$landing" --from 2024-01 --to 2024-12 --scale 0.01 --seed 1 >&2
fi
if [[ ! -d "$landing" ]]; then
  echo "bench: landing folder $landing does not exist" >&2
  exit 2
fi

# A throwaway key: the benchmark's keys are never compared with anything.
export BHXH_HMAC_KEY="${BHXH_HMAC_KEY:-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')}"
warehouse="$work/warehouse"
landing_bytes="$(du -sb "$landing" | cut -f1)"
files="$(find "$landing" -type f \( -name '*.csv' -o -name '*.csv.gz' \) | wc -l)"

echo "bench: ingesting $files files ($((landing_bytes / 1024 / 1024)) MiB) from $landing" >&2
started="$(date +%s.%N)"
"$pipeline" ingest --landing "$landing" --warehouse "$warehouse" >"$work/summary.txt"
ended="$(date +%s.%N)"
cat "$work/summary.txt"

# The run's own figures (runs.details), then the wall time including JVM and Spark start-up.
"$pipeline" sql --warehouse "$warehouse" --format csv \
  "SELECT rows_read, rows_written, rows_quarantined,
          details['total_seconds'] AS total_s,
          details['read_validate_seconds'] AS read_validate_s,
          details['parse_task_seconds'] AS parse_task_s,
          details['validate_task_seconds'] AS validate_task_s,
          details['write_seconds'] AS write_s,
          details['rows_per_second'] AS rows_per_s,
          details['file_task_seconds'] AS file_task_s
   FROM runs WHERE command = 'ingest' ORDER BY started_at DESC LIMIT 1" >"$work/figures.csv"

awk -F, -v wall="$(echo "$ended - $started" | bc)" -v bytes="$landing_bytes" '
  NR == 2 {
    printf "rows read          %d (%d accepted, %d quarantined)\n", $1, $2, $3
    printf "landing            %.1f MiB\n", bytes / 1048576
    printf "ingest (in run)    %.1f s  = %.0f rows/s\n", $4, $9
    printf "  read+validate    %.1f s wall (task time: parse %.1f s, validate %.1f s; whole file tasks %.1f s)\n", $5, $6, $7, $10
    printf "  write            %.1f s wall\n", $8
    printf "process wall time  %.1f s (with JVM and Spark start-up) = %.0f rows/s\n", wall, $1 / wall
  }' "$work/figures.csv"
