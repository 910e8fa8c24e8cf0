package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.column;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.key;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.value;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.assertj.core.data.Offset;
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
  private static final Offset<Double> EXACT = within(1e-9);

  @Test
  void regionalRatiosComeFromAggregatedPartsNotFromTheMeanOfProvincialRatios() {
    Map<String, Row> rows =
        new IndicatorComputationFixture()
            .person("2023-10", "52", 1, "HI")
            .person("2023-10", "54", 2, "HI")
            .person("2023-10", "54", 3, "HI")
            .person("2023-10", "54", 4, "HI")
            .population(2023, "52", 10, 5)
            .population(2023, "54", 60, 20)
            .run("2023-10");

    // 52: 1/10 = 10 %; 54: 3/60 = 5 %; NCC: 4/70 = 5.714… % (the mean of the two would be 7.5 %)
    assertThat(value(rows, key("2023-10", REPORTED, "52", "hi_coverage_pct")))
        .isCloseTo(10.0, EXACT);
    assertThat(value(rows, key("2023-10", REPORTED, "54", "hi_coverage_pct")))
        .isCloseTo(5.0, EXACT);
    String region = key("2023-10", REPORTED, "NCC", "hi_coverage_pct");
    assertThat(value(rows, region)).isCloseTo(400.0 / 70, EXACT);
    assertThat(column(rows, region, IndicatorColumns.NUMERATOR)).isEqualTo(4.0);
    assertThat(column(rows, region, IndicatorColumns.DENOMINATOR)).isEqualTo(70.0);
    assertThat(value(rows, key("2023-10", CURRENT, "SCCH", "hi_coverage_pct")))
        .isCloseTo(400.0 / 70, EXACT);
  }

  @Test
  void yearToDateSumsFromJanuaryAgainstThePlanToDate() {
    Map<String, Row> rows =
        new IndicatorComputationFixture()
            .payer("2023-01", "52", 1, 200, 100)
            .payer("2023-02", "52", 1, 200, 200)
            .payer("2023-03", "52", 1, 400, 300)
            .payer("2022-03", "52", 1, 100, 50) // a year earlier: YTD 50 (only March delivered)
            .target(2023, "52", "collected_vnd_ytd", 2400)
            .run("2023-03");

    String ytd = key("2023-03", REPORTED, "52", "collected_vnd_ytd");
    assertThat(value(rows, ytd)).isEqualTo(600.0);
    assertThat(column(rows, ytd, IndicatorColumns.TARGET)).isEqualTo(2400.0);
    assertThat(column(rows, ytd, IndicatorColumns.EXPECTED_TO_DATE)).isEqualTo(600.0);
    assertThat(column(rows, ytd, IndicatorColumns.ON_TRACK)).isEqualTo(true);
    assertThat(column(rows, ytd, IndicatorColumns.ATTAINMENT_PCT)).isEqualTo(25.0);
    assertThat(column(rows, ytd, IndicatorColumns.COMPLETE)).isEqualTo(true);
    assertThat(column(rows, ytd, IndicatorColumns.PREV_YEAR_VALUE)).isEqualTo(50.0);
    String month = key("2023-03", REPORTED, "52", "collected_vnd");
    assertThat(value(rows, month)).isEqualTo(300.0);
    assertThat(column(rows, month, IndicatorColumns.ON_TRACK)).isNull();
    assertThat(column(rows, month, IndicatorColumns.EXPECTED_TO_DATE)).isNull();
    assertThat(value(rows, key("2023-03", REPORTED, "52", "collection_rate_pct")))
        .isCloseTo(75.0, EXACT);
    // the region: 600 from the one province that delivered, flagged incomplete
    String region = key("2023-03", REPORTED, "NCC", "collected_vnd_ytd");
    assertThat(value(rows, region)).isEqualTo(600.0);
    assertThat(column(rows, region, IndicatorColumns.COMPLETE)).isEqualTo(false);
  }
}
