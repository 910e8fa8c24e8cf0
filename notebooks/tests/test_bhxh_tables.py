"""bhxh_tables registers tables the way TableCatalog.registerAll() does."""

from __future__ import annotations

import pytest

import bhxh_tables


@pytest.fixture()
def small_warehouse(spark, tmp_path):
    spark.createDataFrame([("01", "Hà Nội"), ("79", "Hồ Chí Minh")], "province_code string, name_vi string") \
        .write.format("delta").save(str(tmp_path / "geography"))
    spark.createDataFrame([(1,), (2,), (3,)], "n int").write.format("delta").save(str(tmp_path / "runs"))
    (tmp_path / "reports").mkdir()  # a folder without _delta_log is not a table
    (tmp_path / "reports" / "bulletin.csv").write_text("x\n")
    (tmp_path / "README.txt").write_text("not a table\n")
    return str(tmp_path)


def test_register_all_names_every_delta_folder_sorted_and_only_those(spark, small_warehouse):
    assert bhxh_tables.register_all(spark, small_warehouse) == ["geography", "runs"]
    assert spark.table("runs").count() == 3
    assert sorted(r.name_vi for r in spark.table("geography").collect()) == ["Hà Nội", "Hồ Chí Minh"]


def test_require_fails_loudly_naming_the_missing_table(spark, small_warehouse):
    bhxh_tables.register_all(spark, small_warehouse)
    bhxh_tables.require(spark, "geography", "runs")
    with pytest.raises(bhxh_tables.MissingTableError, match="report_nation_summary"):
        bhxh_tables.require(spark, "geography", "report_nation_summary")


def test_a_missing_warehouse_is_reported_before_anything_runs(spark, tmp_path):
    with pytest.raises(bhxh_tables.MissingTableError, match="does not exist"):
        bhxh_tables.register_all(spark, str(tmp_path / "nowhere"))


@pytest.mark.parametrize("value", ["2025-07", "2024-12", None])
def test_check_period_accepts_months(value):
    assert bhxh_tables.check_period("period", value) == value


@pytest.mark.parametrize("value", ["2025-13", "2025-7", "202507", "2025-07-01", "latest"])
def test_check_period_names_the_parameter(value):
    with pytest.raises(ValueError, match="period_to"):
        bhxh_tables.check_period("period_to", value)


def test_default_warehouse_prefers_the_environment(monkeypatch):
    monkeypatch.setenv(bhxh_tables.WAREHOUSE_ENV, "/data/bhxh/warehouse")
    assert bhxh_tables.default_warehouse() == "/data/bhxh/warehouse"
    monkeypatch.delenv(bhxh_tables.WAREHOUSE_ENV)
    assert bhxh_tables.default_warehouse().endswith("data/demo/warehouse")
