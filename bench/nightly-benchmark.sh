#!/usr/bin/env bash
# Nightly benchmark (a script, not a test): on a fresh warehouse, times
#   1. a full nightly (everything new: ingest, transform and report of every month),
#   2. a no-op nightly (nothing new: compare the landing zone with ingest_log, write nothing but
#      the runs row),
#   3. a one-province re-delivery (participation, contributions and benefits of province 01 for
#      the sixth month, each one data row shorter),
# and prints the seconds of each (wall clock, JVM and Spark start-up included, and the run's own
# steps from runs.details) and the ratios no-op/full and re-delivery/full.
#
# Usage: bench/nightly-benchmark.sh [SCALE] [FROM] [TO]     (default: 0.01 2024-01 2025-12)
# Environment: BHXH_HMAC_KEY (a throwaway key is made when unset), PIPELINE_JAVA_OPTS, KEEP=1 to
# keep the work folder.
#
# Targets (issue 6): no-op < 20 s; re-delivery < 10 % of full. Run it on an otherwise idle machine,
# once: the figures are wall-clock times.
#
# Figures: see docs/nightly.md, "Measured".
set -euo pipefail

scale="${1:-0.01}"
from="${2:-2024-01}"
to="${3:-2025-12}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pipeline="$root/bin/pipeline"
work="$(mktemp -d "${TMPDIR:-/tmp}/nightly-bench.XXXXXX")"
if [[ "${KEEP:-0}" != 1 ]]; then
  trap 'rm -rf "$work"' EXIT
fi
landing="$work/landing"
warehouse="$work/warehouse"
# A throwaway key: the benchmark's keys are never compared with anything.
export BHXH_HMAC_KEY="${BHXH_HMAC_KEY:-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')}"

echo "bench: generating $from..$to at scale $scale into $landing" >&2
"$pipeline" generate --landing "$landing" --from "$from" --to "$to" --scale "$scale" --seed 1 >&2

# Runs a nightly, prints its summary, and echoes its wall-clock seconds.
nightly() {
  local label="$1" started ended
  started="$(date +%s.%N)"
  "$pipeline" --conf "pipeline.report-out=$work/reports" \
    nightly --landing "$landing" --warehouse "$warehouse" >"$work/$label.txt"
  ended="$(date +%s.%N)"
  echo "--- $label" >&2
  cat "$work/$label.txt" >&2
  echo "$ended - $started" | bc
}

full="$(nightly full)"
noop="$(nightly no-op)"

# The sixth month of the range: a month with later months in its year in the default range.
month="$(date -u -d "$from-01 +5 months" +%Y-%m)"
for dataset in participation contributions benefits; do
  file="$landing/$dataset/$month/01.csv"
  [[ -f "$file" ]] || file="$file.gz"
  if [[ "$file" == *.gz ]]; then
    gzip -dc "$file" | head -n -1 | gzip >"$file.new"
  else
    head -n -1 "$file" >"$file.new"
  fi
  mv "$file.new" "$file"
done
redelivery="$(nightly redelivery)"

"$pipeline" sql --warehouse "$warehouse" --format table \
  "SELECT details['files_loaded'] AS files, details['periods_recomputed'] AS periods,
          details['seconds_session'] AS session_s, details['seconds_compare'] AS compare_s,
          details['seconds_ingest'] AS ingest_s, details['seconds_plan'] AS plan_s, details['seconds_transform'] AS transform_s,
          details['seconds_report'] AS report_s
   FROM runs WHERE command = 'nightly' ORDER BY started_at" >&2

printf 'scale %s, %s..%s\n' "$scale" "$from" "$to"
printf 'full nightly:        %8.1f s\n' "$full"
printf 'no-op nightly:       %8.1f s   (%.1f %% of full; target < 20 s)\n' "$noop" \
  "$(echo "100 * $noop / $full" | bc -l)"
printf 'one-province %s: %8.1f s   (%.1f %% of full; target < 10 %%)\n' "$month" "$redelivery" \
  "$(echo "100 * $redelivery / $full" | bc -l)"
