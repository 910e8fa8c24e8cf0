package vn.bhxh.pipeline.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bhxh.pipeline.common.schema.IndicatorColumns.LEVEL_NATION;
import static vn.bhxh.pipeline.common.schema.IndicatorColumns.LEVEL_PROVINCE;
import static vn.bhxh.pipeline.common.schema.IndicatorColumns.LEVEL_REGION;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.COLLECTED_VND_YTD;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.schema.DataQualityColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.NationSummaryColumns;
import vn.bhxh.pipeline.common.schema.ProvinceScorecardColumns;
import vn.bhxh.pipeline.common.schema.QuarantineColumns;
import vn.bhxh.pipeline.common.schema.QuarantineReasonColumns;
import vn.bhxh.pipeline.common.schema.RegionSummaryColumns;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Measure;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * The report tables on a handful of rows. Four provinces in two regions (R1: 01, 02; R2: 03, 04);
 * province 04 sent nothing. Expected values are worked out by hand in the comments.
 */
@SparkTier
class ReportTransformsTest {
  /** The report columns of the shipped catalogue. */
  private static final List<Measure> MEASURES =
      ReportTransforms.measures(
          IndicatorCatalogue.load(SparkTestSession.config().indicators().catalogue()));

  private static final String OCT = "2023-10";
  private static final SparkSession SPARK = SparkTestSession.get();

  private static Dataset<Row> provinces() {
    List<Row> rows =
        List.of(
            province(OCT, "reported", "R1", "01"),
            province(OCT, "reported", "R1", "02"),
            province(OCT, "reported", "R2", "03"),
            province(OCT, "reported", "R2", "04"),
            // The current boundary of the same month: no indicators for it in these tests.
            province(OCT, "current", "R1", "01"));
    return SPARK.createDataFrame(rows, ReportTransforms.PROVINCES_SCHEMA);
  }

  private static Row province(String period, String boundary, String region, String code) {
    return RowFactory.create(period, boundary, region, "Vùng " + region, code, "Tỉnh " + code);
  }

  private static Dataset<Row> indicators() {
    List<IndicatorRow> rows =
        List.of(
            // 01: 1,000 of a plan of 1,250 = 80%.
            IndicatorRow.reported(OCT, LEVEL_PROVINCE, "01", SI_PARTICIPANTS)
                .value(1000)
                .target(1250)
                .attainment(80.0)
                .yoyChangePct(5.0),
            IndicatorRow.reported(OCT, LEVEL_PROVINCE, "01", SI_COVERAGE_PCT)
                .value(40.123)
                .yoyChange(-0.5),
            IndicatorRow.reported(OCT, LEVEL_PROVINCE, "01", COLLECTED_VND_YTD)
                .value(2.5e9)
                .target(1e10)
                .attainment(25.0)
                .onTrack(false),
            // 02: 900 (carried as 899.9999999 upstream: rounded, not truncated) of 1,000 = 90%.
            IndicatorRow.reported(OCT, LEVEL_PROVINCE, "02", SI_PARTICIPANTS)
                .value(899.9999999)
                .target(1000)
                .attainment(90.0),
            // 03: 500 of 500 = 100%, but its collections are incomplete.
            IndicatorRow.reported(OCT, LEVEL_PROVINCE, "03", SI_PARTICIPANTS)
                .value(500)
                .target(500)
                .attainment(100.0),
            IndicatorRow.reported(OCT, LEVEL_PROVINCE, "03", COLLECTED_VND_YTD)
                .value(1e9)
                .incomplete(),
            // An indicator the report does not show: ignored.
            IndicatorRow.reported(OCT, LEVEL_PROVINCE, "03", "hi_outpatient_claims")
                .value(7)
                .incomplete(),
            IndicatorRow.reported(OCT, LEVEL_REGION, "R1", SI_PARTICIPANTS)
                .value(1900)
                .target(2250)
                .attainment(1900 * 100.0 / 2250),
            IndicatorRow.reported(OCT, LEVEL_REGION, "R1", HI_COVERAGE_PCT).value(91.5).target(93),
            // The region's own indicators say complete; its province 04 never reported.
            IndicatorRow.reported(OCT, LEVEL_REGION, "R2", SI_PARTICIPANTS).value(500),
            IndicatorRow.reported(OCT, LEVEL_NATION, "VN", SI_PARTICIPANTS)
                .value(2400)
                .target(2750)
                .attainment(2400 * 100.0 / 2750)
                .yoyChangePct(4.25));
    return SPARK.createDataFrame(
        rows.stream().map(IndicatorRow::row).toList(), IndicatorColumns.TABLE_SCHEMA);
  }

