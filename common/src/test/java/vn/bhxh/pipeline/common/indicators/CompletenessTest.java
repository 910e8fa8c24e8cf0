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
  private static final String VALUE = IndicatorColumns.VALUE;
  private static final String COMPLETE = IndicatorColumns.COMPLETE;

  @Test
  void aMissingProvinceMakesItsRegionAndTheNationIncomplete() {
    IndicatorComputationFixture fixture = new IndicatorComputationFixture();
    long key = 1;
    for (String province : new String[] {"62", "64", "66", "67"}) { // Lâm Đồng 68 is missing
      fixture.person("2023-10", province, key++, "HI");
    }
    Dataset<Row> indicators = fixture.frame("2023-10");

    // 68 has no value; CH and the nation add up the four that delivered, flagged incomplete
    assertSameRows(
        rows(
            row("62", 1.0, true),
            row("68", null, false),
            row("CH", 4.0, false),
            row("VN", 4.0, false)),
        slice(
            indicators,
            REPORTED,
            "hi_participants",
            List.of("62", "68", "CH", "VN"),
            VALUE,
            COMPLETE));
    // current: p34 Gia Lai 52 = Bình Định 52 (missing) + Gia Lai 64 (delivered, one person)
    assertSameRows(
        rows(row("52", 1.0, false)),
        slice(indicators, CURRENT, "hi_participants", List.of("52"), VALUE, COMPLETE));
  }
}
