"""The tables are open Delta: delta-rs (the `deltalake` package, no Spark, no JVM) reads
`indicators` and gets exactly the rows Spark gets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from deltalake import DeltaTable

import bhxh_tables

TABLE = "indicators"
KEY = ["period", "boundary", "geo_level", "geo_code", "indicator"]
STRINGS = KEY[:4] + ["geo_name", "indicator"]
DOUBLES = [
    "value", "numerator", "denominator", "target", "attainment_pct", "expected_to_date",
    "prev_year_value", "yoy_change", "yoy_change_pct",
]
BOOLEANS = ["on_track", "complete"]
# docs/contract.md §3, in the contract's order.
CONTRACT_COLUMNS = [
    "period", "boundary", "geo_level", "geo_code", "geo_name", "indicator", "value", "numerator",
    "denominator", "target", "attainment_pct", "expected_to_date", "on_track", "prev_year_value",
    "yoy_change", "yoy_change_pct", "complete",
]
# Values are stored unrounded doubles; both readers decode the same Parquet bytes, so they must
# agree to the last bit; the tolerance only absorbs a decimal round trip should one ever creep in.
RELATIVE_TOLERANCE = 1e-12


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Contract columns with one dtype per kind (readers differ in null representation)."""
    out = pd.DataFrame(index=frame.index)
    for column in STRINGS:
        out[column] = frame[column].astype("string")
    for column in DOUBLES:
        out[column] = pd.to_numeric(frame[column], errors="raise").astype("float64")
    for column in BOOLEANS:
        out[column] = frame[column].astype("boolean")
    return out[CONTRACT_COLUMNS].sort_values(KEY).reset_index(drop=True)


def assert_same_rows(expected: pd.DataFrame, actual: pd.DataFrame) -> None:
    assert len(actual) == len(expected), f"{len(actual)} rows against {len(expected)}"
    for column in STRINGS + BOOLEANS:
        pd.testing.assert_series_equal(actual[column], expected[column], check_names=True)
    for column in DOUBLES:
        left, right = expected[column].to_numpy(), actual[column].to_numpy()
        nulls = np.isnan(left)
        assert (nulls == np.isnan(right)).all(), f"{column}: nulls differ"
        np.testing.assert_allclose(right[~nulls], left[~nulls], rtol=RELATIVE_TOLERANCE, atol=0,
                                   err_msg=column)


@pytest.fixture(scope="module")
def path(warehouse) -> str:
    return bhxh_tables.table_path(warehouse, TABLE)


@pytest.fixture(scope="module")
def by_spark(spark, path) -> pd.DataFrame:
    return normalise(spark.read.format("delta").load(path).toPandas())


@pytest.fixture(scope="module")
def by_delta_rs(path) -> pd.DataFrame:
    return normalise(DeltaTable(path).to_pandas())


def test_delta_rs_reads_the_same_rows_as_spark(by_spark, by_delta_rs):
    assert len(by_spark) > 0
    assert_same_rows(by_spark, by_delta_rs)


def test_the_rows_compared_cover_both_boundaries_and_every_level(by_delta_rs):
    # Guards the comparison above against passing on a table too thin to mean anything.
    assert set(by_delta_rs["boundary"]) == {"reported", "current"}
    assert set(by_delta_rs["geo_level"]) == {"province", "region", "nation"}
    assert by_delta_rs["value"].notna().sum() > 0


def test_both_readers_see_the_same_snapshot_and_schema(spark, path):
    table = DeltaTable(path)
    history = spark.sql(f"DESCRIBE HISTORY delta.`{path}`").selectExpr("max(version) AS v").first()
    assert table.version() == history["v"]
    spark_types = {f.name: f.dataType.simpleString() for f in spark.read.format("delta").load(path).schema}
    rs_types = {f.name: str(f.type.type) for f in table.schema().fields}
    assert set(CONTRACT_COLUMNS) <= set(spark_types)
    assert {name: rs_types[name] for name in CONTRACT_COLUMNS} == {
        name: spark_types[name] for name in CONTRACT_COLUMNS
    }


def test_the_key_is_unique(by_delta_rs):
    assert not by_delta_rs.duplicated(KEY).any()


def test_the_comparison_notices_a_single_changed_value(by_spark):
    changed = by_spark.copy()
    row = changed["value"].first_valid_index()
    changed.loc[row, "value"] = changed.loc[row, "value"] * (1 + 1e-9)
    with pytest.raises(AssertionError):
        assert_same_rows(by_spark, changed)
    flipped = by_spark.copy()
    flipped.loc[0, "complete"] = not bool(flipped.loc[0, "complete"]) if pd.notna(flipped.loc[0, "complete"]) else True
    with pytest.raises(AssertionError):
        assert_same_rows(by_spark, flipped)
