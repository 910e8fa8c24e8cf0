package vn.bhxh.pipeline.common.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.schema.ValidationColumns;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * The shipped built-in rules on inline rows: each fires just past its bound and stays silent at it.
 */
@SparkTier
class ValidationTransformsTest {
  private static final String REPORTED = "reported";
  private static final String CURRENT = "current";
  private static final String MONTH = "2025-03";
  private static final IndicatorCatalogue CATALOGUE =
      IndicatorCatalogue.load(ConfigLoader.defaults().indicators().catalogue());
  private static final ValidationRules RULES =
      ValidationRules.load(ConfigLoader.defaults().validation().rules(), CATALOGUE);

  private final SparkSession spark = SparkTestSession.get();

  private List<Row> findings(IndicatorRows rows) {
    return ValidationTransforms.ruleFindings(rows.frame(spark), RULES, List.of(MONTH))
        .orderBy(ValidationColumns.RULE, ValidationColumns.GEO_CODE)
        .collectAsList();
  }

  /** Province 01 one past each bound, province 02 exactly at it. */
  private static IndicatorRows pair(String left, double past, String right, double rightValue) {
    return new IndicatorRows()
        .add(MONTH, REPORTED, "01", "Hà Nội", left, past)
        .add(MONTH, REPORTED, "01", "Hà Nội", right, rightValue)
        .add(MONTH, REPORTED, "02", "Hà Giang", left, rightValue)
        .add(MONTH, REPORTED, "02", "Hà Giang", right, rightValue);
  }

  @Test
  void uiWithinCompulsoryFiresAboveTheCompulsoryParticipantsAndNotAtThem() {
    List<Row> found = findings(pair("ui_participants", 101, "si_compulsory_participants", 100));
    assertThat(found)
        .extracting(
            r -> r.getAs(ValidationColumns.RULE),
            r -> r.getAs(ValidationColumns.GEO_CODE),
            r -> r.getAs(ValidationColumns.INDICATOR),
            r -> r.getAs(ValidationColumns.VALUE),
            r -> r.getAs(ValidationColumns.EXPECTED_LOW),
            r -> r.getAs(ValidationColumns.EXPECTED_HIGH),
            r -> r.getAs(ValidationColumns.SEVERITY),
            r -> r.getAs(ValidationColumns.KIND))
        .containsExactly(
            tuple(
                "ui_within_compulsory",
                "01",
                "ui_participants",
                101.0,
                null,
                100.0,
                "error",
                "rule"));
    assertThat(found.get(0).<String>getAs(ValidationColumns.MESSAGE))
        .isEqualTo(
            "Hà Nội (01) 2025-03: 101 unemployment-insurance participants exceed the 100"
                + " compulsory social-insurance participants by 1.0% (UI requires compulsory"
                + " SI): check the participation file.");
  }

  @Test
  void siWithinWorkingAgeFiresAboveTheWorkingAgePopulationAndNotAtIt() {
    List<Row> found = findings(pair("si_participants", 5_001, "working_age_population", 5_000));
    assertThat(found)
        .extracting(
            r -> r.getAs(ValidationColumns.RULE),
            r -> r.getAs(ValidationColumns.GEO_CODE),
            r -> r.getAs(ValidationColumns.EXPECTED_HIGH))
        .containsExactly(tuple("si_within_working_age", "01", 5_000.0));
    assertThat(found.get(0).<String>getAs(ValidationColumns.MESSAGE)).contains("by 0.0%");
  }

  @Test
  void hiWithinPopulationAllowsFivePercentAbove() {
    // 1,000 × 1.05 = 1,050: 1,050 holds, 1,051 is 1/1,050 = 0.095…% past the bound.
    IndicatorRows rows =
        new IndicatorRows()
            .add(MONTH, REPORTED, "01", "Hà Nội", "hi_participants", 1_051.0)
            .add(MONTH, REPORTED, "01", "Hà Nội", "population", 1_000.0)
            .add(MONTH, REPORTED, "02", "Hà Giang", "hi_participants", 1_050.0)
            .add(MONTH, REPORTED, "02", "Hà Giang", "population", 1_000.0);
    List<Row> found = findings(rows);
    assertThat(found)
        .extracting(
            r -> r.getAs(ValidationColumns.RULE),
            r -> r.getAs(ValidationColumns.GEO_CODE),
            r -> r.getAs(ValidationColumns.VALUE),
            r -> r.getAs(ValidationColumns.EXPECTED_HIGH))
        .containsExactly(tuple("hi_within_population", "01", 1_051.0, 1_050.0));
    assertThat(found.get(0).<String>getAs(ValidationColumns.MESSAGE))
        .contains("1,051 health-insurance participants exceed 105% of the population (1,050)")
        .contains("by 0.1%");
  }

