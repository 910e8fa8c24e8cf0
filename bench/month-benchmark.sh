#!/usr/bin/env bash
# Month benchmark (a script, not a test; issue 16): one month of synthetic landing files through
# our ingest, transform and report on a fresh warehouse, then DuckDB doing the same ingest and the
# same base roll-up on the same files, in the same run on the same machine. Prints each stage's
# seconds, rows/s and the ratios ours/DuckDB.
#
# Usage: bench/month-benchmark.sh [SCALE]        SCALE defaults to 0.1 (15.75M rows, ~815 MB)
#   1. `bin/pipeline generate --from 2025-10 --to 2025-10 --scale SCALE --seed 3` (not timed;
#      rows and MiB per dataset are printed);
#   2. `ingest`, `transform`, `report` on a fresh warehouse, each timed twice: the wall time of the
#      command (JVM and Spark start-up included) and the time the run recorded in the `runs` table
#      (ended_at - started_at), with ingest's time split from runs.details;
#   3. bench/month_duckdb.py (DuckDB 2.0.0 from PyPI, in a throwaway venv in the work folder): a
#      typed CSV read of the same landing files, the contract's row checks as SQL predicates,
#      duplicates within a file, SHA-256(key || ID) of every ID kept as a BIGINT, accepted rows to
#      Parquet partitioned by period, rejected rows counted; then the catalogue's base measures
#      (distinct persons and payers, counts, sums) per province, region and nation over that Parquet.
# Environment:
#   THREADS=N      cores for both engines: Spark local[N] (pipeline.spark.master) and DuckDB threads
#                  (default 2)
#   LANDING=DIR    ingest an existing landing zone instead of generating one (SCALE is then unused)
#   KEEP=1         keep the work folder (landing, warehouse, DuckDB output, venv) and print it
#   SKIP_DUCKDB=1  our stages only, no ratios
#   VENV=DIR       a venv with duckdb==2.0.0 to use or create (default: one in the work folder)
#   BHXH_HMAC_KEY  the pseudonymisation key (a throwaway key is made when unset), PIPELINE_JAVA_OPTS
#
# How to read it: the ratios compare the in-run times (the runs table for ours, the time around
# the SQL for DuckDB), so JVM start-up and exit (the "start-up" column: wall - in run) are left out
# of both sides; the Spark session's creation is inside ours (the run starts just before it).
# `transform` is our whole transform (base roll-up, ratios, YTD, YoY, targets, completeness, both
# boundaries, Delta commit) against DuckDB's base roll-up alone, as in issue 16's table. Where
# DuckDB does less: it quarantines nothing (rejected rows are only counted, no line numbers or
# reasons), writes plain Parquet (no Delta log, ingest_log, runs, reference tables), reads only
# `.csv` files, does not NFC-normalise text, and a ragged or unreadable file fails its read instead
# of being rejected alone. Run it once on an otherwise idle machine: the figures are wall-clock
# times and move with the load.
#
# Figures (2026-12-04, scale 0.1 with LANDING = one generated month, quiet 2-core machine; the
# whole table and the time split are in docs/performance.md):
#   before (57abda4): ingest 110.7 s (142,243 rows/s), transform 59.0 s; DuckDB ingest 29.8 s,
#     roll-up 10.8 s: ingest 3.71x, transform vs roll-up 5.45x, ingest+transform 4.17x.
#   after (3694f0f, ranges + per-row costs): ingest 72.3 s (217,828 rows/s), transform 64.8 s (five
#     more indicators and the validation checks); DuckDB 27.0 s and 10.3 s: ingest 2.67x,
#     transform vs roll-up 6.30x, ingest+transform 3.67x.
#   second round, same afternoon: aaa5e4e ingest 65.4 s, transform 60.4 s (DuckDB 29.2 s, 10.0 s:
#     2.24x, 6.02x, e2e 3.21x); 9becf74 (one-pass distinct roll-up) ingest 71.3 s, transform
#     37.7 s (DuckDB 22.4 s, 8.9 s: 3.18x, 4.23x, e2e 3.48x).
#   twelfth round (2026-12-05, e680d41): ingest 31.2 s (504,082 rows/s), transform 16.3 s; DuckDB
#     25.0 s and 9.0 s: ingest 1.25x, transform vs roll-up 1.82x, ingest+transform 1.40x.
#   latest (2026-12-05 night, 86c88ea: key shuffle in blocks, JIT directives): ingest 26.3 s
#     (597,844 rows/s), transform 12.3 s; DuckDB 24.6 s and 8.6 s: ingest 1.07x, transform vs
#     roll-up 1.44x, ingest+transform 1.16x (again: 1.16x, 1.39x, 1.22x; 20d0684 between them:
#     1.24x, 1.75x, 1.37x).
# The same "before" run at a load average of 12 took 485.7 s: run it on an idle machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pipeline="$root/bin/pipeline"
scale="${1:-0.1}"
threads="${THREADS:-2}"
work="$(mktemp -d "${TMPDIR:-/tmp}/month-bench.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "bench: work folder $work (kept)" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }

