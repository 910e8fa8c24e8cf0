package vn.bhxh.pipeline.common.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.ValidationSettings.OutlierSettings;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.schema.ValidationColumns;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * The outlier detector on planted drops and jumps. A flat history of 10,000 has median change 0 and
 * MAD 0, so the scale is the floor 0.05 and the usual range of the month after is 10,000 × e^(±3.5
 * × 0.05) = 8,394.57 to 11,912.46; the same month a year before gives 10,000 / 1.5 to 10,000 × 1.5.
 */
@SparkTier
class OutlierDetectorTest {
  private static final String HI = "hi_participants";
  private static final IndicatorCatalogue CATALOGUE =
      IndicatorCatalogue.load(ConfigLoader.defaults().indicators().catalogue());
  private static final OutlierSettings SETTINGS =
      new OutlierSettings(List.of(HI), 24, 12, 3.5, 0.05, 1.5, Map.of("persons", 30.0), "warning");

  private final SparkSession spark = SparkTestSession.get();

  private List<Row> findings(IndicatorRows rows, String... periods) {
    return OutlierDetector.findings(rows.frame(spark), List.of(periods), SETTINGS, CATALOGUE)
        .orderBy(ValidationColumns.PERIOD, ValidationColumns.GEO_CODE, ValidationColumns.RULE)
        .collectAsList();
  }

  /** 24 months of {@code level} from 2023-01, then the given months from 2025-01. */
  private static IndicatorRows flat(String code, double level, double... then) {
    double[] values = new double[24 + then.length];
    Arrays.fill(values, 0, 24, level);
    System.arraycopy(then, 0, values, 24, then.length);
    return new IndicatorRows().history("2023-01", code, HI, values);
  }

  @Test
  void aFortyPercentDropIsFlaggedAgainstTheMonthBeforeAndTheYearBefore() {
    List<Row> found = findings(flat("01", 10_000, 6_000), "2025-01");
    assertThat(found)
        .extracting(
            r -> r.getAs(ValidationColumns.PERIOD),
            r -> r.getAs(ValidationColumns.BOUNDARY),
            r -> r.getAs(ValidationColumns.GEO_LEVEL),
            r -> r.getAs(ValidationColumns.GEO_CODE),
            r -> r.getAs(ValidationColumns.KIND),
            r -> r.getAs(ValidationColumns.RULE),
            r -> r.getAs(ValidationColumns.VALUE),
            r -> r.getAs(ValidationColumns.SEVERITY))
        .containsExactly(
            tuple(
                "2025-01",
                "current",
                "province",
                "01",
                "outlier",
                "outlier_month_change",
                6_000.0,
                "warning"),
            tuple(
                "2025-01",
                "current",
                "province",
                "01",
                "outlier",
                "outlier_year_change",
                6_000.0,
                "warning"));
    Row month = found.get(0);
    assertThat(month.<Double>getAs(ValidationColumns.EXPECTED_LOW))
        .isCloseTo(8_394.57, within(0.01));
    assertThat(month.<Double>getAs(ValidationColumns.EXPECTED_HIGH))
        .isCloseTo(11_912.46, within(0.01));
    // 23 changes: the first month of the history has no month before it.
    assertThat(month.<String>getAs(ValidationColumns.MESSAGE))
        .isEqualTo(
            "Province 01 (01) 2025-01: hi_participants is 6,000, 40.0% below the 10,000 expected"
                + " from the month before and the province's last 23 monthly changes (usual range"
                + " 8,395 to 11,912): check the province's file for the month before publishing.");
    Row year = found.get(1);
    assertThat(year.<Double>getAs(ValidationColumns.EXPECTED_LOW))
        .isCloseTo(6_666.67, within(0.01));
    assertThat(year.<Double>getAs(ValidationColumns.EXPECTED_HIGH))
        .isCloseTo(15_000.0, within(1e-6));
    assertThat(year.<String>getAs(ValidationColumns.MESSAGE))
        .contains("is 6,000, 40.0% below the 10,000 of 2024-01 (expected 6,667 to 15,000)");
  }

  @Test
  void aFifteenPercentDropIsWithinTheUsualRange() {
    assertThat(findings(flat("01", 10_000, 8_500), "2025-01")).isEmpty();
  }

  @Test
  void aTenfoldJumpIsFlaggedAndTheMonthAfterAGlitchIsNot() {
    List<Row> found = findings(flat("01", 10_000, 100_000, 10_000), "2025-01", "2025-02");
    assertThat(found)
        .extracting(r -> r.getAs(ValidationColumns.PERIOD), r -> r.getAs(ValidationColumns.RULE))
        .containsExactly(
            tuple("2025-01", "outlier_month_change"), tuple("2025-01", "outlier_year_change"));
    assertThat(found.get(0).<String>getAs(ValidationColumns.MESSAGE))
        .contains("is 100,000, 900.0% above the 10,000 expected");
  }

