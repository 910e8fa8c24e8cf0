package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.key;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * Year-to-date distinct counts ({@code ytd-distinct}) on inline benefits rows, expectations worked
 * out by hand from the rows (listed next to each figure as the set of persons counted).
 *
 * <p>Codes: p63 Bình Định 52 and Phú Yên 54 (region NCC), Gia Lai 64 (region CH). From 2025-07 p34
 * Gia Lai 52 = Bình Định + old Gia Lai; p34 Đắk Lắk 66 ⊃ Phú Yên; both in region SCCH.
 */
@SparkTier
class YearToDateDistinctTest {
  private static final String REPORTED = IndicatorColumns.BOUNDARY_REPORTED;
  private static final String CURRENT = IndicatorColumns.BOUNDARY_CURRENT;
  private static final String SI_YTD = "si_benefit_recipients_ytd";
  private static final String HI_YTD = "hi_treated_persons_ytd";

  private static Double value(Map<String, Row> rows, String key) {
    Row row = rows.get(key);
    assertThat(row).as(key).isNotNull();
    return row.<Double>getAs(IndicatorColumns.VALUE);
  }

  private static void expect(
      Map<String, Row> rows, String boundary, String indicator, String geo, double... byMonth) {
    String[] months = {"2023-01", "2023-02", "2023-03"};
    for (int i = 0; i < byMonth.length; i++) {
      String key = key(months[i], boundary, geo, indicator);
      assertThat(value(rows, key)).as(key).isEqualTo(byMonth[i]);
    }
  }

  /**
   * Persons 1 (pensioner, paid every month in 52), 2 (sick in 54 in February, maternity in 52 in
   * March), 3 (treated in 52 in January and March, sick in 64 in March), 4 (treated in 54 in
   * February and March), 5 (treated in 54 in January and February), 6 (pensioner in 64).
   */
  private static IndicatorComputationFixture firstQuarter2023() {
    return new IndicatorComputationFixture()
        .claim("2023-01", "52", 1, "OLD_AGE", 10)
        .claim("2023-01", "52", 3, "HI_OUTPATIENT", 10)
        .claim("2023-01", "54", 5, "HI_OUTPATIENT", 10)
        .claim("2023-01", "64", 6, "OLD_AGE", 10)
        .claim("2023-02", "52", 1, "OLD_AGE", 10)
        .claim("2023-02", "54", 2, "SICKNESS", 10)
        .claim("2023-02", "54", 4, "HI_OUTPATIENT", 10)
        .claim("2023-02", "54", 5, "HI_OUTPATIENT", 10)
        .claim("2023-02", "64", 6, "OLD_AGE", 10)
        .claim("2023-03", "52", 1, "OLD_AGE", 10)
        .claim("2023-03", "52", 2, "MATERNITY", 10)
        .claim("2023-03", "52", 3, "HI_INPATIENT", 10)
        .claim("2023-03", "54", 4, "HI_OUTPATIENT", 10)
        .claim("2023-03", "64", 3, "SICKNESS", 10)
        .claim("2023-03", "64", 6, "OLD_AGE", 10);
  }

  @Test
  void personsSeenInSeveralMonthsAndProvincesCountOnceInTheYear() {
    Map<String, Row> rows = firstQuarter2023().run("2023-01", "2023-02", "2023-03");

    // SI recipients: Jan 52 {1}, 64 {6}; Feb 52 {1}, 54 {2}, 64 {6}; Mar 52 {1,2}, 64 {3,6}.
    expect(rows, REPORTED, SI_YTD, "52", 1, 1, 2); // {1} {1} {1,2}
    expect(rows, REPORTED, SI_YTD, "54", 0, 1, 1); // {} {2} {2}
    expect(rows, REPORTED, SI_YTD, "64", 1, 1, 2); // {6} {6} {6,3}
    expect(rows, REPORTED, SI_YTD, "NCC", 1, 2, 2); // {1} {1,2} {1,2}: 2 once
    expect(rows, REPORTED, SI_YTD, "CH", 1, 1, 2);
    expect(rows, REPORTED, SI_YTD, "VN", 2, 3, 4); // {1,6} {1,2,6} {1,2,3,6}
    // The monthly counts at VN are 2, 3, 4: their sum, 9, is not the quarter's 4 recipients.
    expect(rows, REPORTED, "si_benefit_recipients", "VN", 2, 3, 4);
    // current: p34 Gia Lai 52 = 52 + 64, Đắk Lắk 66 ⊃ 54, both in SCCH.
    expect(rows, CURRENT, SI_YTD, "52", 2, 2, 4); // {1,6} {1,6} {1,2,3,6}
    expect(rows, CURRENT, SI_YTD, "66", 0, 1, 1);
    expect(rows, CURRENT, SI_YTD, "SCCH", 2, 3, 4);
    expect(rows, CURRENT, SI_YTD, "VN", 2, 3, 4);

    // HI treated: Jan 52 {3}, 54 {5}; Feb 54 {4,5}; Mar 52 {3}, 54 {4}.
    expect(rows, REPORTED, HI_YTD, "52", 1, 1, 1); // person 3 twice
    expect(rows, REPORTED, HI_YTD, "54", 1, 2, 2); // {5} {4,5} {4,5}
    expect(rows, REPORTED, HI_YTD, "64", 0, 0, 0);
    expect(rows, REPORTED, HI_YTD, "NCC", 2, 3, 3);
    expect(rows, REPORTED, HI_YTD, "VN", 2, 3, 3);
    expect(rows, REPORTED, "hi_treated_persons", "VN", 2, 2, 2);
    expect(rows, CURRENT, HI_YTD, "52", 1, 1, 1);

    // No year earlier: no year-on-year; January is complete only for the provinces delivered.
    Row march = rows.get(key("2023-03", REPORTED, "VN", SI_YTD));
    assertThat(march.<Double>getAs(IndicatorColumns.PREV_YEAR_VALUE)).isNull();
    Row province = rows.get(key("2023-03", REPORTED, "52", SI_YTD));
    assertThat(province.<Boolean>getAs(IndicatorColumns.COMPLETE)).isTrue();
  }

