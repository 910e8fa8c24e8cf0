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
  private static final Offset<Double> EXACT = within(1e-9);

  @Test
  void yearOverYearComparesTheSameTerritoryReBasedAcrossTheMerger() {
    Map<String, Row> rows =
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
            .run("2025-07");

    for (String boundary : new String[] {REPORTED, CURRENT}) {
      String gialai = key("2025-07", boundary, "52", "hi_participants");
      assertThat(value(rows, gialai)).isEqualTo(4.0);
      assertThat(column(rows, gialai, IndicatorColumns.PREV_YEAR_VALUE)).isEqualTo(3.0);
      assertThat(column(rows, gialai, IndicatorColumns.YOY_CHANGE)).isEqualTo(1.0);
      assertThat((Double) column(rows, gialai, IndicatorColumns.YOY_CHANGE_PCT))
          .isCloseTo(100.0 / 3, EXACT);
      // population re-based to p34 for a month after the merger: 100 + 50
      String coverage = key("2025-07", boundary, "52", "hi_coverage_pct");
      assertThat(column(rows, coverage, IndicatorColumns.DENOMINATOR)).isEqualTo(150.0);
      assertThat(value(rows, coverage)).isCloseTo(400.0 / 150, EXACT);
    }
    // no p63 territory is reported in a p34 month
    assertThat(rows).doesNotContainKey(key("2025-07", REPORTED, "64", "hi_participants"));
    assertThat(rows).doesNotContainKey(key("2025-07", REPORTED, "CH", "hi_participants"));
  }

  @Test
  void theCurrentBoundaryReBasesPopulationOfAP63Month() {
    Map<String, Row> rows =
        new IndicatorComputationFixture()
            .person("2024-07", "52", 1, "HI")
            .population(2024, "52", 100, 60)
            .population(2024, "64", 50, 30)
            .run("2024-07");

    assertThat(value(rows, key("2024-07", REPORTED, "52", "population"))).isEqualTo(100.0);
    assertThat(value(rows, key("2024-07", REPORTED, "64", "population"))).isEqualTo(50.0);
    assertThat(value(rows, key("2024-07", CURRENT, "52", "population"))).isEqualTo(150.0);
    assertThat(value(rows, key("2024-07", CURRENT, "52", "working_age_population")))
        .isEqualTo(90.0);
  }
}