  @Test
  void aReturnFromTwoMonthsAtZeroHasAMessageWithoutAPercentage() {
    // 2025-01 and 2025-02 at 0, then 10,000 again: expected from the month before, 0 × e^0 = 0,
    // of which no percentage can be given (it was a null message, which the table refuses).
    List<Row> found = findings(flat("01", 10_000, 0, 0, 10_000), "2025-03");
    assertThat(found)
        .extracting(r -> r.getAs(ValidationColumns.RULE))
        .containsExactly("outlier_month_change");
    assertThat(found.get(0).<String>getAs(ValidationColumns.MESSAGE))
        .startsWith("Province 01 (01) 2025-03: hi_participants is 10,000, above the 0 expected");
  }

  @Test
  void theMedianIsSparksPercentileLinearBetweenTheTwoMiddleValues() {
    // position 0.5 × (n − 1) of the sorted values
    assertThat(OutlierDetector.percentile(List.of(5.0), 0.5)).isEqualTo(5.0);
    assertThat(OutlierDetector.percentile(List.of(3.0, 1.0, 2.0), 0.5)).isEqualTo(2.0);
    assertThat(OutlierDetector.percentile(List.of(4.0, 1.0, 3.0, 2.0), 0.5)).isEqualTo(2.5);
    assertThat(OutlierDetector.percentile(List.of(10.0, 1.0, 1.0, 2.0), 0.5)).isEqualTo(1.5);
  }

  @Test
  void aShortHistoryGivesNoFinding() {
    // 2024-07..2024-12: five changes (fewer than 12) and no month a year before.
    IndicatorRows rows =
        new IndicatorRows()
            .history("2024-07", "01", HI, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 6_000);
    assertThat(findings(rows, "2025-01")).isEmpty();
  }

  @Test
  void aMergedProvinceIsJudgedOnItsRebasedHistoryNotOnTheReportedJumpOfTheMerger() {
    // p63 provinces 34 and 35 (10,000 each) merge into p34 province 34 in 2025-07: the reported
    // boundary doubles, the current boundary is 20,000 throughout, then drops 40% in 2025-08.
    double[] current = new double[26];
    Arrays.fill(current, 20_000);
    current[25] = 12_000;
    IndicatorRows rows = new IndicatorRows().history("2023-07", "34", HI, current);
    for (String month : List.of("2025-05", "2025-06")) {
      rows.add(month, "reported", "34", "Thái Bình", HI, 10_000.0)
          .add(month, "reported", "35", "Hưng Yên", HI, 10_000.0);
    }
    rows.add("2025-07", "reported", "34", "Hưng Yên", HI, 20_000.0)
        .add("2025-08", "reported", "34", "Hưng Yên", HI, 12_000.0);
    List<Row> found = findings(rows, "2025-07", "2025-08");
    assertThat(found)
        .extracting(
            r -> r.getAs(ValidationColumns.PERIOD),
            r -> r.getAs(ValidationColumns.BOUNDARY),
            r -> r.getAs(ValidationColumns.GEO_CODE),
            r -> r.getAs(ValidationColumns.RULE))
        .containsExactly(
            tuple("2025-08", "current", "34", "outlier_month_change"),
            tuple("2025-08", "current", "34", "outlier_year_change"));
    // 20,000 × e^(−3.5 × 0.05) and 20,000 / 1.5.
    assertThat(found.get(0).<Double>getAs(ValidationColumns.EXPECTED_LOW))
        .isCloseTo(16_789.14, within(0.01));
    assertThat(found.get(1).<Double>getAs(ValidationColumns.EXPECTED_LOW))
        .isCloseTo(13_333.33, within(0.01));
  }

  @Test
  void theAbsoluteFloorKeepsTinyProvincesQuiet() {
    // Both halve: 40 → 20 is 20 persons (under the floor of 30), 100 → 50 is 50 persons.
    IndicatorRows rows = flat("98", 100, 50);
    double[] tiny = new double[25];
    Arrays.fill(tiny, 40);
    tiny[24] = 20;
    rows.history("2023-01", "99", HI, tiny);
    assertThat(findings(rows, "2025-01"))
        .extracting(r -> r.getAs(ValidationColumns.GEO_CODE), r -> r.getAs(ValidationColumns.RULE))
        .containsExactly(tuple("98", "outlier_month_change"), tuple("98", "outlier_year_change"));
  }

  @Test
  void otherIndicatorsAndLevelsAreNotExamined() {
    IndicatorRows rows =
        new IndicatorRows().history("2023-01", "01", "ui_participants", flatThenDrop());
    assertThat(findings(rows, "2025-01")).isEmpty();
  }

  private static double[] flatThenDrop() {
    double[] values = new double[25];
    Arrays.fill(values, 10_000);
    values[24] = 1_000;
    return values;
  }
}
