"""DuckDB side of bench/month-benchmark.sh: the same ingest and base roll-up as the pipeline, in SQL.

Usage: python month_duckdb.py LANDING OUT GEOGRAPHY_DIR THREADS

Ingest, per dataset (participation, contributions, benefits), over every landing file of the dataset:
  1. read+validate: a typed CSV read (explicit type for every column, header matched by name) into
     a temporary table with one boolean per contract check (CONTRACT §1) and a duplicate flag
     (the same person+scheme / payer_type+payer_id / claim_id earlier in the same file);
  2. write: the first row of each duplicate key in a file kept, accepted rows to Parquet
     partitioned by period with every raw ID (person_id; payer_id, which the pipeline keys for
     every payer type) replaced by the first 8 bytes of SHA-256(key || ID) as a BIGINT; rejected
     rows are counted, not written.
Roll-up: the catalogue's base measures (conf/indicators.conf: distinct persons/payers, counts, sums)
per period and territory (province, region, nation: conf/geography) over the Parquet just written.

Prints `key=value` lines on stdout; the shell script formats them.
"""

import os
import sys
import time

import duckdb

LANDING, OUT, GEOGRAPHY, THREADS = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
# A throwaway key, like the shell script's BHXH_HMAC_KEY: the keys are never compared with anything.
KEY = os.environ.get("BHXH_HMAC_KEY", "benchmark-key")

ID = r"^([0-9]{10}|[0-9]{12})$"
SCHEMES = "('SI_COMPULSORY', 'SI_VOLUNTARY', 'UI', 'HI')"
HI_GROUPS = "('EMPLOYER', 'STATE_BUDGET', 'BUDGET_SUPPORTED', 'HOUSEHOLD', 'OTHER')"
REGIMES = (
    "('SICKNESS', 'MATERNITY', 'WORK_INJURY', 'OLD_AGE', 'SURVIVOR', 'UNEMPLOYMENT',"
    " 'HI_INPATIENT', 'HI_OUTPATIENT')"
)
SI_REGIMES = "('SICKNESS', 'MATERNITY', 'WORK_INJURY', 'OLD_AGE', 'SURVIVOR', 'UNEMPLOYMENT')"
# Integers are read as VARCHAR then TRY_CAST, so that a bad value rejects its row (as in the
# pipeline) instead of failing the read; codes and IDs stay text (leading zeros).
COMMON = {"period": "VARCHAR", "province_code": "VARCHAR"}
DATASETS = {
    "participation": {
        "types": {
            **COMMON,
            "district_code": "VARCHAR",
            "person_id": "VARCHAR",
            "scheme": "VARCHAR",
            "hi_group": "VARCHAR",
            "employer_id": "VARCHAR",
            "gender": "VARCHAR",
            "birth_year": "VARCHAR",
        },
        "typed": "TRY_CAST(birth_year AS INTEGER) AS birth_year_i",
        "checks": [
            f"regexp_full_match(coalesce(person_id, ''), '{ID}')",
            f"scheme IN {SCHEMES}",
            "district_code IS NULL OR regexp_full_match(district_code, '[0-9]{3}')",
            f"hi_group IS NULL OR hi_group IN {HI_GROUPS}",
            "scheme <> 'HI' OR hi_group IS NOT NULL",
            "scheme NOT IN ('SI_COMPULSORY', 'UI') OR employer_id IS NOT NULL",
            "gender IS NULL OR gender IN ('M', 'F')",
            "birth_year IS NULL OR (birth_year_i IS NOT NULL"
            " AND birth_year_i BETWEEN 1900 AND CAST(left(f_period, 4) AS INTEGER))",
        ],
        "duplicate": "person_id, scheme",
        "keys": {"person_key": "person_id"},
        "columns": "period, province_code, district_code, person_key, scheme, hi_group,"
        " employer_id, gender, birth_year_i AS birth_year",
    },
    "contributions": {
        "types": {
            **COMMON,
            "payer_id": "VARCHAR",
            "payer_type": "VARCHAR",
            "due_vnd": "VARCHAR",
            "paid_vnd": "VARCHAR",
            "arrears_vnd": "VARCHAR",
            "months_overdue": "VARCHAR",
            "e_transactions": "VARCHAR",
        },
        "typed": "TRY_CAST(due_vnd AS BIGINT) AS due_i, TRY_CAST(paid_vnd AS BIGINT) AS paid_i,"
        " TRY_CAST(arrears_vnd AS BIGINT) AS arrears_i,"
        " TRY_CAST(months_overdue AS INTEGER) AS overdue_i",
        "checks": [
            "payer_id IS NOT NULL",
            "payer_type IN ('EMPLOYER', 'INDIVIDUAL')",
            f"payer_type <> 'INDIVIDUAL' OR regexp_full_match(payer_id, '{ID}')",
            "due_i >= 0",
            "paid_i >= 0",
            "arrears_i >= 0",
            "overdue_i >= 0",
            "e_transactions IS NULL OR e_transactions IN ('Y', 'N')",
            "payer_type <> 'EMPLOYER' OR e_transactions IS NOT NULL",
        ],
        "duplicate": "payer_type, payer_id",
        "keys": {"payer_key": "payer_id"},
        "columns": "period, province_code, payer_key, payer_type, due_i AS due_vnd,"
        " paid_i AS paid_vnd, arrears_i AS arrears_vnd, overdue_i AS months_overdue,"
        " e_transactions",
    },
    "benefits": {
        "types": {
            **COMMON,
            "claim_id": "VARCHAR",
            "person_id": "VARCHAR",
            "regime": "VARCHAR",
            "payment_type": "VARCHAR",
            "amount_vnd": "VARCHAR",
        },
        "typed": "TRY_CAST(amount_vnd AS BIGINT) AS amount_i",
        "checks": [
            "claim_id IS NOT NULL",
            f"regexp_full_match(coalesce(person_id, ''), '{ID}')",
            f"regime IN {REGIMES}",
            "payment_type IN ('ONE_OFF', 'MONTHLY')",
            "amount_i >= 0",
        ],
        "duplicate": "claim_id",
        "keys": {"person_key": "person_id"},
        "columns": "period, province_code, claim_id, person_key, regime, payment_type,"
        " amount_i AS amount_vnd",
    },
}