  @Test
  void theSameFiguresComeWithAdaptiveExecutionOff() {
    // spark.sql.adaptive.enabled=false (a cluster's setting) once made the join of the counts
    // fail in Spark's analyser (INTERNAL_ERROR, conflicting attributes)
    String key = "spark.sql.adaptive.enabled";
    String before = IndicatorComputationFixture.SPARK.conf().get(key);
    IndicatorComputationFixture.SPARK.conf().set(key, "false");
    try {
      Map<String, Row> rows = firstQuarter2023().run("2023-01", "2023-02", "2023-03");

      expect(rows, REPORTED, SI_YTD, "NCC", 1, 2, 2); // {1} {1,2} {1,2}
      expect(rows, REPORTED, SI_YTD, "VN", 2, 3, 4); // {1,6} {1,2,6} {1,2,3,6}
      expect(rows, CURRENT, SI_YTD, "52", 2, 2, 4); // {1,6} {1,6} {1,2,3,6}
      expect(rows, REPORTED, HI_YTD, "54", 1, 2, 2); // {5} {4,5} {4,5}
    } finally {
      IndicatorComputationFixture.SPARK.conf().set(key, before);
    }
  }

  @Test
  void aProvinceMergedMidYearCountsItsPersonsOnceAcrossTheMerger() {
    // 2025-03 and 2025-05 in p63 codes, 2025-07 and 2025-08 in p34 codes.
    Map<String, Row> rows =
        new IndicatorComputationFixture()
            .claim("2025-03", "52", 1, "OLD_AGE", 10)
            .claim("2025-03", "54", 2, "SICKNESS", 10)
            .claim("2025-03", "64", 3, "OLD_AGE", 10)
            .claim("2025-05", "52", 4, "SICKNESS", 10)
            .claim("2025-05", "64", 1, "OLD_AGE", 10) // moved from Bình Định to old Gia Lai
            .claim("2025-07", "52", 1, "OLD_AGE", 10) // the same person in the merged Gia Lai
            .claim("2025-07", "52", 5, "SICKNESS", 10)
            .claim("2025-07", "66", 2, "OLD_AGE", 10)
            .claim("2025-08", "52", 4, "MATERNITY", 10)
            .claim("2025-08", "66", 6, "SICKNESS", 10)
            .run("2025-03", "2025-05", "2025-07", "2025-08");

    // reported, January to June: the p63 provinces and regions.
    assertThat(value(rows, key("2025-03", REPORTED, "52", SI_YTD))).isEqualTo(1.0); // {1}
    assertThat(value(rows, key("2025-03", REPORTED, "NCC", SI_YTD))).isEqualTo(2.0); // {1,2}
    assertThat(value(rows, key("2025-05", REPORTED, "52", SI_YTD))).isEqualTo(2.0); // {1,4}
    assertThat(value(rows, key("2025-05", REPORTED, "64", SI_YTD))).isEqualTo(2.0); // {3,1}
    assertThat(value(rows, key("2025-05", REPORTED, "NCC", SI_YTD))).isEqualTo(3.0); // {1,2,4}
    assertThat(value(rows, key("2025-05", REPORTED, "CH", SI_YTD))).isEqualTo(2.0); // {1,3}
    assertThat(rows).doesNotContainKey(key("2025-07", REPORTED, "NCC", SI_YTD));

    // current: p34 Gia Lai 52 holds Bình Định and old Gia Lai from January.
    String[] months = {"2025-03", "2025-05", "2025-07", "2025-08"};
    double[] gialai = {2, 3, 4, 4}; // {1,3} {1,3,4} {1,3,4,5} {1,3,4,5}: 1 and 4 once
    double[] daklak = {1, 1, 1, 2}; // {2} {2} {2} {2,6}
    double[] nation = {3, 4, 5, 6};
    for (int i = 0; i < months.length; i++) {
      assertThat(value(rows, key(months[i], CURRENT, "52", SI_YTD))).isEqualTo(gialai[i]);
      assertThat(value(rows, key(months[i], CURRENT, "66", SI_YTD))).isEqualTo(daklak[i]);
      assertThat(value(rows, key(months[i], CURRENT, "VN", SI_YTD))).isEqualTo(nation[i]);
      assertThat(value(rows, key(months[i], REPORTED, "VN", SI_YTD))).isEqualTo(nation[i]);
    }
    // reported from 2025-07: the year within the p34 territory, earlier months crosswalked.
    assertThat(value(rows, key("2025-07", REPORTED, "52", SI_YTD))).isEqualTo(4.0);
    assertThat(value(rows, key("2025-08", REPORTED, "66", SI_YTD))).isEqualTo(2.0);
    assertThat(value(rows, key("2025-08", REPORTED, "SCCH", SI_YTD))).isEqualTo(6.0);
    // January, February, April and June are missing: never complete.
    assertThat(rows.get(key("2025-08", CURRENT, "VN", SI_YTD)).<Boolean>getAs("complete"))
        .isFalse();
  }

