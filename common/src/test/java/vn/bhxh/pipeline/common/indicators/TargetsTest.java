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
  private static final String TARGET = IndicatorColumns.TARGET;

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
    Dataset<Row> indicators = fixture.frame("2023-10");

    // CH: 10 + 20 + 30 + 40 + 50 = 150; NCC: none (54 has no target); VN: given
    assertSameRows(
        rows(row("62", 10.0), row("CH", 150.0), row("NCC", null), row("VN", 1000.0)),
        slice(indicators, REPORTED, "si_participants", List.of("62", "CH", "NCC", "VN"), TARGET));
    // Kon Tum: 5 participants against 10
    assertSameRows(
        rows(row("62", 5.0, 10.0, 50.0)),
        slice(
            indicators,
            REPORTED,
            "si_participants",
            List.of("62"),
            IndicatorColumns.VALUE,
            TARGET,
            IndicatorColumns.ATTAINMENT_PCT));
    // a ratio target aggregates target × denominator: (90·100 + 80·200 + 100·300) / 600 = 91.67,
    // where the mean of the provincial targets would be 94
    assertSameRows(
        rows(row("CH", 55_000.0 / 600)),
        slice(indicators, REPORTED, "hi_coverage_pct", List.of("CH"), TARGET));
    // current: p34 Lâm Đồng 68 = Đắk Nông 67 + Lâm Đồng 68 (and Bình Thuận 60, no target);
    // p34 Gia Lai 52 = Bình Định 52 (7) + Gia Lai 64 (20)
    assertSameRows(
        rows(row("52", 27.0), row("68", null)),
        slice(indicators, CURRENT, "si_participants", List.of("52", "68"), TARGET));
  }

  @Test
  void aRatioTargetIsDerivedOnlyWhenEveryProvinceHasADenominator() {
    IndicatorComputationFixture fixture = new IndicatorComputationFixture();
    String[] ch = {"62", "64", "66", "67", "68"};
    for (int i = 0; i < ch.length; i++) {
      fixture
          .target(2023, ch[i], "si_participants", 10 * (i + 1))
          .target(2023, ch[i], "hi_coverage_pct", 90);
      if (!ch[i].equals("68")) {
        fixture.population(2023, ch[i], 100, 50); // Lâm Đồng 68 has none
      }
    }
    fixture.person("2023-10", "62", 1, "HI");
    Dataset<Row> indicators = fixture.frame("2023-10");

    // counts need no denominator: 10 + 20 + 30 + 40 + 50; the coverage target cannot be weighted
    assertSameRows(
        rows(row("CH", 150.0)),
        slice(indicators, REPORTED, "si_participants", List.of("CH"), TARGET));
    assertSameRows(
        rows(row("62", 90.0), row("CH", null)),
        slice(indicators, REPORTED, "hi_coverage_pct", List.of("62", "CH"), TARGET));
  }
}