  private static Map<String, Row> byKey(Dataset<Row> rows, String key) {
    Map<String, Row> result = new LinkedHashMap<>();
    for (Row row : rows.collectAsList()) {
      result.put(row.getAs(key), row);
    }
    return result;
  }

  @Test
  void scorecardHasEveryExpectedProvinceWithItsKeyIndicatorsAndRanks() {
    Dataset<Row> scorecard =
        ReportTransforms.provinceScorecard(indicators(), provinces(), MEASURES);

    assertThat(scorecard.schema().asNullable())
        .isEqualTo(ProvinceScorecardColumns.tableSchema(MEASURES).asNullable());
    // Four reported provinces; no current row: there are no current indicators.
    Map<String, Row> rows = byKey(scorecard, ProvinceScorecardColumns.PROVINCE_CODE);
    assertThat(rows).containsOnlyKeys("01", "02", "03", "04");

    Row p01 = rows.get("01");
    assertThat(p01.<String>getAs(ProvinceScorecardColumns.REGION_NAME)).isEqualTo("Vùng R1");
    assertThat(p01.<String>getAs(ProvinceScorecardColumns.PROVINCE_NAME)).isEqualTo("Tỉnh 01");
    assertThat(p01.<Long>getAs(SI_PARTICIPANTS)).isEqualTo(1000L);
    assertThat(p01.<Long>getAs(ReportMeasureColumns.SI_PARTICIPANTS_TARGET)).isEqualTo(1250L);
    assertThat(p01.<Double>getAs(ReportMeasureColumns.SI_PARTICIPANTS_ATTAINMENT_PCT))
        .isEqualTo(80.0);
    assertThat(p01.<Double>getAs(ReportMeasureColumns.SI_PARTICIPANTS_YOY_CHANGE_PCT))
        .isEqualTo(5.0);
    assertThat(p01.<Double>getAs(SI_COVERAGE_PCT)).isEqualTo(40.123);
    assertThat(p01.<Double>getAs(ReportMeasureColumns.SI_COVERAGE_PCT_YOY_CHANGE)).isEqualTo(-0.5);
    assertThat(p01.<Long>getAs(COLLECTED_VND_YTD)).isEqualTo(2_500_000_000L);
    assertThat(p01.<Long>getAs(ReportMeasureColumns.COLLECTED_VND_YTD_TARGET))
        .isEqualTo(10_000_000_000L);
    assertThat(p01.<Boolean>getAs(ReportMeasureColumns.COLLECTED_VND_YTD_ON_TRACK)).isFalse();
    assertThat(p01.<Object>getAs(HI_COVERAGE_PCT)).isNull();
    assertThat(rows.get("02").<Long>getAs(SI_PARTICIPANTS)).isEqualTo(900L);

    // Attainment: 03 100% > 02 90% > 01 80%; 04 has none. In R1: 02 first, 01 second.
    assertThat(ranks(rows, ProvinceScorecardColumns.RANK_IN_REGION)).containsExactly(2, 1, 1, null);
    assertThat(ranks(rows, ProvinceScorecardColumns.RANKED_IN_REGION)).containsExactly(2, 2, 1, 1);
    assertThat(ranks(rows, ProvinceScorecardColumns.RANK_IN_NATION)).containsExactly(3, 2, 1, null);
    assertThat(ranks(rows, ProvinceScorecardColumns.RANKED_IN_NATION)).containsExactly(3, 3, 3, 3);

    // 03's collections are incomplete (the claims indicator is not a key one); 04 sent nothing.
    assertThat(flags(rows, ProvinceScorecardColumns.COMPLETE))
        .containsExactly(true, true, false, false);
    assertThat(rows.get("04").<Object>getAs(SI_PARTICIPANTS)).isNull();
  }

