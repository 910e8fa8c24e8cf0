"""Read time of two copies of a warehouse (before and after `maintain`) in one Spark session.

Usage: "$(bin/python-env python)" bench/read-time.py BEFORE AFTER [REPETITIONS]   (default 7)

bench/maintain-benchmark.sh calls it on its work folder (a copy taken before `maintain`, and the
warehouse after). One JVM and one session for all reads, so start-up is not counted. Each read
starts cold for Delta: the cached DeltaLogs and their snapshots are dropped first, so it pays for
listing the log, reading the checkpoint and replaying the JSON commits after it (what `maintain`'s
checkpoint shortens), then plans and runs the query. The files themselves are in the OS page cache
after the warm-up round: what is compared is the work Spark and Delta do, not the disk.

Reads, each on a fresh `spark.read.format("delta").load(path)`:
  - every table: `count(*), sum(hash(*))` over all its rows, which opens every live file and every
    column (a bare count(*) could be answered from Delta's statistics);
  - three analyst queries: a province's scorecard for the latest month (notebook 02), the national
    ranking of the latest month joined with its regions' summaries, and deliveries per month,
    dataset and region from ingest_log (notebook 04).
Rounds: one warm-up (not counted), then REPETITIONS rounds; in each, every read is done on both
copies back to back, the copy that goes first alternating from round to round. Printed: the median
per read for each copy, and the sum of the medians. The results of the two copies are compared and
must be equal (same rows, same hash sum): `maintain` does not change data, except in `runs`, where
it logs its own row.
"""

import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "notebooks"))
import bhxh_tables  # noqa: E402  (the notebooks' session: Delta, UTC, few shuffle partitions)

# Tables `maintain` writes rows to: runs (its own row). Their results are not compared.
WRITTEN_BY_MAINTAIN = {"runs"}

# Analyst queries: name -> (tables as temporary views, SQL).
QUERIES = {
    "query: province 79 scorecard, latest month": (
        ["indicators", "geography"],
        """
        SELECT period, geo_level, geo_code, indicator, value, target, attainment_pct
        FROM indicators
        WHERE boundary = 'current' AND period = (SELECT max(period) FROM indicators)
          AND ((geo_level = 'province' AND geo_code = '79')
            OR (geo_level = 'region' AND geo_code = (SELECT region_code FROM geography
                                                     WHERE version = 'p34' AND province_code = '79'))
            OR geo_level = 'nation')
        """,
    ),
    "query: national ranking + regions, latest month": (
        ["report_province_scorecard", "report_region_summary"],
        """
        SELECT s.province_code, s.province_name, s.region_name, s.si_participants_attainment_pct,
               s.rank_in_nation, r.si_participants_attainment_pct AS region_attainment_pct
        FROM report_province_scorecard s
        JOIN report_region_summary r USING (period, boundary, region_code)
        WHERE s.boundary = 'current'
          AND s.period = (SELECT max(period) FROM report_province_scorecard)
        """,
    ),
    "query: deliveries by month, dataset, region": (
        ["ingest_log", "geography"],
        """
        SELECT l.period, l.dataset, g.region_name, count(*) AS files,
               count_if(l.status = 'LOADED') AS loaded, sum(l.rows_quarantined) AS quarantined
        FROM ingest_log l
        LEFT JOIN (SELECT province_code, region_name FROM geography WHERE version = 'p63') g
          ON l.province_code = g.province_code
        GROUP BY l.period, l.dataset, g.region_name
        """,
    ),
}


def cold(spark, delta_log):
    """Forgets what Delta and Spark cached about any table: the next read lists and replays the log."""
    spark.catalog.clearCache()
    delta_log.clearCache()
    # Snapshots persist their reconstructed state as RDDs outside Spark's CacheManager.
    for rdd in spark.sparkContext._jsc.getPersistentRDDs().values():
        rdd.unpersist(True)


def scan(spark, warehouse, table):
    frame = spark.read.format("delta").load(bhxh_tables.table_path(warehouse, table))
    return frame.selectExpr("count(*) AS n", "sum(hash(*)) AS h").collect()


