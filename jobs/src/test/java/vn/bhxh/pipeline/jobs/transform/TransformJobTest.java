package vn.bhxh.pipeline.jobs.transform;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.ingest.IngestJob;
import vn.bhxh.pipeline.jobs.ingest.IngestOptions;

/** The transform job on Delta tables in a temporary warehouse. */
@JobTier
class TransformJobTest {
  private static final SparkSession SPARK = SparkTestSession.get();

  @TempDir Path temp;

  private JobEnvironment environment() {
    return environment(
        "transform",
        SparkTestSession.config()
            .withLocations(null, temp.resolve("warehouse").toUri().toString(), null));
  }

  private static JobEnvironment environment(String command, PipelineConfig config) {
    return new JobEnvironment(
        config,
        SPARK,
        TableCatalog.of(SPARK, config),
        RunContext.start(command, List.of(), Clock.systemUTC()));
  }

  private static Map<String, Row> byIndicator(Dataset<Row> rows) {
    Map<String, Row> result = new HashMap<>();
    for (Row row : rows.collectAsList()) {
      result.put(row.getAs(IndicatorColumns.INDICATOR), row);
    }
    return result;
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }

  @Test
  void reproducesThePublishedFiguresOfPhuYenFromRecordLevelData() throws IOException {
    Path landing = temp.resolve("landing");
    PublishedFiguresFixture.write(landing);
    JobEnvironment environment =
        environment(
            "ingest",
            SparkTestSession.config()
                .withLocations(
                    landing.toString(), temp.resolve("warehouse").toUri().toString(), null)
                .withPseudonymisation(
                    new PipelineConfig.PseudonymisationSettings(
                        "BHXH_TRANSFORM_TEST_KEY_NOT_SET",
                        temp.resolve("hmac.key").toString(),
                        true)));

    RunResult ingest =
        IngestJob.run(
            environment,
            IngestOptions.everything(),
            new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    // Reconciliation: every row of the delivered files was read and accepted, none quarantined.
    long referenceRows = 2;
    assertThat(ingest.rowsRead())
        .isEqualTo(PublishedFiguresFixture.PARTICIPATION_ROWS + referenceRows);
    assertThat(ingest.rowsWritten()).isEqualTo(ingest.rowsRead());
    assertThat(ingest.rowsQuarantined()).isZero();
    Row logged =
        environment
            .catalog()
            .read(IngestLogColumns.TABLE)
            .where(col(IngestLogColumns.PATH).equalTo(PublishedFiguresFixture.PARTICIPATION_FILE))
            .first();
    assertThat(logged.<String>getAs(IngestLogColumns.STATUS))
        .isEqualTo(IngestLogColumns.STATUS_LOADED);
    assertThat(logged.<Long>getAs(IngestLogColumns.ROWS_READ))
        .isEqualTo(PublishedFiguresFixture.PARTICIPATION_ROWS)
        .isEqualTo(logged.<Long>getAs(IngestLogColumns.ROWS_ACCEPTED));

    RunResult first = TransformJob.run(environment, PeriodRange.ALL);
    Dataset<Row> indicators = environment.catalog().read(IndicatorColumns.TABLE);
    Map<String, Row> phuYen =
        byIndicator(
            indicators
                .where(col(IndicatorColumns.BOUNDARY).equalTo("reported"))
                .where(col(IndicatorColumns.GEO_CODE).equalTo(PublishedFiguresFixture.PROVINCE)));

    // The figures as published: counts exact, percentages to two decimals.
    Row si = phuYen.get("si_participants");
    assertThat(si.<Double>getAs(IndicatorColumns.VALUE)).isEqualTo(72_423.0);
    assertThat(si.<Double>getAs(IndicatorColumns.TARGET)).isEqualTo(82_299.0);
    assertThat(round2(si.getAs(IndicatorColumns.ATTAINMENT_PCT))).isEqualTo(88.00);
    assertThat(round2(phuYen.get("si_coverage_pct").getAs(IndicatorColumns.VALUE)))
        .isEqualTo(16.37);
    assertThat(round2(phuYen.get("hi_coverage_pct").getAs(IndicatorColumns.VALUE)))
        .isEqualTo(91.70);
    assertThat(phuYen.get("si_compulsory_participants").<Double>getAs(IndicatorColumns.VALUE))
        .isEqualTo(59_589.0);
    assertThat(phuYen.get("si_voluntary_participants").<Double>getAs(IndicatorColumns.VALUE))
        .isEqualTo(12_834.0);
    assertThat(phuYen.get("ui_participants").<Double>getAs(IndicatorColumns.VALUE))
        .isEqualTo(52_612.0);
    assertThat(phuYen.get("hi_participants").<Double>getAs(IndicatorColumns.VALUE))
        .isEqualTo(804_919.0);
    // The province delivered its file: complete, although the other 62 did not.
    assertThat(phuYen.get("si_participants").<Boolean>getAs(IndicatorColumns.COMPLETE)).isTrue();

    // current boundary: Phú Yên is part of p34 Đắk Lắk (66); the national totals are the same
    Map<String, Row> reportedNation = nation(indicators, "reported");
    Map<String, Row> currentNation = nation(indicators, "current");
    assertThat(reportedNation.keySet()).isEqualTo(currentNation.keySet());
    for (String code : reportedNation.keySet()) {
      assertThat((Double) currentNation.get(code).getAs(IndicatorColumns.VALUE))
          .as(code)
          .isEqualTo(reportedNation.get(code).<Double>getAs(IndicatorColumns.VALUE));
    }
    assertThat(reportedNation.get("si_participants").<Double>getAs(IndicatorColumns.VALUE))
        .isEqualTo(72_423.0);
    // no other province delivered: the nation is incomplete
    assertThat(reportedNation.get("si_participants").<Boolean>getAs(IndicatorColumns.COMPLETE))
        .isFalse();

    // a re-run replaces the month: same rows, no duplicates
    long rows = indicators.count();
    RunResult second = TransformStep.run(environment, Set.of(Period.parse("2023-10")));
    assertThat(environment.catalog().read(IndicatorColumns.TABLE).count()).isEqualTo(rows);
    assertThat(second.rowsWritten()).isEqualTo(first.rowsWritten()).isEqualTo(rows);
  }

  private static Map<String, Row> nation(Dataset<Row> indicators, String boundary) {
    return byIndicator(
        indicators
            .where(col(IndicatorColumns.BOUNDARY).equalTo(boundary))
            .where(col(IndicatorColumns.GEO_LEVEL).equalTo(IndicatorColumns.LEVEL_NATION)));
  }

  @Test
  void aLaterMonthTakesItsYearToDateFromTheMonthsAlreadyComputed() {
    JobEnvironment environment = environment();
    TableCatalog catalog = environment.catalog();
    long[] paid = {100, 200, 300};
    for (int month = 1; month <= 3; month++) {
      String period = "2023-0" + month;
      Dataset<Row> rows =
          SPARK.createDataFrame(
              List.of(
                  RowFactory.create(
                      period, "52", 7L, "EMPLOYER", 1000L, paid[month - 1], 0L, 0, "Y", "f", "r")),
              ContributionsColumns.TABLE_SCHEMA);
      catalog.replaceWhere(
          rows,
          ContributionsColumns.DATASET,
          ContributionsColumns.PERIOD + " = '" + period + "'",
          ContributionsColumns.PERIOD);
    }
    TransformJob.run(environment, PeriodRange.of("2023-01", "2023-02"));
    RunResult march = TransformStep.run(environment, Set.of(Period.parse("2023-03")));

    assertThat(march.details())
        .containsEntry("periods_from_silver", "2023-03")
        .containsEntry("periods_from_indicators", "2023-01,2023-02");
    Row ytd =
        catalog
            .read(IndicatorColumns.TABLE)
            .where(col(IndicatorColumns.PERIOD).equalTo("2023-03"))
            .where(col(IndicatorColumns.BOUNDARY).equalTo("reported"))
            .where(col(IndicatorColumns.GEO_CODE).equalTo("52"))
            .where(col(IndicatorColumns.INDICATOR).equalTo("collected_vnd_ytd"))
            .first();
    assertThat(ytd.<Double>getAs(IndicatorColumns.VALUE)).isEqualTo(600.0);
    assertThat(ytd.<Boolean>getAs(IndicatorColumns.COMPLETE)).isTrue();
    // the earlier months are still there, untouched
    assertThat(
            catalog.read(IndicatorColumns.TABLE).select(IndicatorColumns.PERIOD).distinct().count())
        .isEqualTo(3);
  }
}