# conf/indicators.conf, base measures (measure, column or None, filter or None) per dataset.
MEASURES = {
    "participation": [
        ("si_participants", "distinct", "person_key", f"scheme IN ('SI_COMPULSORY', 'SI_VOLUNTARY')"),
        ("si_compulsory_participants", "distinct", "person_key", "scheme = 'SI_COMPULSORY'"),
        ("si_voluntary_participants", "distinct", "person_key", "scheme = 'SI_VOLUNTARY'"),
        ("ui_participants", "distinct", "person_key", "scheme = 'UI'"),
        ("hi_participants", "distinct", "person_key", "scheme = 'HI'"),
    ],
    "contributions": [
        ("collected_vnd", "sum", "paid_vnd", None),
        ("due_vnd", "sum", "due_vnd", None),
        ("arrears_vnd", "sum", "arrears_vnd", None),
        ("payers_overdue_3m", "distinct", "payer_key", "months_overdue > 3"),
        ("employers", "distinct", "payer_key", "payer_type = 'EMPLOYER'"),
        (
            "e_transaction_employers",
            "distinct",
            "payer_key",
            "payer_type = 'EMPLOYER' AND e_transactions = 'Y'",
        ),
    ],
    "benefits": [
        ("si_benefit_recipients", "distinct", "person_key", f"regime IN {SI_REGIMES}"),
        ("monthly_benefit_recipients", "distinct", "person_key", "payment_type = 'MONTHLY'"),
        ("si_benefit_amount_vnd", "sum", "amount_vnd", f"regime IN {SI_REGIMES}"),
        ("hi_inpatient_claims", "count", None, "regime = 'HI_INPATIENT'"),
        ("hi_outpatient_claims", "count", None, "regime = 'HI_OUTPATIENT'"),
        ("hi_cost_vnd", "sum", "amount_vnd", "regime IN ('HI_INPATIENT', 'HI_OUTPATIENT')"),
    ],
}


