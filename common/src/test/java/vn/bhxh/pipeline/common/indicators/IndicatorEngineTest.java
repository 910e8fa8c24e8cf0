package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.key;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;

/**
 * The engine's semantics on a handful of inline rows, with expectations computed by hand.
 *
 * <p>Codes used: p63 Bình Định 52 and Phú Yên 54 (region NCC); Central Highlands CH = Kon Tum 62,
 * Gia Lai 64, Đắk Lắk 66, Đắk Nông 67, Lâm Đồng 68. From 2025-07 p34 Gia Lai 52 = Bình Định + old
 * Gia Lai 64; Đắk Lắk 66 = Đắk Lắk + Phú Yên 54 (region SCCH).
 */
class IndicatorEngineTest {
  private static final String REPORTED = IndicatorColumns.BOUNDARY_REPORTED;
  private static final String CURRENT = IndicatorColumns.BOUNDARY_CURRENT;
  private static final Offset<Double> EXACT = within(1e-9);

  private static double value(Map<String, Row> rows, String key) {
    Row row = rows.get(key);
    assertThat(row).as(key).isNotNull();
    return row.<Double>getAs(IndicatorColumns.VALUE);
  }

  private static Object column(Map<String, Row> rows, String key, String column) {
    Row row = rows.get(key);
    assertThat(row).as(key).isNotNull();
    return row.getAs(column);
  }

  @Test
  void aPersonInTwoProvincesCountsOnceInTheRegionAndTheNation() {
    Map<String, Row> rows =
        new IndicatorComputationFixture()
            .person("2023-10", "52", 1, "SI_COMPULSORY")
            .person("2023-10", "54", 1, "SI_VOLUNTARY") // the same person, another province
            .person("2023-10", "54", 2, "SI_COMPULSORY")
            .person("2023-10", "54", 2, "HI") // another scheme: not an SI participant twice
            .run("2023-10");

    assertThat(value(rows, key("2023-10", REPORTED, "52", "si_participants"))).isEqualTo(1.0);
    assertThat(value(rows, key("2023-10", REPORTED, "54", "si_participants"))).isEqualTo(2.0);
    assertThat(value(rows, key("2023-10", REPORTED, "NCC", "si_participants"))).isEqualTo(2.0);
    assertThat(value(rows, key("2023-10", REPORTED, "VN", "si_participants"))).isEqualTo(2.0);
    assertThat(value(rows, key("2023-10", REPORTED, "54", "si_compulsory_participants")))
        .isEqualTo(1.0);
    assertThat(value(rows, key("2023-10", REPORTED, "NCC", "si_voluntary_participants")))
        .isEqualTo(1.0);
    // current boundary: 52 → p34 Gia Lai (52), 54 → p34 Đắk Lắk (66), both in SCCH
    assertThat(value(rows, key("2023-10", CURRENT, "52", "si_participants"))).isEqualTo(1.0);
    assertThat(value(rows, key("2023-10", CURRENT, "66", "si_participants"))).isEqualTo(2.0);
    assertThat(value(rows, key("2023-10", CURRENT, "SCCH", "si_participants"))).isEqualTo(2.0);
    assertThat(value(rows, key("2023-10", CURRENT, "VN", "si_participants"))).isEqualTo(2.0);
  }

  @Test
  void aKeyInThreeProvincesCountsEachMeasureOncePerTerritoryWithTheSchemesOfItsProvincesThere() {
    // Person 7: SI in 52, HI in 54, UI in 64; person 8: SI in 52 and 64; person 9: SI in 64 only.
    // Payer 5 in 52 and 54, payer 6 in 54: sums add up, distinct payers count once.
    Map<String, Row> rows =
        new IndicatorComputationFixture()
            .person("2023-10", "52", 7, "SI_COMPULSORY")
            .person("2023-10", "54", 7, "HI")
            .person("2023-10", "64", 7, "UI")
            .person("2023-10", "52", 8, "SI_COMPULSORY")
            .person("2023-10", "64", 8, "SI_COMPULSORY")
            .person("2023-10", "64", 9, "SI_VOLUNTARY")
            .payer("2023-10", "52", 5, 100, 80)
            .payer("2023-10", "54", 5, 50, 50)
            .payer("2023-10", "54", 6, 10, 0)
            .run("2023-10");

    String[][] expected = {
      // boundary, geo, si, si_compulsory, ui, hi
      {REPORTED, "52", "2", "2", "0", "0"},
      {REPORTED, "54", "0", "0", "0", "1"},
      {REPORTED, "64", "2", "1", "1", "0"},
      {REPORTED, "NCC", "2", "2", "0", "1"}, // 52 + 54: persons 7 and 8
      {REPORTED, "CH", "2", "1", "1", "0"}, // 64: persons 8 and 9
      {REPORTED, "VN", "3", "2", "1", "1"},
      // p34 Gia Lai 52 = Bình Định 52 + old Gia Lai 64; Đắk Lắk 66 ⊃ Phú Yên 54; both in SCCH
      {CURRENT, "52", "3", "2", "1", "0"},
      {CURRENT, "66", "0", "0", "0", "1"},
      {CURRENT, "SCCH", "3", "2", "1", "1"},
      {CURRENT, "VN", "3", "2", "1", "1"},
    };
    String[] codes = {
      "si_participants", "si_compulsory_participants", "ui_participants", "hi_participants"
    };
    for (String[] territory : expected) {
      for (int i = 0; i < codes.length; i++) {
        String key = key("2023-10", territory[0], territory[1], codes[i]);
        assertThat(value(rows, key)).as(key).isEqualTo(Double.parseDouble(territory[2 + i]));
      }
    }

    assertThat(value(rows, key("2023-10", REPORTED, "52", "employers"))).isEqualTo(1.0);
    assertThat(value(rows, key("2023-10", REPORTED, "54", "employers"))).isEqualTo(2.0);
    assertThat(value(rows, key("2023-10", REPORTED, "NCC", "employers"))).isEqualTo(2.0);
    assertThat(value(rows, key("2023-10", REPORTED, "NCC", "collected_vnd"))).isEqualTo(130.0);
    assertThat(value(rows, key("2023-10", REPORTED, "NCC", "due_vnd"))).isEqualTo(160.0);
    assertThat(value(rows, key("2023-10", CURRENT, "SCCH", "collection_rate_pct")))
        .isCloseTo(130.0 * 100 / 160, EXACT);
  }

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

