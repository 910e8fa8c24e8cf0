package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.column;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.key;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * {@link Targets}: targets given, derived and re-based, on a handful of inline rows run through
 * {@link IndicatorComputation}, with expectations computed by hand.
 *
 * <p>Codes used: p63 Bình Định 52 and Phú Yên 54 (region NCC); Central Highlands CH = Kon Tum 62,
 * Gia Lai 64, Đắk Lắk 66, Đắk Nông 67, Lâm Đồng 68. From 2025-07 p34 Gia Lai 52 = Bình Định + old
 * Gia Lai 64; Đắk Lắk 66 = Đắk Lắk + Phú Yên 54 (region SCCH).
 */
@SparkTier
class TargetsTest {
  private static final String REPORTED = IndicatorColumns.BOUNDARY_REPORTED;
  private static final String CURRENT = IndicatorColumns.BOUNDARY_CURRENT;
  private static final Offset<Double> EXACT = within(1e-9);

  @Test
  void regionalTargetsAreDerivedOnlyWhenEveryProvinceHasOneAndAreReBasedForCurrent() {
    IndicatorComputationFixture fixture = new IndicatorComputationFixture();
    String[] ch = {"62", "64", "66", "67", "68"};
    double[] siTargets = {10, 20, 30, 40, 50};
    double[] hiTargets = {90, 80, 100, 100, 100};
    long[] populations = {100, 200, 100, 100, 100};
    for (int i = 0; i < ch.length; i++) {
      fixture
          .target(2023, ch[i], "si_participants", siTargets[i])
          .target(2023, ch[i], "hi_coverage_pct", hiTargets[i])
          .population(2023, ch[i], populations[i], populations[i] / 2);
    }
    fixture.target(2023, "52", "si_participants", 7); // NCC: only one province has a target
    fixture.target(2023, "VN", "si_participants", 1000); // given: wins over any derivation
    for (long key = 1; key <= 5; key++) {
      fixture.person("2023-10", "62", key, "SI_COMPULSORY");
    }
    Map<String, Row> rows = fixture.run("2023-10");

    assertThat(column(rows, key("2023-10", REPORTED, "CH", "si_participants"), "target"))
        .isEqualTo(150.0);
    assertThat(column(rows, key("2023-10", REPORTED, "NCC", "si_participants"), "target")).isNull();
    assertThat(column(rows, key("2023-10", REPORTED, "VN", "si_participants"), "target"))
        .isEqualTo(1000.0);
    String kontum = key("2023-10", REPORTED, "62", "si_participants");
    assertThat(column(rows, kontum, IndicatorColumns.TARGET)).isEqualTo(10.0);
    assertThat(column(rows, kontum, IndicatorColumns.ATTAINMENT_PCT)).isEqualTo(50.0);
    // a ratio target aggregates target × denominator: (90·100 + 80·200 + 100·300) / 600 = 91.67,
    // where the mean of the provincial targets would be 94
    assertThat((Double) column(rows, key("2023-10", REPORTED, "CH", "hi_coverage_pct"), "target"))
        .isCloseTo(55_000.0 / 600, EXACT);
    // current: p34 Lâm Đồng 68 = Đắk Nông 67 + Lâm Đồng 68 (and Bình Thuận 60, no target)
    assertThat(column(rows, key("2023-10", CURRENT, "68", "si_participants"), "target")).isNull();
    // p34 Gia Lai 52 = Bình Định 52 (7) + Gia Lai 64 (20)
    assertThat(column(rows, key("2023-10", CURRENT, "52", "si_participants"), "target"))
        .isEqualTo(27.0);
  }
}