  @Test
  void paidWithinDueAllowsThreeTimesTheDueAmount() {
    IndicatorRows rows =
        new IndicatorRows()
            .add(MONTH, REPORTED, "01", "Hà Nội", "collected_vnd", 30_000_000_000.0)
            .add(MONTH, REPORTED, "01", "Hà Nội", "due_vnd", 2_000_000_000.0)
            .add(MONTH, REPORTED, "02", "Hà Giang", "collected_vnd", 6_000_000_000.0)
            .add(MONTH, REPORTED, "02", "Hà Giang", "due_vnd", 2_000_000_000.0);
    List<Row> found = findings(rows);
    assertThat(found)
        .extracting(
            r -> r.getAs(ValidationColumns.RULE),
            r -> r.getAs(ValidationColumns.GEO_CODE),
            r -> r.getAs(ValidationColumns.EXPECTED_HIGH),
            r -> r.getAs(ValidationColumns.SEVERITY))
        .containsExactly(tuple("paid_within_due", "01", 6_000_000_000.0, "warning"));
    // Ten times the due amount: 30 bn against a bound of 6 bn is 400% over.
    assertThat(found.get(0).<String>getAs(ValidationColumns.MESSAGE))
        .contains("30,000,000,000 VND collected")
        .contains("2,000,000,000 VND due (over by 400.0%)");
  }

  @Test
  void everyLevelIsCheckedButOnlyTheReportedBoundaryOtherMonthsAndBothSidesPresent() {
    IndicatorRows rows =
        new IndicatorRows()
            .add(MONTH, REPORTED, "nation", "VN", "Việt Nam", "ui_participants", 11.0)
            .add(MONTH, REPORTED, "nation", "VN", "Việt Nam", "si_compulsory_participants", 10.0)
            .add(MONTH, REPORTED, "region", "R1", null, "ui_participants", 11.0)
            .add(MONTH, REPORTED, "region", "R1", null, "si_compulsory_participants", 10.0)
            // the current boundary is not checked by default
            .add(MONTH, CURRENT, "01", "Hà Nội", "ui_participants", 11.0)
            .add(MONTH, CURRENT, "01", "Hà Nội", "si_compulsory_participants", 10.0)
            // another month is not asked for
            .add("2025-02", REPORTED, "01", "Hà Nội", "ui_participants", 11.0)
            .add("2025-02", REPORTED, "01", "Hà Nội", "si_compulsory_participants", 10.0)
            // no right-hand side (a month without population): silent
            .add(MONTH, REPORTED, "01", "Hà Nội", "hi_participants", 1e9)
            .add(MONTH, REPORTED, "02", "Hà Giang", "hi_participants", 1e9)
            .add(MONTH, REPORTED, "02", "Hà Giang", "population", null);
    List<Row> found = findings(rows);
    assertThat(found)
        .extracting(
            r -> r.getAs(ValidationColumns.GEO_LEVEL),
            r -> r.getAs(ValidationColumns.GEO_CODE),
            r -> r.getAs(ValidationColumns.BOUNDARY))
        .containsExactlyInAnyOrder(
            tuple("nation", "VN", REPORTED), tuple("region", "R1", REPORTED));
    // A territory without a name is named by its code.
    assertThat(
            found.stream()
                .map(r -> r.<String>getAs(ValidationColumns.MESSAGE))
                .filter(m -> m.startsWith("R1 (R1) 2025-03: 11 ")))
        .hasSize(1);
  }

  @Test
  void theResultHasExactlyTheContractColumns() {
    assertThat(
            ValidationTransforms.ruleFindings(
                    new IndicatorRows().frame(spark), RULES, List.of(MONTH))
                .schema()
                .fieldNames())
        .containsExactly(ValidationColumns.TABLE_SCHEMA.fieldNames());
  }
}
