#!/usr/bin/env bash
# Small-files benchmark (a script, not a test): the ingest's throughput on thousands of small files
# against a month of large ones. Three landing zones, ingested one after the other in each round,
# each into a fresh warehouse:
#   month  one month at scale 0.1 (2025-10): 102 files, 15.75 M rows, 815 MB;
#   small  96 months at scale 0.001 (2018-07..2026-06): 17,102 files of 45 KB on average,
#          14.1 M rows, 768 MB: the same volume as the month, in files the demo's size;
#   demo   the demo's landing zone (2024-07..2026-06 at scale 0.001): 3,494 files, 3.76 M rows.
# It prints each run's rows/s (in-run time, JVM start-up left out) and, for the medians, small and
# demo as a share of month. `small` against `month` measures what files cost (same rows, 170 times
# the files); `demo` against `month` adds what a run costs whatever its size (the session, the JIT
# compilers, the commits), which weighs four times as much on the demo's quarter of the rows.
#
# Usage: bench/small-files-benchmark.sh
# Environment: ROUNDS (default 3); MONTH, SMALL, DEMO: existing landing zones to use instead of
# generating them; BHXH_HMAC_KEY (a throwaway key is made when unset); KEEP=1 keeps the work folder.
#
# Run it on an otherwise idle machine: the figures are wall-clock times.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pipeline="$root/bin/pipeline"
rounds="${ROUNDS:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/small-files-bench.XXXXXX")"
if [[ "${KEEP:-0}" != 1 ]]; then
  trap 'rm -rf "$work"' EXIT
fi
export BHXH_HMAC_KEY="${BHXH_HMAC_KEY:-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')}"

# landing NAME GIVEN FROM TO SCALE SEED: the landing zone to use, generated unless given.
landing() {
  local name="$1" given="$2"
  if [[ -n "$given" ]]; then
    [[ -d "$given" ]] || {
      echo "bench: landing folder $given does not exist" >&2
      exit 2
    }
    echo "$given"
    return
  fi
  echo "bench: generating $name ($3..$4 at scale $5)" >&2
  "$pipeline" generate --landing "$work/$name" --from "$3" --to "$4" --scale "$5" --seed "$6" \
    >/dev/null 2>"$work/generate.log" || {
    tail -20 "$work/generate.log" >&2
    exit 1
  }
  echo "$work/$name"
}
declare -A zone
zone[month]="$(landing month "${MONTH:-}" 2025-10 2025-10 0.1 3)"
zone[small]="$(landing small "${SMALL:-}" 2018-07 2026-06 0.001 1)"
zone[demo]="$(landing demo "${DEMO:-}" 2024-07 2026-06 0.001 1)"
names=(month small demo)

# One ingest into a fresh warehouse; prints the rows/s the run reports.
ingest() {
  rm -rf "$work/warehouse"
  "$pipeline" --conf pipeline.spark.ui-enabled=false \
    ingest --landing "$1" --warehouse "$work/warehouse" >"$work/out.txt" 2>"$work/log.txt" || {
    tail -20 "$work/log.txt" >&2
    echo "bench: ingest of $1 failed (log above)" >&2
    exit 1
  }
  sed -n 's/.*; \([0-9,]*\) rows\/s$/\1/p' "$work/out.txt" | tr -d ,
}

for name in "${names[@]}"; do
  files="$(find "${zone[$name]}" -type f \( -name '*.csv' -o -name '*.csv.gz' \) | wc -l)"
  echo "bench: $name: $files files, $(du -sm "${zone[$name]}" | cut -f1) MiB" >&2
done
echo "bench: warming up…" >&2
ingest "${zone[demo]}" >/dev/null

declare -A rates
for ((round = 1; round <= rounds; round++)); do
  line="bench: round $round:"
  for name in "${names[@]}"; do
    rate="$(ingest "${zone[$name]}")"
    rates[$name]+="$rate "
    line+=" $name $rate rows/s"
  done
  echo "$line" >&2
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# shellcheck disable=SC2086 # each list of rates is meant to split
month="$(median ${rates[month]})"
printf 'ingest throughput, medians of %d rounds (rows/s, in-run time)\n' "$rounds"
for name in "${names[@]}"; do
  # shellcheck disable=SC2086
  rate="$(median ${rates[$name]})"
  printf '  %-6s %10.0f rows/s   %.2f of month\n' "$name" "$rate" "$(echo "$rate / $month" | bc -l)"
done
