package vn.bhxh.pipeline.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.geo.Region;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.DataQualityColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.NationSummaryColumns;
import vn.bhxh.pipeline.common.schema.ProvinceScorecardColumns;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns;
import vn.bhxh.pipeline.common.schema.RunsColumns;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.CommandLineRun;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

/**
 * The report job on Delta tables in a temporary warehouse, with the shipped geography (63 provinces
 * in 2023). Indicators: every province has a plan for social-insurance participants; province
 * {@link #SILENT} sent nothing in October, so October is provisional.
 */
@JobTier
class ReportJobTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  private static final Period OCT = Period.of(2023, 10);
  private static final Period NOV = Period.of(2023, 11);
  private static final String SILENT = "04";

  @TempDir File dir;
  private PipelineConfig config;
  private TableCatalog catalog;
  private Geography geography;

  @BeforeEach
  void setUp() {
    config =
        SparkTestSession.config()
            .withLocations(
                null, new File(dir, "warehouse").getPath(), new File(dir, "out").getPath());
    catalog = TableCatalog.of(SPARK, config);
    geography = Geography.load(config.geography());
  }

  private RunResult report(PeriodRange range) {
    JobEnvironment environment =
        new JobEnvironment(
            config, SPARK, catalog, RunContext.start("report", List.of(), Clock.systemUTC()));
    return ReportJob.run(environment, new ReportOptions(range));
  }

  /** Participants of a province: 10,000 + 100 × its place in the list (+ shift), plan 10,500. */
  private void writeIndicators(Period period, long shift) {
    List<Row> rows = new ArrayList<>();
    List<Province> provinces = geography.provincesIn(period);
    Map<String, Long> regionTotals = new TreeMap<>();
    long nation = 0;
    for (int i = 0; i < provinces.size(); i++) {
      Province province = provinces.get(i);
      if (period.equals(OCT) && province.code().equals(SILENT)) {
        continue;
      }
      long participants = 10_000 + 100L * i + shift;
      rows.add(
          IndicatorRow.reported(
                  period.toString(),
                  IndicatorColumns.LEVEL_PROVINCE,
                  province.code(),
                  ReportMeasureColumns.SI_PARTICIPANTS)
              .value(participants)
              .target(10_500)
              .attainment(participants * 100.0 / 10_500)
              .row());
      regionTotals.merge(province.regionCode(), participants, Long::sum);
      nation += participants;
    }
    for (Region region : geography.regions(geography.versionOf(period))) {
      IndicatorRow row =
          IndicatorRow.reported(
                  period.toString(),
                  IndicatorColumns.LEVEL_REGION,
                  region.code(),
                  ReportMeasureColumns.SI_PARTICIPANTS)
              .value(regionTotals.getOrDefault(region.code(), 0L));
      rows.add(row.row());
    }
    IndicatorRow national =
        IndicatorRow.reported(
                period.toString(),
                IndicatorColumns.LEVEL_NATION,
                IndicatorColumns.NATION_CODE,
                ReportMeasureColumns.SI_PARTICIPANTS)
            .value(nation)
            .target(10_500.0 * provinces.size())
            .attainment(nation * 100.0 / (10_500.0 * provinces.size()))
            .yoyChangePct(3.04);
    rows.add((period.equals(OCT) ? national.incomplete() : national).row());
    catalog.replaceWhere(
        SPARK.createDataFrame(rows, IndicatorColumns.TABLE_SCHEMA),
        IndicatorColumns.TABLE,
        IndicatorColumns.PERIOD + " = '" + period + "'",
        IndicatorColumns.PERIOD);
  }

  private void writeIngestLog() {
    Timestamp at = Timestamp.valueOf("2023-11-03 08:00:00");
    catalog.append(
        SPARK.createDataFrame(
            List.of(
                RowFactory.create(
                    "participation/2023-10/01.csv",
                    "x",
                    10L,
                    "participation",
                    "2023-10",
                    "01",
                    100L,
                    97L,
                    3L,
                    "LOADED",
                    null,
                    null,
                    null,
                    "run-0",
                    at,
                    null)),
            IngestLogColumns.TABLE_SCHEMA),
        IngestLogColumns.TABLE);
  }

  private Row nationRow(Period period) {
    return catalog
        .read(NationSummaryColumns.TABLE)
        .where(col(NationSummaryColumns.PERIOD).equalTo(period.toString()))
        .collectAsList()
        .get(0);
  }

  private String bulletin(Period period, String extension) throws IOException {
    return Files.readString(
        new File(dir, "out/bulletin/" + period + "." + extension).toPath(), StandardCharsets.UTF_8);
  }

  @Test
  void writesTheTablesTheExtractsAndABulletinWhoseNumbersAreTheTables() throws IOException {
    writeIndicators(OCT, 0);
    writeIngestLog();

    // Through the command line, as a scheduler runs it.
    int exitCode =
        Main.run(
            "--conf",
            "pipeline.spark.shuffle-partitions=2",
            "report",
            "--warehouse",
            config.warehouse(),
            "--out",
            config.reportOut(),
            "--from",
            "2023-10",
            "--to",
            "2023-10");

    assertThat(exitCode).isEqualTo(JobLauncher.OK);
    Row run = catalog.read(RunsColumns.TABLE).collectAsList().get(0);
    assertThat(run.<String>getAs(RunsColumns.STATUS)).isEqualTo(RunsColumns.STATUS_SUCCEEDED);
    // 63 provinces + 6 regions + 1 nation + 63 × 3 file slices; no quarantine table yet.
    assertThat(run.<Long>getAs(RunsColumns.ROWS_WRITTEN)).isEqualTo(63 + 6 + 1 + 189);
    assertThat(catalog.read(ProvinceScorecardColumns.TABLE).count()).isEqualTo(63);
    for (String table : ReportStep.TABLES) {
      long inTable = catalog.read(table).count();
      Dataset<Row> extract = SPARK.read().parquet(new File(dir, "out/extracts/" + table).getPath());
      assertThat(extract.count()).as("extract of %s", table).isEqualTo(inTable);
      assertThat(extract.columns()).contains("period");
    }
    Row received =
        catalog
            .read(DataQualityColumns.TABLE)
            .where(col(DataQualityColumns.RECEIVED))
            .collectAsList()
            .get(0);
    assertThat(received.<Long>getAs(DataQualityColumns.ROWS_QUARANTINED)).isEqualTo(3L);

    Row nation = nationRow(OCT);
    String markdown = bulletin(OCT, "md");
    assertThat(markdown)
        .contains(
            String.format(
                Locale.ROOT,
                "As of 31 October 2023 the nation had %,d social-insurance participants,"
                    + " %.1f%% of the annual plan (+3.0%% year on year).",
                nation.<Long>getAs(ReportMeasureColumns.SI_PARTICIPANTS),
                nation.<Double>getAs(ReportMeasureColumns.SI_PARTICIPANTS_ATTAINMENT_PCT)))
        .contains("**Provisional figures.** 62 of 63 provinces had reported in full")
        .contains("Files received: 1 of 189 expected")
        .contains("3 rows were set aside");
    for (Row province : catalog.read(ProvinceScorecardColumns.TABLE).collectAsList()) {
      Long participants = province.getAs(ReportMeasureColumns.SI_PARTICIPANTS);
      String cell = participants == null ? "–" : String.format(Locale.ROOT, "%,d", participants);
      assertThat(markdown)
          .contains(
              "| "
                  + province.getAs(ProvinceScorecardColumns.PROVINCE_NAME)
                  + " | "
                  + province.getAs(ProvinceScorecardColumns.REGION_NAME)
                  + " | "
                  + cell
                  + " |");
    }
    assertThat(bulletin(OCT, "html")).contains("<h2>National figures</h2>");
  }

  @Test
  void rerunningAPeriodReplacesItsOutputsAndLeavesTheOtherPeriods() throws IOException {
    writeIndicators(OCT, 0);
    writeIndicators(NOV, 0);
    writeIngestLog();
    RunResult first = report(PeriodRange.ALL);
    assertThat(first.details()).containsEntry("periods", "2 (2023-10..2023-11)");
    List<Row> novemberRows = scorecard(NOV);
    List<String> novemberExtract = extractFiles(NOV);
    String novemberBulletin = bulletin(NOV, "md");
    long novemberBulletinTime = new File(dir, "out/bulletin/2023-11.md").lastModified();
    long octoberParticipants = nationRow(OCT).<Long>getAs(ReportMeasureColumns.SI_PARTICIPANTS);

    // October is corrected upstream: every province gains 7 participants.
    writeIndicators(OCT, 7);
    report(PeriodRange.closed(OCT, OCT));

    long corrected = nationRow(OCT).<Long>getAs(ReportMeasureColumns.SI_PARTICIPANTS);
    assertThat(corrected).isEqualTo(octoberParticipants + 7 * 62);
    assertThat(catalog.read(ProvinceScorecardColumns.TABLE).count()).isEqualTo(2 * 63);
    assertThat(bulletin(OCT, "md"))
        .contains(String.format(Locale.ROOT, "the nation had %,d social-insurance", corrected));
    Row extracted =
        SPARK
            .read()
            .parquet(new File(dir, "out/extracts/" + NationSummaryColumns.TABLE).getPath())
            .where(col(NationSummaryColumns.PERIOD).equalTo(OCT.toString()))
            .collectAsList()
            .get(0);
    assertThat(extracted.<Long>getAs(ReportMeasureColumns.SI_PARTICIPANTS)).isEqualTo(corrected);

    // November: same rows, same extract files (not rewritten), same bulletin file.
    assertThat(scorecard(NOV)).containsExactlyInAnyOrderElementsOf(novemberRows);
    assertThat(extractFiles(NOV)).isEqualTo(novemberExtract);
    assertThat(bulletin(NOV, "md")).isEqualTo(novemberBulletin);
    assertThat(new File(dir, "out/bulletin/2023-11.md").lastModified())
        .isEqualTo(novemberBulletinTime);
  }

  @Test
  void aRangeWithoutIndicatorsFailsWithAClearReason() {
    writeIndicators(OCT, 0);

    assertThatThrownBy(() -> report(PeriodRange.closed(NOV, NOV)))
        .isInstanceOf(PipelineException.class)
        .hasMessage("no indicators for the periods 2023-11..2023-11 (run transform first?)");
  }

  @Test
  void theCommandLineRejectsAnInvertedRangeAndReportsAMissingWarehouse() {
    String warehouse = new File(dir, "empty-warehouse").getPath();
    assertThat(Main.run("report", "--warehouse", warehouse, "--from", "2023-12", "--to", "2023-11"))
        .isEqualTo(JobLauncher.BAD_CONFIGURATION);
    CommandLineRun empty =
        CommandLineRun.of(
            "--conf",
            "pipeline.spark.shuffle-partitions=2",
            "report",
            "--warehouse",
            warehouse,
            "--out",
            new File(dir, "out").getPath());
    assertThat(empty.exitCode()).isEqualTo(JobLauncher.FAILED);
    assertThat(empty.stderr())
        .contains("no indicators in the warehouse (run transform first?)")
        .doesNotContain("…");
    // The failed run is recorded.
    assertThat(TableCatalog.of(SPARK, config.withLocations(null, warehouse, null)).exists("runs"))
        .isTrue();
  }

  private List<Row> scorecard(Period period) {
    return catalog
        .read(ProvinceScorecardColumns.TABLE)
        .where(col(ProvinceScorecardColumns.PERIOD).equalTo(period.toString()))
        .collectAsList();
  }

  private List<String> extractFiles(Period period) throws IOException {
    List<String> files = new ArrayList<>();
    for (String table : ReportStep.TABLES) {
      File folder = new File(dir, "out/extracts/" + table + "/period=" + period);
      try (Stream<java.nio.file.Path> paths = Files.list(folder.toPath())) {
        paths.map(p -> table + "/" + p.getFileName()).sorted().forEach(files::add);
      }
    }
    return files;
  }
}