  @Test
  void tiedProvincesShareARankAndTheNextRankIsSkipped() {
    Dataset<Row> indicators =
        SPARK.createDataFrame(
            List.of(
                IndicatorRow.reported(OCT, LEVEL_PROVINCE, "01", SI_PARTICIPANTS)
                    .value(90)
                    .attainment(90.0)
                    .row(),
                IndicatorRow.reported(OCT, LEVEL_PROVINCE, "02", SI_PARTICIPANTS)
                    .value(90)
                    .attainment(90.0)
                    .row(),
                IndicatorRow.reported(OCT, LEVEL_PROVINCE, "03", SI_PARTICIPANTS)
                    .value(80)
                    .attainment(80.0)
                    .row()),
            IndicatorColumns.TABLE_SCHEMA);

    Map<String, Row> rows =
        byKey(
            ReportTransforms.provinceScorecard(indicators, provinces(), MEASURES),
            ProvinceScorecardColumns.PROVINCE_CODE);

    assertThat(ranks(rows, ProvinceScorecardColumns.RANK_IN_NATION)).containsExactly(1, 1, 3, null);
  }

  @Test
  void regionSummaryCountsProvincesAndIsIncompleteWhenAnyProvinceIs() {
    Dataset<Row> scorecard =
        ReportTransforms.provinceScorecard(indicators(), provinces(), MEASURES);
    Dataset<Row> regions = ReportTransforms.regionSummary(indicators(), scorecard, MEASURES);

    assertThat(regions.schema().asNullable())
        .isEqualTo(RegionSummaryColumns.tableSchema(MEASURES).asNullable());
    Map<String, Row> rows = byKey(regions, RegionSummaryColumns.REGION_CODE);
    assertThat(rows).containsOnlyKeys("R1", "R2");

    Row r1 = rows.get("R1");
    assertThat(r1.<String>getAs(RegionSummaryColumns.REGION_NAME)).isEqualTo("Vùng R1");
    assertThat(r1.<Integer>getAs(RegionSummaryColumns.PROVINCES_EXPECTED)).isEqualTo(2);
    assertThat(r1.<Integer>getAs(RegionSummaryColumns.PROVINCES_COMPLETE)).isEqualTo(2);
    assertThat(r1.<Boolean>getAs(RegionSummaryColumns.COMPLETE)).isTrue();
    // The region's own figures, not a sum or an average of its provinces'.
    assertThat(r1.<Long>getAs(SI_PARTICIPANTS)).isEqualTo(1900L);
    assertThat(r1.<Double>getAs(ReportMeasureColumns.SI_PARTICIPANTS_ATTAINMENT_PCT))
        .isCloseTo(84.444, org.assertj.core.data.Offset.offset(0.001));
    assertThat(r1.<Double>getAs(HI_COVERAGE_PCT)).isEqualTo(91.5);
    assertThat(r1.<Double>getAs(ReportMeasureColumns.HI_COVERAGE_PCT_TARGET)).isEqualTo(93.0);

    // R2's indicators claim completeness, but 03 is incomplete and 04 never reported.
    Row r2 = rows.get("R2");
    assertThat(r2.<Integer>getAs(RegionSummaryColumns.PROVINCES_EXPECTED)).isEqualTo(2);
    assertThat(r2.<Integer>getAs(RegionSummaryColumns.PROVINCES_COMPLETE)).isZero();
    assertThat(r2.<Boolean>getAs(RegionSummaryColumns.COMPLETE)).isFalse();
  }

