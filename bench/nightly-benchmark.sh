#!/usr/bin/env bash
# Nightly benchmark (a script, not a test): on a fresh warehouse, times
#   1. a full nightly (everything new: ingest, transform and report of every month),
#   2. a no-op nightly (nothing new: compare the landing zone with ingest_log, write nothing but
#      the runs row),
#   3. a one-province re-delivery (participation, contributions and benefits of province 01 for
#      the sixth month, each one data row shorter),
#   4. the same in a driver that stays up (`nightly --watch`): a watch whose first pass is a no-op
#      (cold, like 2.), then WATCH_REDELIVERIES more provinces re-delivered one after another, each
#      picked up by the next pass, then a no-op pass; the first re-delivery warms the JVM up, the
#      median of the others is the steady state of a watch that has been running,
# and prints the seconds of each (wall clock, JVM and Spark start-up included, and the run's own
# steps from runs.details; a watch pass as the watch reports it) and the ratios to the full run.
#
# Usage: bench/nightly-benchmark.sh [SCALE] [FROM] [TO]     (default: 0.01 2024-01 2025-12)
# Environment: BHXH_HMAC_KEY (a throwaway key is made when unset), PIPELINE_JAVA_OPTS, KEEP=1 to
# keep the work folder, WATCH_REDELIVERIES (default 5; 0 skips step 4).
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
# Re-delivers a province's three files of $month, each one data row shorter.
redeliver() {
  local province="$1" dataset file
  for dataset in participation contributions benefits; do
    file="$landing/$dataset/$month/$province.csv"
    [[ -f "$file" ]] || file="$file.gz"
    if [[ "$file" == *.gz ]]; then
      gzip -dc "$file" | head -n -1 | gzip >"$file.new"
    else
      head -n -1 "$file" >"$file.new"
    fi
    mv "$file.new" "$file"
  done
}

redeliver 01
redelivery="$(nightly redelivery)"

# 4. A watch. A re-delivery is made right after a pass ends; when the next pass would start
# within 3 s (it could see only some of the three files), that pass runs first.
watch_passes=()
watch_count="${WATCH_REDELIVERIES:-5}"
if ((watch_count > 0)); then
  watch_err="$work/watch.err"
  "$pipeline" --conf "pipeline.report-out=$work/reports" \
    nightly --landing "$landing" --warehouse "$warehouse" --watch 20s >"$work/watch.txt" 2>"$watch_err" &
  watcher=$!
  passes_seen=0
  # Waits until the watch has reported pass $1; sets pass_seconds and next_start (epoch seconds).
  wait_pass() {
    local line
    until (($(grep -c -- '--watch: pass ' "$watch_err" || true) >= $1)); do
      kill -0 "$watcher" 2>/dev/null || { echo "bench: the watch stopped; see $watch_err" >&2; exit 1; }
      sleep 0.5
    done
    passes_seen="$1"
    line="$(grep -- '--watch: pass ' "$watch_err" | sed -n "$1p")"
    pass_seconds="$(sed 's/.* in \([0-9.]*\) s.*/\1/' <<<"$line")"
    next_start="$(date -u -d "$(sed 's/.*next pass at //' <<<"$line")" +%s)"
  }
  wait_pass 1
  watch_passes+=("$pass_seconds")
  mapfile -t provinces < <(ls "$landing/participation/$month" | sed 's/\..*//' | grep -v '^01$' | head -n "$watch_count")
  for province in "${provinces[@]}"; do
    if ((next_start - $(date +%s) < 3)); then
      wait_pass $((passes_seen + 1))
    fi
    redeliver "$province"
    wait_pass $((passes_seen + 1))
    watch_passes+=("$pass_seconds")
  done
  wait_pass $((passes_seen + 1))
  watch_passes+=("$pass_seconds")
  kill -TERM "$watcher"
  wait "$watcher" || true # 143: stopped by the signal, between passes
  echo "--- watch" >&2
  cat "$work/watch.txt" >&2
  grep -- '--watch: ' "$watch_err" >&2
fi

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
if ((watch_count > 0)); then
  printf 'watch, first pass (no-op, cold):  %8.1f s\n' "${watch_passes[0]}"
  for ((i = 1; i <= watch_count; i++)); do
    printf 'watch, re-delivery %d (%s):     %8.1f s   (%.1f %% of full; target < 10 %%)\n' "$i" \
      "${provinces[$((i - 1))]}" "${watch_passes[$i]}" "$(echo "100 * ${watch_passes[$i]} / $full" | bc -l)"
  done
  printf 'watch, last pass (no-op, warm):   %8.1f s\n' "${watch_passes[$((watch_count + 1))]}"
  if ((watch_count > 1)); then
    steady="$(printf '%s\n' "${watch_passes[@]:2:$((watch_count - 1))}" | sort -g |
      awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')"
    printf 'watch, re-delivery, steady state (median of 2..%d): %.1f s   (%.1f %% of full; target < 10 %%)\n' \
      "$watch_count" "$steady" "$(echo "100 * $steady / $full" | bc -l)"
  fi
fi