# The jobs jar (bin/pipeline builds it when missing or older than the sources), outside any timing.
"$pipeline" --version >/dev/null

# 1. One month of landing files.
landing="${LANDING:-}"
if [[ -z "$landing" ]]; then
  landing="$work/landing"
  echo "bench: generating 2025-10 at scale $scale (seed 3) into $landing" >&2
  "$pipeline" generate --landing "$landing" --from 2025-10 --to 2025-10 --scale "$scale" --seed 3 \
    2>"$work/generate.log"
fi
if [[ ! -d "$landing" ]]; then
  echo "bench: landing folder $landing does not exist" >&2
  exit 2
fi
landing="$(cd "$landing" && pwd)"

echo "landing $landing"
total_rows=0
for dataset in participation contributions benefits; do
  files=0 rows=0 bytes=0
  while IFS= read -r -d '' file; do
    files=$((files + 1))
    bytes=$((bytes + $(stat -c %s "$file")))
    if [[ "$file" == *.gz ]]; then lines=$(gzip -dc "$file" | wc -l); else lines=$(wc -l <"$file"); fi
    rows=$((rows + lines - 1))
  done < <(find "$landing/$dataset" -type f \( -name '*.csv' -o -name '*.csv.gz' \) -print0 2>/dev/null)
  total_rows=$((total_rows + rows))
  printf '  %-14s %4d files %12d rows %9.1f MiB\n' "$dataset" "$files" "$rows" \
    "$(echo "$bytes / 1048576" | bc -l)"
done
printf '  %-14s %23d rows %9.1f MiB (all files)\n' "total" "$total_rows" \
  "$(echo "$(du -sb "$landing" | cut -f1) / 1048576" | bc -l)"

# 2. Ours: ingest, transform, report on a fresh warehouse, local[THREADS], no Spark UI.
export BHXH_HMAC_KEY="${BHXH_HMAC_KEY:-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')}"
warehouse="$work/warehouse"
spark=(--conf "pipeline.spark.master=local[$threads]" --conf pipeline.spark.ui-enabled=false)
declare -A wall
run() {
  local stage="$1"
  shift
  echo "bench: $stage…" >&2
  local started
  started="$(now)"
  "$pipeline" "${spark[@]}" "$stage" "$@" >"$work/$stage.out" 2>"$work/$stage.log" || {
    tail -20 "$work/$stage.log" >&2
    echo "bench: $stage failed (log above)" >&2
    exit 1
  }
  wall[$stage]="$(elapsed "$started")"
}
run ingest --landing "$landing" --warehouse "$warehouse"
run transform --warehouse "$warehouse"
run report --warehouse "$warehouse" --out "$work/reports"

"$pipeline" "${spark[@]}" sql --warehouse "$warehouse" --format csv \
  "SELECT command, rows_read, rows_written, rows_quarantined,
          (unix_micros(ended_at) - unix_micros(started_at)) / 1e6 AS seconds,
          coalesce(details['read_validate_seconds'], '') AS read_validate_s,
          coalesce(details['parse_task_seconds'], '') AS parse_task_s,
          coalesce(details['validate_task_seconds'], '') AS validate_task_s,
          coalesce(details['write_seconds'], '') AS write_s,
          (SELECT count(*) FROM participation) + (SELECT count(*) FROM contributions)
            + (SELECT count(*) FROM benefits) AS silver_rows
   FROM runs ORDER BY started_at" >"$work/runs.csv" 2>"$work/sql.log"