  @Test
  void nationSummaryIsProvisionalUntilEveryProvinceIsComplete() {
    Dataset<Row> scorecard =
        ReportTransforms.provinceScorecard(indicators(), provinces(), MEASURES);
    List<Row> nation =
        ReportTransforms.nationSummary(indicators(), scorecard, MEASURES).collectAsList();

    assertThat(nation).hasSize(1);
    Row vn = nation.get(0);
    assertThat(vn.<Integer>getAs(NationSummaryColumns.PROVINCES_EXPECTED)).isEqualTo(4);
    assertThat(vn.<Integer>getAs(NationSummaryColumns.PROVINCES_COMPLETE)).isEqualTo(2);
    assertThat(vn.<Boolean>getAs(NationSummaryColumns.COMPLETE)).isFalse();
    assertThat(vn.<Long>getAs(SI_PARTICIPANTS)).isEqualTo(2400L);
    assertThat(vn.<Long>getAs(ReportMeasureColumns.SI_PARTICIPANTS_TARGET)).isEqualTo(2750L);
    assertThat(vn.<Double>getAs(ReportMeasureColumns.SI_PARTICIPANTS_YOY_CHANGE_PCT))
        .isEqualTo(4.25);
  }

  @Test
  void dataQualityTakesTheLatestDeliveryOfEachExpectedSlice() {
    Timestamp first = Timestamp.valueOf("2023-11-03 08:00:00");
    Timestamp redelivered = Timestamp.valueOf("2023-11-05 08:00:00");
    Dataset<Row> ingestLog =
        SPARK.createDataFrame(
            List.of(
                logRow(
                    "participation/2023-10/01.csv",
                    "participation",
                    OCT,
                    "01",
                    10,
                    9,
                    1,
                    "LOADED",
                    null,
                    first),
                logRow(
                    "participation/2023-10/01.csv",
                    "participation",
                    OCT,
                    "01",
                    12,
                    12,
                    0,
                    "LOADED",
                    null,
                    redelivered),
                logRow(
                    "contributions/2023-10/01.csv",
                    "contributions",
                    OCT,
                    "01",
                    0,
                    0,
                    0,
                    "REJECTED",
                    "EMPTY_FILE",
                    first),
                logRow(
                    "participation/2023-10/02.csv",
                    "participation",
                    OCT,
                    "02",
                    4,
                    3,
                    1,
                    "LOADED",
                    null,
                    first),
                // Another month: not this month's delivery.
                logRow(
                    "benefits/2023-09/02.csv",
                    "benefits",
                    "2023-09",
                    "02",
                    5,
                    5,
                    0,
                    "LOADED",
                    null,
                    first),
                // A reference file has no province: not a monthly slice.
                logRow(
                    "reference/targets.csv",
                    "targets",
                    null,
                    null,
                    5,
                    5,
                    0,
                    "LOADED",
                    null,
                    first)),
            IngestLogColumns.TABLE_SCHEMA);

    Dataset<Row> quality = ReportTransforms.dataQuality(ingestLog, provinces());

    assertThat(quality.schema().asNullable())
        .isEqualTo(DataQualityColumns.TABLE_SCHEMA.asNullable());
    Map<String, Row> rows = new LinkedHashMap<>();
    for (Row row : quality.collectAsList()) {
      rows.put(
          row.<String>getAs(DataQualityColumns.DATASET)
              + "/"
              + row.<String>getAs(DataQualityColumns.PROVINCE_CODE),
          row);
    }
    // 4 provinces expected in the reported boundary × 3 monthly datasets.
    assertThat(rows).hasSize(12);

    Row participation01 = rows.get("participation/01");
    assertThat(participation01.<String>getAs(DataQualityColumns.FILE_STATUS)).isEqualTo("LOADED");
    assertThat(participation01.<Boolean>getAs(DataQualityColumns.RECEIVED)).isTrue();
    assertThat(participation01.<Long>getAs(DataQualityColumns.ROWS_READ)).isEqualTo(12L);
    assertThat(participation01.<Long>getAs(DataQualityColumns.ROWS_QUARANTINED)).isZero();
    assertThat(participation01.<Double>getAs(DataQualityColumns.QUARANTINED_PCT)).isEqualTo(0.0);
    assertThat(participation01.<Timestamp>getAs(DataQualityColumns.INGESTED_AT))
        .isEqualTo(redelivered);

    Row contributions01 = rows.get("contributions/01");
    assertThat(contributions01.<String>getAs(DataQualityColumns.FILE_STATUS)).isEqualTo("REJECTED");
    assertThat(contributions01.<Boolean>getAs(DataQualityColumns.RECEIVED)).isFalse();
    assertThat(contributions01.<String>getAs(DataQualityColumns.REJECTION_REASON))
        .isEqualTo("EMPTY_FILE");
    assertThat(contributions01.<Object>getAs(DataQualityColumns.QUARANTINED_PCT)).isNull();

    // 1 of 4 rows quarantined = 25%.
    assertThat(rows.get("participation/02").<Double>getAs(DataQualityColumns.QUARANTINED_PCT))
        .isEqualTo(25.0);

    Row benefits02 = rows.get("benefits/02");
    assertThat(benefits02.<String>getAs(DataQualityColumns.FILE_STATUS)).isEqualTo("MISSING");
    assertThat(benefits02.<Long>getAs(DataQualityColumns.ROWS_READ)).isZero();
    assertThat(rows.values().stream().filter(r -> r.<Boolean>getAs(DataQualityColumns.RECEIVED)))
        .hasSize(2);
  }

