package vn.bhxh.pipeline.common.indicators;

import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.slice;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameRows;
import static vn.bhxh.pipeline.common.testing.Rows.row;
import static vn.bhxh.pipeline.common.testing.Rows.rows;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * {@link Assembly}: both boundaries, year over year across the merger, on a handful of inline rows
 * run through {@link IndicatorComputation}, with expectations computed by hand.
 *
 * <p>Codes used: p63 Bình Định 52 and Phú Yên 54 (region NCC); Central Highlands CH = Kon Tum 62,
 * Gia Lai 64, Đắk Lắk 66, Đắk Nông 67, Lâm Đồng 68. From 2025-07 p34 Gia Lai 52 = Bình Định + old
 * Gia Lai 64; Đắk Lắk 66 = Đắk Lắk + Phú Yên 54 (region SCCH).
 */
@SparkTier
class AssemblyTest {
  private static final String REPORTED = IndicatorColumns.BOUNDARY_REPORTED;
  private static final String CURRENT = IndicatorColumns.BOUNDARY_CURRENT;
  private static final String VALUE = IndicatorColumns.VALUE;

  @Test
  void yearOverYearComparesTheSameTerritoryReBasedAcrossTheMerger() {
    Dataset<Row> indicators =
        new IndicatorComputationFixture()
            .person("2024-07", "52", 1, "HI") // Bình Định
            .person("2024-07", "52", 2, "HI")
            .person("2024-07", "64", 3, "HI") // old Gia Lai
            .person("2025-07", "52", 1, "HI") // p34 Gia Lai = both
            .person("2025-07", "52", 2, "HI")
            .person("2025-07", "52", 3, "HI")
            .person("2025-07", "52", 4, "HI")
            .population(2025, "52", 100, 60) // 2025 population is in p63 codes
            .population(2025, "64", 50, 30)
            .frame("2025-07");

    for (String boundary : new String[] {REPORTED, CURRENT}) {
      // 4 against 3 a year earlier (Bình Định 2 + old Gia Lai 1): +1, +33.3 %
      assertSameRows(
          rows(row("52", 4.0, 3.0, 1.0, 100.0 / 3)),
          slice(
              indicators,
              boundary,
              "hi_participants",
              List.of("52"),
              VALUE,
              IndicatorColumns.PREV_YEAR_VALUE,
              IndicatorColumns.YOY_CHANGE,
              IndicatorColumns.YOY_CHANGE_PCT));
      // population re-based to p34 for a month after the merger: 100 + 50
      assertSameRows(
          rows(row("52", 150.0, 400.0 / 150)),
          slice(
              indicators,
              boundary,
              "hi_coverage_pct",
              List.of("52"),
              IndicatorColumns.DENOMINATOR,
              VALUE));
    }
    // no p63 territory is reported in a p34 month
    assertSameRows(
        rows(), slice(indicators, REPORTED, "hi_participants", List.of("64", "CH"), VALUE));
  }

  @Test
  void theCurrentBoundaryReBasesPopulationOfAP63Month() {
    Dataset<Row> indicators =
        new IndicatorComputationFixture()
            .person("2024-07", "52", 1, "HI")
            .population(2024, "52", 100, 60)
            .population(2024, "64", 50, 30)
            .frame("2024-07");

    assertSameRows(
        rows(row("52", 100.0), row("64", 50.0)),
        slice(indicators, REPORTED, "population", List.of("52", "64"), VALUE));
    assertSameRows(
        rows(row("52", 150.0)), slice(indicators, CURRENT, "population", List.of("52"), VALUE));
    assertSameRows(
        rows(row("52", 90.0)),
        slice(indicators, CURRENT, "working_age_population", List.of("52"), VALUE));
  }
}