  @Test
  void additiveIndicatorsAddUpFromProvincesToRegionsToTheNationInBothBoundaries() {
    IndicatorComputationFixture fixture = new IndicatorComputationFixture();
    String[] provinces = {"01", "52", "54", "64", "79", "92"}; // four p63 regions
    long siCompulsory = 0;
    for (int p = 0; p < provinces.length; p++) {
      for (int i = 0; i < p + 2; i++) { // nobody spans two provinces
        long key = 100L * (p + 1) + i;
        fixture.person("2024-05", provinces[p], key, "HI");
        if (i % 2 == 0) {
          fixture.person("2024-05", provinces[p], key, "SI_COMPULSORY");
          siCompulsory++;
        }
        if (i % 3 == 0) {
          fixture.person("2024-05", provinces[p], key, "UI");
        }
        fixture.payer("2024-05", provinces[p], key, 1000L * (i + 1), 900L * (i + 1));
        fixture.claim("2024-05", provinces[p], key, i % 2 == 0 ? "OLD_AGE" : "HI_INPATIENT", 10);
      }
    }
    List<Row> rows = fixture.frame("2024-05").collectAsList();
    List<String> additive =
        IndicatorComputationFixture.CATALOGUE.definitions().stream()
            .filter(d -> d.measure().isBase())
            .map(IndicatorDefinition::code)
            .toList();

    for (String boundary : new String[] {REPORTED, CURRENT}) {
      for (String code : additive) {
        double provinceSum = sum(rows, boundary, IndicatorColumns.LEVEL_PROVINCE, code);
        double regionSum = sum(rows, boundary, IndicatorColumns.LEVEL_REGION, code);
        double nation = sum(rows, boundary, IndicatorColumns.LEVEL_NATION, code);
        assertThat(regionSum).as(boundary + " " + code + " regions").isEqualTo(nation);
        assertThat(provinceSum).as(boundary + " " + code + " provinces").isEqualTo(nation);
      }
    }
    for (IndicatorDefinition d : IndicatorComputationFixture.CATALOGUE.definitions()) {
      assertThat(sum(rows, CURRENT, IndicatorColumns.LEVEL_NATION, d.code()))
          .as("current = reported national " + d.code())
          .isEqualTo(sum(rows, REPORTED, IndicatorColumns.LEVEL_NATION, d.code()));
    }
    assertThat(sum(rows, REPORTED, IndicatorColumns.LEVEL_NATION, "si_compulsory_participants"))
        .isEqualTo(siCompulsory);
    assertThat(sum(rows, CURRENT, IndicatorColumns.LEVEL_NATION, "hi_inpatient_claims"))
        .isEqualTo(12.0); // 2+3+4+5+6+7 claims, odd i: 1+1+2+2+3+3
  }

  private static double sum(List<Row> rows, String boundary, String level, String indicator) {
    return rows.stream()
        .filter(r -> boundary.equals(r.getAs(IndicatorColumns.BOUNDARY)))
        .filter(r -> level.equals(r.getAs(IndicatorColumns.GEO_LEVEL)))
        .filter(r -> indicator.equals(r.getAs(IndicatorColumns.INDICATOR)))
        .map(r -> r.<Double>getAs(IndicatorColumns.VALUE))
        .filter(java.util.Objects::nonNull)
        .mapToDouble(Double::doubleValue)
        .sum();
  }
}