  @Test
  void quarantineReasonsCountEachRowOnceUnderEachOfItsReasons() {
    Timestamp at = Timestamp.valueOf("2023-11-03 08:00:00");
    Dataset<Row> quarantine =
        SPARK.createDataFrame(
            List.of(
                quarantined("participation", "01", 2, at, "BAD_SCHEME", "MISSING_PERSON_ID"),
                quarantined("participation", "01", 3, at, "BAD_SCHEME"),
                quarantined("contributions", "02", 7, at, "NEGATIVE_AMOUNT", "NEGATIVE_AMOUNT"),
                quarantined("contributions", "99", 2, at, "BAD_PROVINCE")),
            QuarantineColumns.TABLE_SCHEMA);

    Dataset<Row> reasons = ReportTransforms.quarantineReasons(quarantine, provinces());

    assertThat(reasons.schema().asNullable())
        .isEqualTo(QuarantineReasonColumns.TABLE_SCHEMA.asNullable());
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (Row row : reasons.collectAsList()) {
      String key =
          row.<String>getAs(QuarantineReasonColumns.DATASET)
              + "/"
              + row.<String>getAs(QuarantineReasonColumns.PROVINCE_CODE)
              + "/"
              + row.<String>getAs(QuarantineReasonColumns.REASON_CODE);
      counts.put(key, row.getAs(QuarantineReasonColumns.ROWS));
      names.put(key, row.getAs(QuarantineReasonColumns.PROVINCE_NAME));
    }
    assertThat(counts)
        .containsOnly(
            Map.entry("participation/01/BAD_SCHEME", 2L),
            Map.entry("participation/01/MISSING_PERSON_ID", 1L),
            Map.entry("contributions/02/NEGATIVE_AMOUNT", 1L),
            Map.entry("contributions/99/BAD_PROVINCE", 1L));
    assertThat(names.get("participation/01/BAD_SCHEME")).isEqualTo("Tỉnh 01");
    assertThat(names.get("contributions/99/BAD_PROVINCE")).isNull();
  }

  private static Row logRow(
      String path,
      String dataset,
      String period,
      String province,
      long read,
      long accepted,
      long quarantined,
      String status,
      String reason,
      Timestamp at) {
    return RowFactory.create(
        path,
        "abc",
        100L,
        dataset,
        period,
        province,
        read,
        accepted,
        quarantined,
        status,
        reason,
        null,
        null,
        "run-1",
        at,
        null);
  }

  private static Row quarantined(
      String dataset, String province, long line, Timestamp at, String... reasons) {
    return RowFactory.create(
        dataset,
        OCT,
        province,
        dataset + "/" + OCT + "/" + province + ".csv",
        line,
        Arrays.asList(reasons),
        "detail",
        null,
        "run-1",
        at);
  }

  private static List<Integer> ranks(Map<String, Row> rows, String column) {
    return column(rows, row -> row.getAs(column));
  }

  private static List<Boolean> flags(Map<String, Row> rows, String column) {
    return column(rows, row -> row.getAs(column));
  }

  private static <T> List<T> column(Map<String, Row> rows, Function<Row, T> value) {
    return List.of("01", "02", "03", "04").stream()
        .map(code -> value.apply(rows.get(code)))
        .toList();
  }
}
