#!/usr/bin/env bash
# Cores benchmark (a script, not a test): how much faster one large file is ingested with two cores
# than with one. The file is the province's largest monthly file (its participation file), in a
# landing zone of its own with the reference files beside it; each round ingests it into a fresh
# warehouse three ways, one after the other:
#   1 CPU     local[1] in a JVM pinned to one CPU (taskset): a one-core machine, where the JIT
#             compilers, the collector and the driver share the task's core;
#   local[1]  one task thread in a JVM that may use every CPU (the others run the JIT compilers,
#             the collector and the driver beside the task);
#   local[2]  two task threads.
# and prints each run's in-run seconds (JVM start-up left out) and the ratios of the medians.
#
# Usage: bench/cores-benchmark.sh LANDING_DIR [PROVINCE]
#   LANDING_DIR  a landing zone with a large province, e.g. a scale-1 month:
#                `bin/pipeline generate --landing DIR --from 2025-10 --to 2025-10 --scale 1 --seed 3`
#                (8 GB; HCMC's participation file is 0.9 GB, 17.8 M rows)
#   PROVINCE     the province whose largest file is ingested (default 79, Ho Chi Minh City)
# Environment: ROUNDS (default 3), BHXH_HMAC_KEY (a throwaway key is made when unset),
#   ALL_TABLES=1 to ingest all of the province's files instead (three tables, as rounds before the
#   sixteenth round of docs/performance.md measured).
#
# Run it on an otherwise idle machine of two or more CPUs: the figures are wall-clock times.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pipeline="$root/bin/pipeline"
landing="${1:?usage: bench/cores-benchmark.sh LANDING_DIR [PROVINCE]}"
province="${2:-79}"
rounds="${ROUNDS:-3}"
if [[ ! -d "$landing" ]]; then
  echo "bench: landing folder $landing does not exist" >&2
  exit 2
fi
if [[ "$(nproc)" -lt 2 ]]; then
  echo "bench: this machine has one CPU; the benchmark compares one with two" >&2
  exit 2
fi
pin=()
if command -v taskset >/dev/null; then
  pin=(taskset -c 0)
else
  echo "bench: taskset not found (util-linux): the one-CPU runs are left out" >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/cores-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [[ "${ALL_TABLES:-0}" != 1 ]]; then
  largest="$(find "$landing" -mindepth 3 -maxdepth 3 -path "*/[0-9][0-9][0-9][0-9]-[0-9][0-9]/$province.csv" \
    -printf '%s %P\n' | sort -n | tail -1 | cut -d' ' -f2-)"
  if [[ -z "$largest" ]]; then
    echo "bench: no uncompressed file of province $province in $landing" >&2
    exit 2
  fi
  mkdir -p "$work/landing/$(dirname "$largest")"
  ln -s "$(cd "$landing" && pwd)/$largest" "$work/landing/$largest"
  if [[ -d "$landing/reference" ]]; then
    ln -s "$(cd "$landing" && pwd)/reference" "$work/landing/reference"
  fi
  echo "bench: one file, $largest ($(du -Lh "$work/landing/$largest" | cut -f1))" >&2
  landing="$work/landing"
fi
export BHXH_HMAC_KEY="${BHXH_HMAC_KEY:-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')}"

# One ingest of the province into a fresh warehouse; prints the run's own seconds.
ingest() {
  local threads="$1"
  shift
  rm -rf "$work/warehouse"
  "$@" "$pipeline" --conf "pipeline.spark.master=local[$threads]" \
    --conf pipeline.spark.ui-enabled=false \
    ingest --landing "$landing" --warehouse "$work/warehouse" --province "$province" \
    >"$work/out.txt" 2>"$work/log.txt" || {
    tail -20 "$work/log.txt" >&2
    echo "bench: ingest failed (log above)" >&2
    exit 1
  }
  sed -n 's/.*time: \([0-9.]*\) s total.*/\1/p' "$work/out.txt"
}

# A first run records the JVM's class archive (bin/pipeline) and warms the page cache.
echo "bench: warming up (province $province of $landing)…" >&2
ingest 2 >/dev/null
rows="$(sed -n 's/.*rows: \([0-9,]*\) read.*/\1/p' "$work/out.txt")"
echo "bench: $rows rows, $rounds rounds" >&2

one=()
single=()
two=()
for ((round = 1; round <= rounds; round++)); do
  pinned="n/a"
  if [[ ${#pin[@]} -gt 0 ]]; then
    pinned="$(ingest 1 "${pin[@]}")"
    one+=("$pinned")
  fi
  single+=("$(ingest 1)")
  two+=("$(ingest 2)")
  echo "bench: round $round: one CPU $pinned s, local[1] ${single[round - 1]} s," \
    "local[2] ${two[round - 1]} s" >&2
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
m2="$(median "${two[@]}")"
m1="$(median "${single[@]}")"
printf 'province %s (%s), %s rows, medians of %d rounds (in-run seconds)\n' "$province" \
  "${largest:-all its files}" "$rows" "$rounds"
printf '  local[2]                 %7.1f s\n' "$m2"
printf '  local[1]                 %7.1f s   %.2fx the time of local[2]\n' "$m1" \
  "$(echo "$m1 / $m2" | bc -l)"
if [[ ${#one[@]} -gt 0 ]]; then
  m0="$(median "${one[@]}")"
  printf '  local[1] on one CPU      %7.1f s   %.2fx the time of local[2]\n' "$m0" \
    "$(echo "$m0 / $m2" | bc -l)"
fi