  @Test
  void aRedeliveredMonthReplacesItsPersonsInEveryLaterMonthOfTheYear() {
    // February re-delivered by 54: person 2 (sick) was a mistake, person 7 was paid instead.
    IndicatorComputationFixture redelivered =
        new IndicatorComputationFixture()
            .claim("2023-01", "52", 1, "OLD_AGE", 10)
            .claim("2023-01", "64", 6, "OLD_AGE", 10)
            .claim("2023-02", "52", 1, "OLD_AGE", 10)
            .claim("2023-02", "54", 7, "SICKNESS", 10)
            .claim("2023-02", "54", 8, "SICKNESS", 10)
            .claim("2023-02", "64", 6, "OLD_AGE", 10)
            .claim("2023-03", "52", 1, "OLD_AGE", 10)
            .claim("2023-03", "52", 2, "MATERNITY", 10)
            .claim("2023-03", "64", 3, "SICKNESS", 10)
            .claim("2023-03", "64", 6, "OLD_AGE", 10);
    Map<String, Row> before = firstQuarter2023().run("2023-03");
    Map<String, Row> after = redelivered.run("2023-03");

    assertThat(value(before, key("2023-03", REPORTED, "54", SI_YTD))).isEqualTo(1.0); // {2}
    assertThat(value(after, key("2023-03", REPORTED, "54", SI_YTD))).isEqualTo(2.0); // {7,8}
    // Person 2 still counts at NCC through March in 52: {1,2} before, {1,2,7,8} after.
    assertThat(value(before, key("2023-03", REPORTED, "NCC", SI_YTD))).isEqualTo(2.0);
    assertThat(value(after, key("2023-03", REPORTED, "NCC", SI_YTD))).isEqualTo(4.0);
    assertThat(value(after, key("2023-03", REPORTED, "VN", SI_YTD))).isEqualTo(6.0);
  }

  @Test
  void aYearEarlierGivesTheYearOnYearChangeOfTheQuarter() {
    Map<String, Row> rows =
        new IndicatorComputationFixture()
            .claim("2022-01", "52", 1, "OLD_AGE", 10)
            .claim("2022-02", "52", 1, "OLD_AGE", 10)
            .claim("2022-03", "52", 1, "OLD_AGE", 10)
            .claim("2023-01", "52", 1, "OLD_AGE", 10)
            .claim("2023-02", "52", 2, "OLD_AGE", 10)
            .claim("2023-03", "52", 3, "OLD_AGE", 10)
            .target(2023, "52", SI_YTD, 6)
            .run("2023-03");
    Row march = rows.get(key("2023-03", REPORTED, "52", SI_YTD));
    assertThat(march.<Double>getAs(IndicatorColumns.VALUE)).isEqualTo(3.0); // {1,2,3}
    assertThat(march.<Double>getAs(IndicatorColumns.PREV_YEAR_VALUE)).isEqualTo(1.0); // {1}
    assertThat(march.<Double>getAs(IndicatorColumns.YOY_CHANGE_PCT)).isEqualTo(200.0);
    assertThat(march.<Double>getAs(IndicatorColumns.TARGET)).isEqualTo(6.0);
    assertThat(march.<Double>getAs(IndicatorColumns.ATTAINMENT_PCT)).isEqualTo(50.0);
    assertThat(march.<Double>getAs(IndicatorColumns.EXPECTED_TO_DATE)).isEqualTo(1.5);
    assertThat(march.<Boolean>getAs(IndicatorColumns.ON_TRACK)).isTrue();
  }
}
