package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.bhxh.pipeline.common.indicators.IndicatorComputationFixture.values;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameRows;
import static vn.bhxh.pipeline.common.testing.Rows.row;
import static vn.bhxh.pipeline.common.testing.Rows.rows;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.testing.SparkTier;
import vn.bhxh.pipeline.common.time.Period;

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

  @Test
  void aPersonInTwoProvincesCountsOnceInTheRegionAndTheNation() {
    Dataset<Row> indicators =
        new IndicatorComputationFixture()
            .person("2023-10", "52", 1, "SI_COMPULSORY")
            .person("2023-10", "54", 1, "SI_VOLUNTARY") // the same person, another province
            .person("2023-10", "54", 2, "SI_COMPULSORY")
            .person("2023-10", "54", 2, "HI") // another scheme: not an SI participant twice
            .frame("2023-10");

    String[] codes = {"si_participants", "si_compulsory_participants", "si_voluntary_participants"};
    assertSameRows(
        rows(
            row("52", 1.0, 1.0, 0.0),
            row("54", 2.0, 1.0, 1.0),
            row("NCC", 2.0, 2.0, 1.0),
            row("VN", 2.0, 2.0, 1.0)),
        values(indicators, REPORTED, List.of("52", "54", "NCC", "VN"), codes));
    // current boundary: 52 → p34 Gia Lai (52), 54 → p34 Đắk Lắk (66), both in SCCH
    assertSameRows(
        rows(row("52", 1.0), row("66", 2.0), row("SCCH", 2.0), row("VN", 2.0)),
        values(indicators, CURRENT, List.of("52", "66", "SCCH", "VN"), "si_participants"));
  }

  @Test
  void aKeyInThreeProvincesCountsEachMeasureOncePerTerritoryWithTheSchemesOfItsProvincesThere() {
    // Person 7: SI in 52, HI in 54, UI in 64; person 8: SI in 52 and 64; person 9: SI in 64 only.
    // Payer 5 in 52 and 54, payer 6 in 54: sums add up, distinct payers count once.
    Dataset<Row> indicators =
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
            .frame("2023-10");

    String[] codes = {
      "si_participants", "si_compulsory_participants", "ui_participants", "hi_participants"
    };
    assertSameRows(
        rows(
            row("52", 2.0, 2.0, 0.0, 0.0),
            row("54", 0.0, 0.0, 0.0, 1.0),
            row("64", 2.0, 1.0, 1.0, 0.0),
            row("NCC", 2.0, 2.0, 0.0, 1.0), // 52 + 54: persons 7 and 8
            row("CH", 2.0, 1.0, 1.0, 0.0), // 64: persons 8 and 9
            row("VN", 3.0, 2.0, 1.0, 1.0)),
        values(indicators, REPORTED, List.of("52", "54", "64", "NCC", "CH", "VN"), codes));
    // p34 Gia Lai 52 = Bình Định 52 + old Gia Lai 64; Đắk Lắk 66 ⊃ Phú Yên 54; both in SCCH
    assertSameRows(
        rows(
            row("52", 3.0, 2.0, 1.0, 0.0),
            row("66", 0.0, 0.0, 0.0, 1.0),
            row("SCCH", 3.0, 2.0, 1.0, 1.0),
            row("VN", 3.0, 2.0, 1.0, 1.0)),
        values(indicators, CURRENT, List.of("52", "66", "SCCH", "VN"), codes));

    // payers: 5 in 52 and 54 counts once in NCC; 80 + 50 + 0 collected of 100 + 50 + 10 due
    assertSameRows(
        rows(
            row("52", 1.0, 80.0, 100.0), row("54", 2.0, 50.0, 60.0), row("NCC", 2.0, 130.0, 160.0)),
        values(
            indicators,
            REPORTED,
            List.of("52", "54", "NCC"),
            "employers",
            "collected_vnd",
            "due_vnd"));
    assertSameRows(
        rows(row("SCCH", 130.0 * 100 / 160)),
        values(indicators, CURRENT, List.of("SCCH"), "collection_rate_pct"));
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

  @Test
  void aMonthLookedUpGivesTheNumberAndVersionOfParsingItAndAnUnlistedMonthIsStillParsed() {
    // Listed: 2025-06 (p63, the last month before the merger) and 2025-07 (p34); not listed:
    // 2024-12 and 2026-01, which take the parsing and comparing branch.
    List<Period> listed = List.of(Period.of(2025, 6), Period.of(2025, 7));
    Dataset<Row> periods =
        IndicatorComputationFixture.SPARK.createDataFrame(
            List.of(
                RowFactory.create("2025-06"),
                RowFactory.create("2025-07"),
                RowFactory.create("2024-12"),
                RowFactory.create("2026-01")),
            new StructType().add("period", DataTypes.StringType, false));
    Territories territories = IndicatorComputationFixture.TERRITORIES;
    List<Row> got =
        periods
            .select(
                col("period"),
                Measures.monthNumber(col("period"), listed),
                territories.versionOf(col("period"), listed))
            .collectAsList();
    assertThat(got)
        .containsExactlyInAnyOrder(
            RowFactory.create("2025-06", 202506, "p63"),
            RowFactory.create("2025-07", 202507, "p34"),
            RowFactory.create("2024-12", 202412, "p63"),
            RowFactory.create("2026-01", 202601, "p34"));
  }
}