def key_of(raw):
    """First 8 bytes of SHA-256(key || raw ID) as a BIGINT (the pipeline keeps a long as well)."""
    return f"CAST(('0x' || left(sha256('{KEY}' || {raw}), 16))::UBIGINT::HUGEINT - 9223372036854775808 AS BIGINT)"


def out(name, value):
    print(f"{name}={value}", flush=True)


os.makedirs(f"{OUT}/silver", exist_ok=True)
db = duckdb.connect()
db.execute(f"SET threads = {THREADS}")
db.execute(f"SET temp_directory = '{OUT}/duckdb.tmp'")
db.execute("SET preserve_insertion_order = true")

files_total = 0
rows_read = rows_accepted = rows_rejected = 0
read_seconds = write_seconds = 0.0
started = time.perf_counter()
for dataset, spec in DATASETS.items():
    pattern = f"{LANDING}/{dataset}/*/*.csv"
    files = db.execute(f"SELECT count(*) FROM glob('{pattern}')").fetchone()[0]
    files_total += files
    if files == 0:
        continue
    types = "{" + ", ".join(f"'{c}': '{t}'" for c, t in spec["types"].items()) + "}"
    checks = " AND ".join(f"coalesce({c}, false)" for c in spec["checks"])
    t0 = time.perf_counter()
    # 1. read + validate: one scan of the CSV files into a table (whose rowid keeps the files'
    #    row order, for the duplicate check); the folder and the file name give the slice.
    db.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE checked AS
        WITH raw AS (
          SELECT *, regexp_extract(filename, '/([0-9]{{4}}-[0-9]{{2}})/[^/]*$', 1) AS f_period,
                 regexp_extract(filename, '/([^/]*)\\.csv$', 1) AS f_province
          FROM read_csv('{pattern}', header = true, types = {types}, union_by_name = true,
                        filename = true, delim = ',', quote = '"', escape = '"')
        ), typed AS (
          SELECT *, {spec['typed']} FROM raw
        )
        SELECT *,
               coalesce(regexp_full_match(period, '[0-9]{{4}}-[0-9]{{2}}') AND period = f_period
                        AND regexp_full_match(province_code, '[0-9]{{2}}')
                        AND province_code = f_province, false)
               AND {checks} AS valid
        FROM typed
        """
    )
    t1 = time.perf_counter()
    # 2. duplicates within a file (the first row of a key is kept, as in the pipeline), then the
    #    accepted rows, IDs pseudonymised, to Parquet partitioned by period; rejected rows counted.
    dup_key = spec["duplicate"]
    dup_null = " OR ".join(f"{c} IS NULL" for c in dup_key.split(", "))
    keys = ", ".join(f"{key_of(raw)} AS {name}" for name, raw in spec["keys"].items())
    # Named in lower case whatever the header's case (headers match case-insensitively).
    columns = ", ".join(
        c if " AS " in c else f"{c} AS {c}" for c in (c.strip() for c in spec["columns"].split(","))
    )
    accepted = db.execute(
        f"""
        COPY (
          SELECT {columns}
          FROM (SELECT *, {keys}
                FROM (SELECT *, row_number() OVER (PARTITION BY filename, {dup_key}
                                                   ORDER BY rowid) AS nth
                      FROM checked)
                WHERE valid AND (nth = 1 OR {dup_null}))
        ) TO '{OUT}/silver/{dataset}' (FORMAT parquet, PARTITION_BY (period), OVERWRITE_OR_IGNORE)
        """
    ).fetchone()[0]
    read = db.execute("SELECT count(*) FROM checked").fetchone()[0]
    t2 = time.perf_counter()
    db.execute("DROP TABLE checked")
    read_seconds += t1 - t0
    write_seconds += t2 - t1
    rows_read += read
    rows_accepted += accepted
    rows_rejected += read - accepted
    out(f"ingest.{dataset}.rows_read", read)
    out(f"ingest.{dataset}.rows_rejected", read - accepted)
ingest_seconds = time.perf_counter() - started
out("ingest.files", files_total)
out("ingest.rows_read", rows_read)
out("ingest.rows_accepted", rows_accepted)
out("ingest.rows_rejected", rows_rejected)
out("ingest.read_validate_seconds", f"{read_seconds:.2f}")
out("ingest.write_seconds", f"{write_seconds:.2f}")
out("ingest.seconds", f"{ingest_seconds:.2f}")

# Territory links: each province to itself, its region and the nation, for both boundaries
# (the month's version is chosen by period like TransformBenchmark: p34 from 2025-07).
db.execute(
    f"""
    CREATE TABLE links AS
    WITH p AS (
      SELECT 'p63' AS v, province_code, region_code
      FROM read_csv('{GEOGRAPHY}/provinces_p63.csv', header = true, all_varchar = true)
      UNION ALL
      SELECT 'p34', province_code, region_code
      FROM read_csv('{GEOGRAPHY}/provinces_p34.csv', header = true, all_varchar = true)
    )
    SELECT v, province_code, 'province:' || province_code AS territory FROM p
    UNION ALL SELECT v, province_code, 'region:' || region_code FROM p
    UNION ALL SELECT v, province_code, 'nation:VN' FROM p
    """
)

silver_rows = groups = 0
started = time.perf_counter()
for dataset, measures in MEASURES.items():
    path = f"{OUT}/silver/{dataset}"
    if not os.path.isdir(path):
        continue
    cols = []
    for code, measure, column, condition in measures:
        condition = condition or "TRUE"
        if measure == "distinct":
            cols.append(f"count(DISTINCT CASE WHEN {condition} THEN {column} END) AS {code}")
        elif measure == "count":
            cols.append(f"count(*) FILTER (WHERE {condition}) AS {code}")
        else:
            cols.append(f"coalesce(sum({column}) FILTER (WHERE {condition}), 0) AS {code}")
    db.execute(
        f"""
        CREATE TABLE rollup_{dataset} AS
        SELECT r.period, l.territory, {', '.join(cols)}
        FROM read_parquet('{path}/*/*.parquet', hive_partitioning = true,
                          hive_types = {{'period': VARCHAR}}) r
        JOIN links l ON l.province_code = r.province_code
         AND l.v = CASE WHEN r.period < '2025-07' THEN 'p63' ELSE 'p34' END
        GROUP BY r.period, l.territory
        """
    )
    groups += db.execute(f"SELECT count(*) FROM rollup_{dataset}").fetchone()[0]
rollup_seconds = time.perf_counter() - started
for dataset in MEASURES:
    if os.path.isdir(f"{OUT}/silver/{dataset}"):
        silver_rows += db.execute(
            f"SELECT count(*) FROM read_parquet('{OUT}/silver/{dataset}/*/*.parquet')"
        ).fetchone()[0]
out("rollup.silver_rows", silver_rows)
out("rollup.groups", groups)
out("rollup.seconds", f"{rollup_seconds:.2f}")
nation = db.execute(
    "SELECT si_participants, hi_participants FROM rollup_participation"
    " WHERE territory = 'nation:VN' ORDER BY period LIMIT 1"
).fetchone()
if nation:
    out("rollup.nation_si_participants", nation[0])
    out("rollup.nation_hi_participants", nation[1])
out("duckdb.version", duckdb.__version__)
