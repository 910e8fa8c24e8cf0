"""Builds a small but realistic warehouse for developing and testing the notebooks.

Tables (contract schemas, docs/contract.md §3): geography (from conf/geography, both versions),
population, targets, indicators (both boundaries, three geo levels, 2024-01..2025-09 so that the
2025-07 merger and year-over-year comparisons across it are covered), ingest_log (with missing,
rejected and re-delivered files) and quarantine (row reasons, plus reference-file rows).

The indicator values follow the contract's rules so that the notebooks' charts mean something:
counts and amounts are summed and ratios are computed from aggregated numerators and denominators
at every level; the `current` boundary re-bases p63 provinces to their p34 successors; targets are
given per province in the geography of 1 January of their year and re-based the same way.
Deterministic for a given seed.

    python notebooks/tests/make_fixture_warehouse.py OUT_DIR [--seed N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import bhxh_tables  # noqa: E402

GEOGRAPHY_DIR = HERE.parent.parent / "conf" / "geography"
P34_FROM = "2025-07"
PERIODS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)][: 12 + 9]
NATION_CODE = "VN"
NATION_NAME = "Việt Nam"
DATASETS = ("participation", "contributions", "benefits")
RUN_ID = "fixture-0001"

# Indicator codes (the transform's catalogue) written by the fixture, with their parts.
COUNTS = [
    "si_participants",
    "si_compulsory_participants",
    "si_voluntary_participants",
    "ui_participants",
    "hi_participants",
    "population",
    "working_age_population",
    "collected_vnd",
    "due_vnd",
    "arrears_vnd",
    "employers",
    "e_transaction_employers",
]
RATIOS = {
    "hi_coverage_pct": ("hi_participants", "population"),
    "si_coverage_pct": ("si_participants", "working_age_population"),
    "ui_coverage_pct": ("ui_participants", "working_age_population"),
    "collection_rate_pct": ("collected_vnd", "due_vnd"),
    "e_transaction_share_pct": ("e_transaction_employers", "employers"),
}
YTD = {"collected_vnd_ytd": "collected_vnd"}
SOURCE = {  # which dataset a base measure comes from (for `complete`)
    "si_participants": "participation",
    "si_compulsory_participants": "participation",
    "si_voluntary_participants": "participation",
    "ui_participants": "participation",
    "hi_participants": "participation",
    "collected_vnd": "contributions",
    "due_vnd": "contributions",
    "arrears_vnd": "contributions",
    "employers": "contributions",
    "e_transaction_employers": "contributions",
}
TARGETED = ["si_participants", "hi_participants", "collected_vnd_ytd"]
TARGETED_RATIOS = {"hi_coverage_pct": 93.5, "si_coverage_pct": 45.0}

# Slices that were never delivered or whose file was rejected: (dataset, period, province).
MISSING = {("participation", "2025-03", "52"), ("contributions", "2025-08", "79")}
REJECTED = {("benefits", "2024-11", "01"), ("participation", "2025-09", "04")}
REDELIVERED = {("participation", "2025-05", "79")}


@dataclass(frozen=True)
class Province:
    version: str
    code: str
    name_vi: str
    name_ascii: str
    region_code: str
    region_name: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_code: str


def read_csv(name: str) -> list[dict[str, str]]:
    with open(GEOGRAPHY_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_geography() -> list[Province]:
    successors = {r["old_gso_code"]: r["new_code"] for r in read_csv("merger_2025.csv")}
    provinces = []
    for version, provinces_file, regions_file in (
        ("p63", "provinces_p63.csv", "regions_p63.csv"),
        ("p34", "provinces_p34.csv", "regions_p34.csv"),
    ):
        regions = {r["region_code"]: r["region_name_vi"] for r in read_csv(regions_file)}
        for row in read_csv(provinces_file):
            code = row["province_code"]
            provinces.append(
                Province(
                    version,
                    code,
                    row["name_vi"],
                    row["name_ascii"],
                    row["region_code"],
                    regions[row["region_code"]],
                    dt.date.fromisoformat(row["valid_from"]) if row["valid_from"] else None,
                    dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                    code if version == "p34" else successors[code],
                )
            )
    return provinces


def build(out: Path, seed: int) -> list[str]:
    rng = random.Random(seed)
    geography = load_geography()
    p63 = {p.code: p for p in geography if p.version == "p63"}
    p34 = {p.code: p for p in geography if p.version == "p34"}
    region_names = {(p.version, p.region_code): p.region_name for p in geography}

    # --- base measures per p63 province and month (the finest grain; p34 rows are sums) -------
    base_population = {}
    for code, p in p63.items():
        base_population[code] = rng.randint(500_000, 3_000_000)
    if "01" in base_population:
        base_population["01"] = 8_587_100
    if "79" in base_population:
        base_population["79"] = 9_456_700
    profile = {
        code: {
            "hi_cov": rng.uniform(0.88, 0.96),
            "si_cov": rng.uniform(0.22, 0.55),
            "growth": rng.uniform(0.001, 0.006),
            "collect": rng.uniform(0.86, 0.97),
            "e_share": rng.uniform(0.75, 0.97),
        }
        for code in p63
    }
    base: dict[tuple[str, str], dict[str, float]] = {}
    for i, period in enumerate(PERIODS):
        year, month = int(period[:4]), int(period[5:])
        for code in p63:
            pr = profile[code]
            pop = round(base_population[code] * (1.009 if year == 2025 else 1.0))
            wap = round(pop * 0.66)
            trend = 1 + pr["growth"] * i
            si = round(wap * pr["si_cov"] * trend * rng.uniform(0.995, 1.005))
            compulsory = round(si * 0.86)
            due = si * 1_150_000 * (1.08 if year == 2025 else 1.0)
            collected = due * min(1.0, pr["collect"] + (0.06 if month == 12 else 0.0))
            employers = max(20, round(si / 18))
            base[(period, code)] = {
                "si_participants": si,
                "si_compulsory_participants": compulsory,
                "si_voluntary_participants": si - compulsory,
                "ui_participants": round(compulsory * 0.83),
                "hi_participants": round(pop * min(0.995, pr["hi_cov"] * (1 + 0.0008 * i))),
                "population": pop,
                "working_age_population": wap,
                "collected_vnd": float(round(collected)),
                "due_vnd": float(round(due)),
                "arrears_vnd": float(round(due * rng.uniform(0.05, 0.25))),
                "employers": employers,
                "e_transaction_employers": round(employers * pr["e_share"]),
            }

    def reported_code(period: str, code63: str) -> str:
        return code63 if period < P34_FROM else p63[code63].successor_code

    def delivered(dataset: str, period: str, code63: str) -> bool:
        slice_ = (dataset, period, reported_code(period, code63))
        return slice_ not in MISSING and slice_ not in REJECTED

    # --- territories of each boundary: (boundary, period, p63 code) -> [(level, code, name)] ----
    def territories(boundary: str, period: str, code63: str):
        if boundary == "reported" and period < P34_FROM:
            province = p63[code63]
            version = "p63"
        else:
            province = p34[p63[code63].successor_code]
            version = "p34"
        return [
            ("province", province.code, province.name_vi),
            ("region", province.region_code, region_names[(version, province.region_code)]),
            ("nation", NATION_CODE, NATION_NAME),
        ]

    # Aggregate base measures (sum over delivered provinces) and completeness per territory.
    sums: dict[tuple, dict[str, float]] = {}
    names: dict[tuple, str] = {}
    complete: dict[tuple, dict[str, bool]] = {}
    for boundary in ("reported", "current"):
        for period in PERIODS:
            for code63 in p63:
                for level, code, name in territories(boundary, period, code63):
                    key = (period, boundary, level, code)
                    names[key] = name
                    acc = sums.setdefault(key, {m: 0.0 for m in COUNTS})
                    flags = complete.setdefault(key, {d: True for d in DATASETS})
                    for dataset in DATASETS:
                        flags[dataset] &= delivered(dataset, period, code63)
                    for measure, value in base[(period, code63)].items():
                        source = SOURCE.get(measure)
                        if source is None or delivered(source, period, code63):
                            acc[measure] += value

    # --- targets: per p63 province (geography of 1 January) for both years ------------------
    target_rows = []
    province_targets: dict[tuple[int, str], dict[str, float]] = {}
    for year in (2024, 2025):
        for code63 in p63:
            december = base[(f"{year - 1 if year == 2025 else year}-12", code63)]
            plan = {
                "si_participants": round(december["si_participants"] * rng.uniform(1.0, 1.08)),
                "hi_participants": round(december["population"] * rng.uniform(0.91, 0.95)),
                "collected_vnd_ytd": float(round(december["due_vnd"] * 12 * rng.uniform(0.95, 1.05))),
                "population": december["population"],
                "working_age_population": december["working_age_population"],
            }
            province_targets[(year, code63)] = plan
            for indicator in TARGETED:
                target_rows.append((year, code63, indicator, float(plan[indicator]), RUN_ID))
        target_rows.append((year, NATION_CODE, "hi_coverage_pct", TARGETED_RATIOS["hi_coverage_pct"], RUN_ID))
        target_rows.append((year, NATION_CODE, "si_coverage_pct", TARGETED_RATIOS["si_coverage_pct"], RUN_ID))

    # Targets of a territory: counts summed over its provinces, ratios from summed parts; a
    # national ratio target from targets.csv wins over the derived one.
    def territory_target(year: int, version: str, level: str, code: str, indicator: str):
        # Membership of the territory in the geography its codes belong to.
        boundary = "reported" if version == "p63" else "current"
        period = f"{year}-01"
        members = [
            c for c in p63 if any(t[0] == level and t[1] == code for t in territories(boundary, period, c))
        ]
        if not members:
            return None
        plans = [province_targets[(year, c)] for c in members]
        if indicator in TARGETED:
            return float(sum(plan[indicator] for plan in plans))
        if indicator in TARGETED_RATIOS:
            if level == "nation":
                return TARGETED_RATIOS[indicator]
            numerator, denominator = RATIOS[indicator]
            if numerator not in plans[0]:
                return None
            return 100.0 * sum(p[numerator] for p in plans) / sum(p[denominator] for p in plans)
        return None

    target_cache: dict[tuple, float | None] = {}

    def target_of(period: str, boundary: str, level: str, code: str, indicator: str):
        version = "p63" if boundary == "reported" and period < P34_FROM else "p34"
        key = (int(period[:4]), version, level, code, indicator)
        if key not in target_cache:
            target_cache[key] = territory_target(*key)
        return target_cache[key]

    # --- indicator rows ---------------------------------------------------------------------
    values: dict[tuple, tuple[float | None, float | None, float | None, bool]] = {}
    for key, acc in sums.items():
        flags = complete[key]
        for measure in COUNTS:
            source = SOURCE.get(measure)
            values[key + (measure,)] = (acc[measure], None, None, flags[source] if source else True)
        for ratio, (numerator, denominator) in RATIOS.items():
            n, d = acc[numerator], acc[denominator]
            ok = all(flags[SOURCE[m]] for m in (numerator, denominator) if m in SOURCE)
            values[key + (ratio,)] = (100.0 * n / d if d else None, n, d, ok)
    def comparable(boundary: str, period: str, earlier: str) -> str:
        # Across the merger an earlier month is taken re-based to the later geography: the
        # `current` rows (p34), whose codes are those of the later month's territories.
        return "current" if earlier < P34_FROM <= period else boundary

    for key in list(sums):
        period, boundary, level, code = key
        for ytd, flow in YTD.items():
            year = period[:4]
            months = [p for p in PERIODS if p[:4] == year and p <= period]
            total, ok = 0.0, True
            for month in months:
                earlier = values.get((month, comparable(boundary, period, month), level, code, flow))
                if earlier is None:
                    # the territory did not exist under this boundary that month: not comparable
                    total, ok = None, False
                    break
                total += earlier[0]
                ok &= earlier[3]
            values[key + (ytd,)] = (total, None, None, ok)

    def previous_year(period: str, boundary: str, level: str, code: str, indicator: str):
        earlier = f"{int(period[:4]) - 1}-{period[5:]}"
        found = values.get((earlier, comparable(boundary, period, earlier), level, code, indicator))
        return None if found is None else found[0]

    indicator_rows = []
    for (period, boundary, level, code, indicator), (value, num, den, ok) in sorted(values.items()):
        target = target_of(period, boundary, level, code, indicator)
        attainment = value / target * 100 if value is not None and target else None
        expected = on_track = None
        if indicator in YTD and target is not None:
            expected = target * int(period[5:]) / 12
            on_track = value is not None and value >= expected
        prev = previous_year(period, boundary, level, code, indicator)
        change = value - prev if value is not None and prev is not None else None
        change_pct = change / prev * 100 if change is not None and prev else None
        indicator_rows.append(
            (
                period,
                boundary,
                level,
                code,
                names[(period, boundary, level, code)],
                indicator,
                value,
                num,
                den,
                target,
                attainment,
                expected,
                on_track,
                prev,
                change,
                change_pct,
                ok,
            )
        )

    # --- ingest_log and quarantine ------------------------------------------------------------
    ingest_rows, quarantine_rows = [], []
    reasons = {
        "participation": ["BAD_PERSON_ID", "DUPLICATE_PERSON_SCHEME", "MISSING_HI_GROUP", "BIRTH_YEAR_OUT_OF_RANGE"],
        "contributions": ["NEGATIVE_AMOUNT", "MISSING_E_TRANSACTIONS", "DUPLICATE_PAYER"],
        "benefits": ["UNKNOWN_REGIME", "DUPLICATE_CLAIM_ID", "BAD_PERSON_ID"],
    }
    started = dt.datetime(2025, 10, 5, 1, 0, 0)
    for period in PERIODS:
        codes = sorted(p63) if period < P34_FROM else sorted(p34)
        for dataset in DATASETS:
            for code in codes:
                slice_ = (dataset, period, code)
                if slice_ in MISSING:
                    continue
                path = f"{dataset}/{period}/{code}.csv"
                at = started + dt.timedelta(seconds=len(ingest_rows))
                digest = hashlib.sha256(path.encode()).hexdigest()
                if slice_ in REJECTED:
                    ingest_rows.append(
                        (path, digest, 2048, dataset, period, code, 0, 0, 0, "REJECTED",
                         "MISSING_REQUIRED_COLUMNS: the header lacks required columns (scheme)",
                         None, RUN_ID, at)
                    )
                    continue
                read = rng.randint(300, 3000)
                bad = 0 if rng.random() < 0.6 else rng.randint(1, 40)
                if slice_ in REDELIVERED:
                    # the first delivery had many bad rows; the province corrected it the next day
                    ingest_rows.append(
                        (path, hashlib.sha256(b"first" + path.encode()).hexdigest(), read * 120,
                         dataset, period, code, read, read - read // 3, read // 3, "LOADED", None, None,
                         RUN_ID, at - dt.timedelta(days=1))
                    )
                extra = ["ghi_chu"] if (dataset, code) == ("benefits", "31") else None
                ingest_rows.append(
                    (path, digest, read * 118, dataset, period, code, read, read - bad, bad,
                     "LOADED", None, extra, RUN_ID, at)
                )
                for n in range(bad):
                    codes_ = rng.sample(reasons[dataset], 2 if rng.random() < 0.15 else 1)
                    quarantine_rows.append(
                        (dataset, period, code, path, 2 + rng.randint(0, read), codes_,
                         "; ".join(f"{c.lower().replace('_', ' ')}" for c in codes_),
                         {"period": period, "province_code": code,
                          "person_id": "key:" + hashlib.sha256(f"{path}{n}".encode()).hexdigest()[:16]},
                         RUN_ID, at)
                    )
    quarantine_rows.append(
        ("targets", "reference", None, "reference/targets.csv", 17, ["UNKNOWN_INDICATOR"],
         "indicator is not in the indicator catalogue", {"indicator": "si_particpants"}, RUN_ID, started)
    )

    population_rows = [
        (year, code63, province_targets[(year, code63)]["population"],
         province_targets[(year, code63)]["working_age_population"], RUN_ID)
        for year in (2024, 2025)
        for code63 in sorted(p63)
    ]
    geography_rows = [
        (p.version, p.code, p.name_vi, p.name_ascii, p.region_code, p.region_name, p.valid_from,
         p.valid_to, p.successor_code)
        for p in geography
    ]

    # --- write --------------------------------------------------------------------------------
    from pyspark.sql import types as T

    S, L, D, B, I = T.StringType(), T.LongType(), T.DoubleType(), T.BooleanType(), T.IntegerType()

    def schema(*fields):
        return T.StructType([T.StructField(n, t, nullable) for n, t, nullable in fields])

    schemas = {
        "geography": schema(
            ("version", S, False), ("province_code", S, False), ("name_vi", S, False),
            ("name_ascii", S, False), ("region_code", S, False), ("region_name", S, False),
            ("valid_from", T.DateType(), True), ("valid_to", T.DateType(), True),
            ("successor_code", S, False)),
        "population": schema(
            ("year", I, False), ("province_code", S, False), ("population", L, False),
            ("working_age_population", L, False), ("run_id", S, False)),
        "targets": schema(
            ("year", I, False), ("geo_code", S, False), ("indicator", S, False),
            ("target", D, False), ("run_id", S, False)),
        "indicators": schema(
            ("period", S, False), ("boundary", S, False), ("geo_level", S, False),
            ("geo_code", S, False), ("geo_name", S, True), ("indicator", S, False),
            ("value", D, True), ("numerator", D, True), ("denominator", D, True),
            ("target", D, True), ("attainment_pct", D, True), ("expected_to_date", D, True),
            ("on_track", B, True), ("prev_year_value", D, True), ("yoy_change", D, True),
            ("yoy_change_pct", D, True), ("complete", B, True)),
        "ingest_log": schema(
            ("path", S, False), ("checksum", S, True), ("size_bytes", L, False),
            ("dataset", S, False), ("period", S, True), ("province_code", S, True),
            ("rows_read", L, False), ("rows_accepted", L, False), ("rows_quarantined", L, False),
            ("status", S, False), ("rejection_reason", S, True),
            ("extra_columns", T.ArrayType(S, False), True), ("run_id", S, False),
            ("ingested_at", T.TimestampType(), False)),
        "quarantine": schema(
            ("dataset", S, False), ("period", S, False), ("province_code", S, True),
            ("source_file", S, False), ("line_number", L, False),
            ("reason_codes", T.ArrayType(S, False), False), ("reason_detail", S, True),
            ("row_values", T.MapType(S, S, True), True), ("run_id", S, False),
            ("quarantined_at", T.TimestampType(), False)),
    }
    rows = {
        "geography": geography_rows,
        "population": population_rows,
        "targets": target_rows,
        "indicators": indicator_rows,
        "ingest_log": ingest_rows,
        "quarantine": quarantine_rows,
    }
    partitioned = {"indicators": ["period"], "quarantine": ["period"]}

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    spark = bhxh_tables.session(str(out), app_name="bhxh-fixture-warehouse")
    for name, table_rows in rows.items():
        frame = spark.createDataFrame(table_rows, schemas[name])
        writer = frame.coalesce(1).write.format("delta").mode("overwrite")
        if name in partitioned:
            writer = writer.partitionBy(*partitioned[name])
        writer.save(bhxh_tables.table_path(str(out), name))
    return sorted(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="warehouse folder to (re)create")
    parser.add_argument("--seed", type=int, default=20250701)
    args = parser.parse_args()
    names = build(args.out, args.seed)
    print(f"fixture warehouse {args.out}: {', '.join(names)}")


if __name__ == "__main__":
    main()