# 3. DuckDB: the same ingest and roll-up.
duck=""
if [[ "${SKIP_DUCKDB:-0}" != 1 ]]; then
  venv="${VENV:-$work/venv}"
  if ! "$venv/bin/python" -c 'import duckdb, sys; sys.exit(duckdb.__version__ != "2.0.0")' 2>/dev/null
  then
    echo "bench: installing duckdb==2.0.0 into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check duckdb==2.0.0 >&2
  fi
  echo "bench: DuckDB ingest and roll-up…" >&2
  mkdir -p "$work/duckdb"
  started="$(now)"
  "$venv/bin/python" "$root/bench/month_duckdb.py" "$landing" "$work/duckdb" \
    "$root/conf/geography" "$threads" >"$work/duckdb.out"
  duck_wall="$(elapsed "$started")"
  duck="$work/duckdb.out"
  echo "duckdb.wall_seconds=$duck_wall" >>"$duck"
fi

# 4. The figures.
echo
awk -F, -v threads="$threads" -v wi="${wall[ingest]}" -v wt="${wall[transform]}" \
  -v wr="${wall[report]}" -v duck="$duck" -v landing_rows="$total_rows" '
  function rate(rows, s) { return s > 0 ? sprintf("%12.0f", rows / s) : sprintf("%12s", "-") }
  function line(stage, rows, s, w, unit) {
    printf "%-22s %9.1f %9.1f %9.1f %s %s\n", stage, s, w, w - s, rate(rows, s), unit
  }
  NR > 1 { seconds[$1] = $5; read[$1] = $2; written[$1] = $3; quarantined[$1] = $4; silver = $10
           if ($1 == "ingest") { rv = $6; parse = $7; validate = $8; write = $9 } }
  END {
    while (duck != "" && (getline l < duck) > 0) { split(l, kv, "="); d[kv[1]] = kv[2] }
    printf "%-22s %9s %9s %9s %12s\n", "stage (ours, local[" threads "])", "in run s", "wall s",
      "start-up", "rows/s (in run)"
    line("ingest", read["ingest"], seconds["ingest"], wi, "rows read")
    line("transform", silver, seconds["transform"], wt, "silver rows")
    line("report", written["transform"], seconds["report"], wr, "indicator rows")
    line("ingest+transform", read["ingest"], seconds["ingest"] + seconds["transform"], wi + wt,
      "rows read")
    printf "ingest: %d rows read (with the reference files), %d accepted, %d quarantined; %d silver rows\n",
      read["ingest"], written["ingest"], quarantined["ingest"], silver
    printf "  time split (runs.details):"
    printf " read, validate and write files %s s wall (task time: parse %s s, validate %s s); commit %s s wall\n",
      rv, parse, validate, write
    printf "transform: %d indicator rows; report: %d rows written\n", written["transform"],
      written["report"]
    if (duck == "") { print "DuckDB skipped (SKIP_DUCKDB=1)"; exit }
    print ""
    printf "DuckDB %s, %d threads (process wall %.1f s, venv set-up excluded)\n",
      d["duckdb.version"], threads, d["duckdb.wall_seconds"]
    printf "  ingest    %7.1f s %12.0f rows/s  (read+validate %.1f s, write %.1f s; %d rows read, %d accepted, %d rejected)\n",
      d["ingest.seconds"], d["ingest.rows_read"] / d["ingest.seconds"],
      d["ingest.read_validate_seconds"], d["ingest.write_seconds"], d["ingest.rows_read"],
      d["ingest.rows_accepted"], d["ingest.rows_rejected"]
    printf "  roll-up   %7.1f s %12.0f rows/s  (%d silver rows, %d period x territory groups)\n",
      d["rollup.seconds"], d["rollup.silver_rows"] / d["rollup.seconds"], d["rollup.silver_rows"],
      d["rollup.groups"]
    e2e = d["ingest.seconds"] + d["rollup.seconds"]
    printf "  ingest+roll-up %2.1f s %9.0f rows/s\n", e2e, d["ingest.rows_read"] / e2e
    # Our rows read include the reference files (population, targets); DuckDB reads the datasets.
    if (d["ingest.rows_read"] != landing_rows || d["ingest.rows_accepted"] != silver)
      print "  WARNING: DuckDB and ours disagree on rows read or accepted"
    print ""
    print "ratio ours/DuckDB (in-run times)"
    printf "  ingest                    %5.2fx\n", seconds["ingest"] / d["ingest.seconds"]
    printf "  transform vs roll-up      %5.2fx\n", seconds["transform"] / d["rollup.seconds"]
    printf "  ingest+transform (e2e)    %5.2fx\n", (seconds["ingest"] + seconds["transform"]) / e2e
  }' "$work/runs.csv"
