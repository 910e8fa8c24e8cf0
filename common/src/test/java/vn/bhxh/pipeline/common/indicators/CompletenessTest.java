package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.column;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.key;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.value;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * {@link Completeness}: a territory is complete when every province of it delivered, on a handful
 * of inline rows run through {@link IndicatorComputation}, with expectations computed by hand.
 *
 * <p>Codes used: p63 Bình Định 52 and Phú Yên 54 (region NCC); Central Highlands CH = Kon Tum 62,
 * Gia Lai 64, Đắk Lắk 66, Đắk Nông 67, Lâm Đồng 68. From 2025-07 p34 Gia Lai 52 = Bình Định + old
 * Gia Lai 64; Đắk Lắk 66 = Đắk Lắk + Phú Yên 54 (region SCCH).
 */
@SparkTier
class CompletenessTest {
  private static final String REPORTED = IndicatorColumns.BOUNDARY_REPORTED;
  private static final String CURRENT = IndicatorColumns.BOUNDARY_CURRENT;

  @Test
  void aMissingProvinceMakesItsRegionAndTheNationIncomplete() {
    IndicatorComputationFixture fixture = new IndicatorComputationFixture();
    long key = 1;
    for (String province : new String[] {"62", "64", "66", "67"}) { // Lâm Đồng 68 is missing
      fixture.person("2023-10", province, key++, "HI");
    }
    Map<String, Row> rows = fixture.run("2023-10");

    assertThat(column(rows, key("2023-10", REPORTED, "62", "hi_participants"), "complete"))
        .isEqualTo(true);
    assertThat(column(rows, key("2023-10", REPORTED, "68", "hi_participants"), "complete"))
        .isEqualTo(false);
    assertThat(value(rows, key("2023-10", REPORTED, "62", "hi_participants"))).isEqualTo(1.0);
    assertThat(column(rows, key("2023-10", REPORTED, "68", "hi_participants"), "value")).isNull();
    assertThat(column(rows, key("2023-10", REPORTED, "CH", "hi_participants"), "complete"))
        .isEqualTo(false);
    assertThat(value(rows, key("2023-10", REPORTED, "CH", "hi_participants"))).isEqualTo(4.0);
    assertThat(column(rows, key("2023-10", REPORTED, "VN", "hi_participants"), "complete"))
        .isEqualTo(false);
    // current: p34 Gia Lai 52 = Bình Định 52 (missing) + Gia Lai 64 (delivered)
    assertThat(column(rows, key("2023-10", CURRENT, "52", "hi_participants"), "complete"))
        .isEqualTo(false);
  }
}
