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
 * {@link Values}: ratios from aggregated parts, year-to-date sums, on a handful of inline rows run
 * through {@link IndicatorComputation}, with expectations computed by hand.
 *
 * <p>Codes used: p63 Bình Định 52 and Phú Yên 54 (region NCC); Central Highlands CH = Kon Tum 62,
 * Gia Lai 64, Đắk Lắk 66, Đắk Nông 67, Lâm Đồng 68. From 2025-07 p34 Gia Lai 52 = Bình Định + old
 * Gia Lai 64; Đắk Lắk 66 = Đắk Lắk + Phú Yên 54 (region SCCH).
 */
@SparkTier
class ValuesTest {
  private static final String REPORTED = IndicatorColumns.BOUNDARY_REPORTED;
  private static final String CURRENT = IndicatorColumns.BOUNDARY_CURRENT;
  private static final String VALUE = IndicatorColumns.VALUE;

  @Test
  void regionalRatiosComeFromAggregatedPartsNotFromTheMeanOfProvincialRatios() {
    Dataset<Row> indicators =
        new IndicatorComputationFixture()
            .person("2023-10", "52", 1, "HI")
            .person("2023-10", "54", 2, "HI")
            .person("2023-10", "54", 3, "HI")
            .person("2023-10", "54", 4, "HI")
            .population(2023, "52", 10, 5)
            .population(2023, "54", 60, 20)
            .frame("2023-10");

    // 52: 1/10 = 10 %; 54: 3/60 = 5 %; NCC: 4/70 = 5.714… % (the mean of the two would be 7.5 %)
    assertSameRows(
        rows(
            row("52", 10.0, 1.0, 10.0),
            row("54", 5.0, 3.0, 60.0),
            row("NCC", 400.0 / 70, 4.0, 70.0)),
        slice(
            indicators,
            REPORTED,
            "hi_coverage_pct",
            List.of("52", "54", "NCC"),
            VALUE,
            IndicatorColumns.NUMERATOR,
            IndicatorColumns.DENOMINATOR));
    assertSameRows(
        rows(row("SCCH", 400.0 / 70)),
        slice(indicators, CURRENT, "hi_coverage_pct", List.of("SCCH"), VALUE));
  }

  @Test
  void yearToDateSumsFromJanuaryAgainstThePlanToDate() {
    Dataset<Row> indicators =
        new IndicatorComputationFixture()
            .payer("2023-01", "52", 1, 200, 100)
            .payer("2023-02", "52", 1, 200, 200)
            .payer("2023-03", "52", 1, 400, 300)
            .payer("2022-03", "52", 1, 100, 50) // a year earlier: YTD 50 (only March delivered)
            .target(2023, "52", "collected_vnd_ytd", 2400)
            .frame("2023-03");

    // 100 + 200 + 300 = 600 against a plan to date of 2400 · 3/12 = 600: 25 % of the year, on track
    assertSameRows(
        rows(row("52", 600.0, 2400.0, 600.0, true, 25.0, true, 50.0)),
        slice(
            indicators,
            REPORTED,
            "collected_vnd_ytd",
            List.of("52"),
            VALUE,
            IndicatorColumns.TARGET,
            IndicatorColumns.EXPECTED_TO_DATE,
            IndicatorColumns.ON_TRACK,
            IndicatorColumns.ATTAINMENT_PCT,
            IndicatorColumns.COMPLETE,
            IndicatorColumns.PREV_YEAR_VALUE));
    // the month itself: no plan to date, no on-track flag
    assertSameRows(
        rows(row("52", 300.0, null, null)),
        slice(
            indicators,
            REPORTED,
            "collected_vnd",
            List.of("52"),
            VALUE,
            IndicatorColumns.ON_TRACK,
            IndicatorColumns.EXPECTED_TO_DATE));
    // 300 paid of 400 due
    assertSameRows(
        rows(row("52", 75.0)),
        slice(indicators, REPORTED, "collection_rate_pct", List.of("52"), VALUE));
    // the region: 600 from the one province that delivered, flagged incomplete
    assertSameRows(
        rows(row("NCC", 600.0, false)),
        slice(
            indicators,
            REPORTED,
            "collected_vnd_ytd",
            List.of("NCC"),
            VALUE,
            IndicatorColumns.COMPLETE));
  }

  @Test
  void aTerritoryThatDeliveredNothingHasUnknownValuesNotZeros() {
    Dataset<Row> indicators =
        new IndicatorComputationFixture()
            .person("2023-02", "52", 1, "HI")
            .person("2023-03", "52", 1, "HI")
            .payer("2023-01", "52", 1, 200, 100)
            .payer("2023-03", "52", 1, 400, 300)
            .population(2023, "52", 10, 5)
            .population(2023, "54", 60, 20)
            .frame("2023-03");

    // 54 delivered no participation: its coverage is unknown, not 0 %, though its population is
    // known; incomplete
    assertSameRows(
        rows(row("52", 10.0, 1.0, 10.0, true), row("54", null, null, 60.0, false)),
        slice(
            indicators,
            REPORTED,
            "hi_coverage_pct",
            List.of("52", "54"),
            VALUE,
            IndicatorColumns.NUMERATOR,
            IndicatorColumns.DENOMINATOR,
            IndicatorColumns.COMPLETE));
    // contributions: 52 delivered January and March, not February: 100 + 300, incomplete; 54
    // delivered no month: unknown
    assertSameRows(
        rows(row("52", 400.0, false), row("54", null, false)),
        slice(
            indicators,
            REPORTED,
            "collected_vnd_ytd",
            List.of("52", "54"),
            VALUE,
            IndicatorColumns.COMPLETE));
  }
}