def query(spark, warehouse, tables, sql):
    for table in tables:
        spark.read.format("delta").load(bhxh_tables.table_path(warehouse, table)).createOrReplaceTempView(table)
    return sorted(spark.sql(sql).collect(), key=lambda row: tuple(str(value) for value in row))


def timed(spark, delta_log, read):
    cold(spark, delta_log)
    started = time.perf_counter()
    result = read()
    return time.perf_counter() - started, result


def main(argv):
    if len(argv) not in (3, 4):
        sys.exit(__doc__.split("\n\n")[1])
    copies = {"before": argv[1], "after": argv[2]}
    repetitions = int(argv[3]) if len(argv) == 4 else 7
    with contextlib.redirect_stdout(sys.stderr):
        spark = bhxh_tables.session(copies["after"], app_name="maintain benchmark: read time", master="local[*]")
    # hash(*) over tables with map columns (Spark refuses to hash maps by default; only the sum is used).
    spark.conf.set("spark.sql.legacy.allowHashOnMapType", "true")
    # Resolved once: py4j looks a dotted name up segment by segment on the classpath, seconds each time.
    delta_log = spark.sparkContext._jvm.org.apache.spark.sql.delta.DeltaLog
    tables = bhxh_tables.tables(spark, copies["after"])
    if tables != bhxh_tables.tables(spark, copies["before"]):
        sys.exit("read-time: the two warehouses hold different tables")
    reads = {table: (lambda w, t=table: scan(spark, w, t)) for table in tables}
    for name, (views, sql) in QUERIES.items():
        if all(view in tables for view in views):
            reads[name] = lambda w, v=views, q=sql: query(spark, w, v, q)

    seconds = {name: {"before": [], "after": []} for name in reads}
    results = {}
    for round_number in range(repetitions + 1):
        order = ["before", "after"] if round_number % 2 == 0 else ["after", "before"]
        for name, read in reads.items():
            for copy in order:
                elapsed, result = timed(spark, delta_log, lambda: read(copies[copy]))
                if round_number == 0:
                    results[(name, copy)] = result
                else:
                    seconds[name][copy].append(elapsed)
        print(f"read-time: round {round_number} of {repetitions} done"
              + (" (warm-up)" if round_number == 0 else ""), file=sys.stderr, flush=True)
    spark.stop()

    differing = [name for name in reads if name not in WRITTEN_BY_MAINTAIN
                 and results[(name, "before")] != results[(name, "after")]]
    print(f"read time: median of {repetitions} interleaved repetitions after a warm-up, one Spark "
          f"session ({os.cpu_count()} cores), each read with Delta's caches cleared; seconds")
    print(f"{'read':<48} {'rows':>9} {'before':>8} {'after':>8} {'change':>8}")
    totals = {}
    for group, names in (("all table scans", tables), ("all queries", [n for n in reads if n not in tables])):
        for name in names:
            before, after = (statistics.median(seconds[name][copy]) for copy in ("before", "after"))
            rows = results[(name, "after")][0]["n"] if name in tables else len(results[(name, "after")])
            print(f"{name:<48} {rows:>9,} {before:>8.2f} {after:>8.2f} {100 * (after - before) / before:>+7.0f}%")
            totals.setdefault(group, [0.0, 0.0])
            totals[group][0] += before
            totals[group][1] += after
    for group, (before, after) in totals.items():
        print(f"{group + ' (sum of medians)':<48} {'':>9} {before:>8.2f} {after:>8.2f} "
              f"{100 * (after - before) / before:>+7.0f}%")
    # How much one read varies from repetition to repetition: the noise the changes stand against.
    spreads = [(max(times) - min(times)) / statistics.median(times)
               for name in reads for times in seconds[name].values()]
    print(f"spread of a read over the repetitions ((slowest - fastest) / median), median over all reads: "
          f"{100 * statistics.median(spreads):.0f}%")
    if differing:
        print("read-time: results differ between before and after: " + ", ".join(differing), file=sys.stderr)
        return 1
    print("results: identical before and after for every read but " + ", ".join(sorted(WRITTEN_BY_MAINTAIN)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
