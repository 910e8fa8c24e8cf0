package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.key;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.value;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * {@link Measures}: distinct counts once per territory, additive measures that add up, on a handful
 * of inline rows run through {@link IndicatorComputation}, with expectations computed by hand.
 *
 * <p>Codes used: p63 Bình Định 52 and Phú Yên 54 (region NCC); Central Highlands CH = Kon Tum 62,
 * Gia Lai 64, Đắk Lắk 66, Đắk Nông 67, Lâm Đồng 68. From 2025-07 p34 Gia Lai 52 = Bình Định + old
 * Gia Lai 64; Đắk Lắk 66 = Đắk Lắk + Phú Yên 54 (region SCCH).
 */
@SparkTier
class MeasuresTest {
  private static final String REPORTED = IndicatorColumns.BOUNDARY_REPORTED;
  private static final String CURRENT = IndicatorColumns.BOUNDARY_CURRENT;
  private static final Offset<Double> EXACT = within(1e-9);

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
