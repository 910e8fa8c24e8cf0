package vn.bhxh.pipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * The whole ingest on the {@link HostileCorpus}: exact outcome of every file and bad row, the
 * reconciliation, no raw ID anywhere, geography, and idempotence (run twice, re-deliver a file).
 * One ingest is shared by the read-only tests; the test that re-runs goes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@JobTier
class IngestJobTest {
  @TempDir static Path temp;

  private static final StringWriter LOGS = new StringWriter();
  private static final String CAPTURE = "ingest-test-capture";
  private static SparkSession spark;
  private static TableCatalog catalog;
  private static RunResult first;
  private static String firstSummary;

  @BeforeAll
  static void ingestTheCorpus() throws IOException {
    spark = SparkTestSession.get();
    HostileCorpus.write(temp.resolve("landing"));
    captureLogs();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    first = ingest(IngestOptions.everything(), out);
    firstSummary = out.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopCapturing() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(CAPTURE);
    context.updateLoggers();
  }

  @Test
  @Order(1)
  void logsEveryFileWithItsOutcomeAndCounts() {
    Map<String, String> outcomes = new TreeMap<>();
    for (Row row : table("ingest_log").collectAsList()) {
      String reason = row.getAs("rejection_reason");
      outcomes.put(
          row.getAs("path"),
          row.getAs("status")
              + " "
              + row.getAs("rows_read")
              + "="
              + row.getAs("rows_accepted")
              + "+"
              + row.getAs("rows_quarantined")
              + (reason == null ? "" : " " + reason.substring(0, reason.indexOf(':'))));
    }
    Map<String, String> expected = new TreeMap<>();
    expected.put("reference/population.csv", "LOADED 5=2+3");
    expected.put("reference/targets.csv", "LOADED 5=2+3");
    expected.put("participation/2024-01/01.csv", "LOADED 17=3+14");
    expected.put("participation/2024-01/02.csv.gz", "LOADED 2=2+0");
    expected.put("participation/2024-01/04.csv", "REJECTED 0=0+0 MISSING_REQUIRED_COLUMNS");
    expected.put("participation/2024-01/06.csv", "REJECTED 0=0+0 NOT_UTF8");
    expected.put("participation/2024-01/08.csv", "REJECTED 0=0+0 EMPTY_FILE");
    expected.put("participation/2024-01/10.csv", "LOADED 0=0+0");
    expected.put("participation/2024-01/11.csv", "REJECTED 0=0+0 DUPLICATE_DELIVERY");
    expected.put("participation/2024-01/11.csv.gz", "REJECTED 0=0+0 DUPLICATE_DELIVERY");
    expected.put("participation/2024-01/12.csv.gz", "REJECTED 0=0+0 UNREADABLE");
    expected.put("participation/2024-01/notes.txt", "REJECTED 0=0+0 BAD_FILE_NAME");
    expected.put("participation/2024-01/14.csv", "REJECTED 0=0+0 MISSING_REQUIRED_COLUMNS");
    expected.put("participation/2025-07/01.csv", "LOADED 1=1+0");
    expected.put("participation/2025-07/54.csv", "REJECTED 0=0+0 UNKNOWN_PROVINCE_FOR_PERIOD");
    expected.put("contributions/2024-01/01.csv", "LOADED 7=2+5");
    expected.put("benefits/2024-01/01.csv", "LOADED 5=1+4");
    assertThat(outcomes).isEqualTo(expected);

    Row gz = table("ingest_log").filter(col("path").endsWith("02.csv.gz")).first();
    assertThat(gz.<scala.collection.Seq<String>>getAs("extra_columns").mkString(","))
        .isEqualTo("note");
    assertThat(gz.<String>getAs("checksum")).hasSize(64);
    assertThat(first.rowsRead()).isEqualTo(42);
    assertThat(first.rowsWritten()).isEqualTo(13);
    assertThat(first.rowsQuarantined()).isEqualTo(29);
    assertThat(first.details()).containsEntry("files_rejected", "9");
    assertThat(firstSummary)
        .contains("17 found, 8 loaded, 9 rejected")
        .contains("42 read = 13 accepted + 29 quarantined");
  }

  @Test
  @Order(2)
  void quarantinesEveryBadRowWithAllItsReasons() {
    Map<String, String> reasons = new TreeMap<>();
    for (Row row : table("quarantine").collectAsList()) {
      String file = row.getAs("source_file");
      reasons.put(
          file + ":" + row.getAs("line_number"),
          row.<scala.collection.Seq<String>>getAs("reason_codes").mkString(","));
    }
    Map<String, String> expected = new LinkedHashMap<>();
    String p = "participation/2024-01/01.csv:";
    expected.put(p + 4, "DUPLICATE_PERSON_SCHEME");
    expected.put(p + 5, "BAD_PERSON_ID");
    expected.put(p + 6, "UNKNOWN_SCHEME");
    expected.put(p + 7, "MISSING_HI_GROUP");
    expected.put(p + 8, "MISSING_EMPLOYER_ID");
    expected.put(p + 9, "BAD_GENDER");
    expected.put(p + 10, "BIRTH_YEAR_OUT_OF_RANGE");
    expected.put(p + 11, "PERIOD_MISMATCH");
    expected.put(p + 12, "PROVINCE_MISMATCH");
    expected.put(p + 13, "RAGGED_ROW");
    expected.put(p + 14, "NOT_AN_INTEGER");
    expected.put(p + 15, "MISSING_REQUIRED");
    expected.put(p + 16, "BAD_PERIOD_FORMAT");
    expected.put(
        p + 18,
        "PROVINCE_MISMATCH,BAD_DISTRICT_CODE,MISSING_HI_GROUP,BAD_GENDER,BIRTH_YEAR_OUT_OF_RANGE");
    String c = "contributions/2024-01/01.csv:";
    expected.put(c + 4, "NOT_AN_INTEGER,NEGATIVE_AMOUNT");
    expected.put(c + 5, "UNKNOWN_PAYER_TYPE");
    expected.put(c + 6, "MISSING_E_TRANSACTIONS");
    expected.put(c + 7, "DUPLICATE_PAYER");
    expected.put(c + 8, "BAD_PAYER_ID");
    String b = "benefits/2024-01/01.csv:";
    expected.put(b + 3, "DUPLICATE_CLAIM_ID");
    expected.put(b + 4, "UNKNOWN_REGIME,UNKNOWN_PAYMENT_TYPE");
    expected.put(b + 5, "NOT_AN_INTEGER");
    expected.put(b + 6, "RAGGED_ROW");
    expected.put("reference/population.csv:4", "UNKNOWN_PROVINCE");
    expected.put("reference/population.csv:5", "WORKING_AGE_EXCEEDS_POPULATION");
    expected.put("reference/population.csv:6", "DUPLICATE_KEY");
    expected.put("reference/targets.csv:4", "UNKNOWN_GEO_CODE");
    expected.put("reference/targets.csv:5", "UNKNOWN_INDICATOR");
    expected.put("reference/targets.csv:6", "NOT_A_NUMBER");
    assertThat(reasons).isEqualTo(new TreeMap<>(expected));

    // The slice of a row is its file's, whatever the row says (line 11 says 2024-02).
    Row mismatch = table("quarantine").filter(col("line_number").equalTo(11)).first();
    assertThat(mismatch.<String>getAs("period")).isEqualTo("2024-01");
    assertThat(mismatch.<String>getAs("province_code")).isEqualTo("01");
    assertThat(
            table("quarantine")
                .filter(col("dataset").equalTo("population"))
                .select("period")
                .first()
                .getString(0))
        .isEqualTo("reference");
  }

  @Test
  @Order(3)
  void reconcilesEveryLoadedFile() {
    for (Row log : table("ingest_log").collectAsList()) {
      String path = log.getAs("path");
      long read = log.getAs("rows_read");
      long accepted = log.getAs("rows_accepted");
      long quarantined = log.getAs("rows_quarantined");
      assertThat(read).as(path).isEqualTo(accepted + quarantined);
      assertThat(table("quarantine").filter(col("source_file").equalTo(path)).count())
          .as(path)
          .isEqualTo(quarantined);
      String dataset = log.getAs("dataset");
      if (!dataset.equals("population") && !dataset.equals("targets")) {
        assertThat(table(dataset).filter(col("source_file").equalTo(path)).count())
            .as(path)
            .isEqualTo(accepted);
      }
    }
    assertThat(table("population").count()).isEqualTo(2);
    assertThat(table("targets").count()).isEqualTo(2);
  }

  @Test
  @Order(4)
  void typesAcceptedRowsAndKeysThePersonTheSameEverywhere() {
    Dataset<Row> participation = table("participation");
    assertThat(participation.count()).isEqualTo(6);
    Row quoted = participation.filter(col("employer_id").equalTo("EMP, B")).first();
    assertThat(quoted.<Integer>getAs("birth_year")).isEqualTo(1985);
    long person =
        participation
            .filter(col("employer_id").equalTo("EMP-A"))
            .select("person_key")
            .first()
            .getLong(0);

    assertThat(
            participation
                .filter(col("period").equalTo("2025-07"))
                .select("person_key")
                .first()
                .getLong(0))
        .isEqualTo(person);
    assertThat(
            table("contributions")
                .filter(col("payer_type").equalTo("INDIVIDUAL"))
                .select("payer_key")
                .first()
                .getLong(0))
        .isEqualTo(person);
    assertThat(table("benefits").select("person_key").first().getLong(0)).isEqualTo(person);
    Row duplicate =
        table("quarantine")
            .filter(col("source_file").endsWith("participation/2024-01/01.csv"))
            .filter(col("line_number").equalTo(4))
            .first();
    assertThat(
            duplicate.<scala.collection.Map<String, String>>getAs("row_values").apply("person_id"))
        .isEqualTo("key:" + HexFormat.of().toHexDigits(person));
  }

  @Test
  @Order(5)
  void noRawIdInAnyTableNorInTheLogsNorInTheSummary() {
    List<String> everything = new ArrayList<>();
    for (String name : catalog.tables()) {
      for (Row row : table(name).collectAsList()) {
        everything.add(name + ": " + row);
      }
    }
    everything.add(LOGS.toString());
    everything.add(firstSummary);
    assertThat(everything).hasSizeGreaterThan(50);
    for (String id : HostileCorpus.RAW_IDS) {
      assertThat(everything).allSatisfy(text -> assertThat(text).doesNotContain(id));
    }
    assertThat(LOGS.toString()).contains("ingest participation");
  }

  @Test
  @Order(6)
  void buildsTheGeographyOfBothVersions() {
    Dataset<Row> geography = table("geography");
    assertThat(geography.filter(col("version").equalTo("p63")).count()).isEqualTo(63);
    assertThat(geography.filter(col("version").equalTo("p34")).count()).isEqualTo(34);
    assertThat(successor(geography, "54")).isEqualTo("66");
    assertThat(successor(geography, "52")).isEqualTo("52");
  }

  @Test
  @Order(50)
  void everyDataFileWrittenIsInItsTableAndNoneOfARejectedFile() throws IOException {
    // The read tasks write the data files themselves; those of rejected files (and of the files
    // sharing them, read again) are deleted, so what is on disk is exactly what the tables hold.
    for (String dataset : List.of("participation", "contributions", "benefits")) {
      Set<String> live = new TreeSet<>();
      for (String file : table(dataset).inputFiles()) {
        live.add(local(file).toString());
      }
      Set<String> onDisk = new TreeSet<>();
      try (Stream<Path> files = Files.walk(local(catalog.path(dataset)))) {
        files
            .filter(file -> file.toString().endsWith(".parquet"))
            .filter(file -> !file.toString().contains("_delta_log"))
            .forEach(file -> onDisk.add(file.toString()));
      }
      assertThat(onDisk).as(dataset).isNotEmpty().isEqualTo(live);
    }
  }

  @Test
  @Order(100)
  void runningTwiceGivesIdenticalTablesAndARedeliveredFileReplacesOnlyItsSlice()
      throws IOException {
    Map<String, List<String>> before = snapshot();
    ingest(IngestOptions.everything(), new ByteArrayOutputStream());
    assertThat(snapshot()).isEqualTo(before);

    String slice = "participation/2024-01/01.csv";
    Map<String, List<String>> after =
        redeliverJanuaryOf01(
            slice,
            "\n2024-01,01,003,0170000001,SI_VOLUNTARY,,,M,2000"
                + "\n2024-01,01,003,0170000001,SI_VOLUNTARY,,,M,2000\n");

    assertThat(rowsOf(after.get("participation"), slice))
        .hasSize(1)
        .allMatch(r -> r.contains("003"));
    assertThat(rowsOf(after.get("quarantine"), slice)).hasSize(1);
    assertThat(without(after.get("participation"), slice))
        .isEqualTo(without(before.get("participation"), slice));
    assertThat(without(after.get("quarantine"), slice))
        .isEqualTo(without(before.get("quarantine"), slice));
    for (String unchanged : List.of("contributions", "benefits", "population", "targets")) {
      assertThat(after.get(unchanged)).as(unchanged).isEqualTo(before.get(unchanged));
    }
  }

  @Test
  @Order(101)
  void aCorrectedFileTakesItsSlicesEarlierRejectsAwayAndNoOthers() throws IOException {
    Map<String, List<String>> before = snapshot();
    String slice = "participation/2024-01/01.csv";
    assertThat(rowsOf(before.get("quarantine"), slice)).as("rejects before").isNotEmpty();

    Map<String, List<String>> after =
        redeliverJanuaryOf01(slice, "\n2024-01,01,003,0170000001,SI_VOLUNTARY,,,M,2000\n");

    assertThat(rowsOf(after.get("quarantine"), slice)).isEmpty();
    assertThat(after.get("quarantine")).isEqualTo(without(before.get("quarantine"), slice));
    assertThat(rowsOf(after.get("participation"), slice)).hasSize(1);
  }

  // ---- helpers ----

  /**
   * Writes a participation file of 2024-01 for province 01 with these rows (after the header),
   * ingests that slice alone and returns the tables after it.
   */
  private static Map<String, List<String>> redeliverJanuaryOf01(String slice, String rows)
      throws IOException {
    HostileCorpus.write(
        temp.resolve("landing"),
        slice,
        HostileCorpus.utf8(HostileCorpus.PARTICIPATION_HEADER + rows));
    ingest(
        new IngestOptions(
            PeriodRange.closed(Period.of(2024, 1), Period.of(2024, 1)), Optional.of("01")),
        new ByteArrayOutputStream());
    return snapshot();
  }

  private static RunResult ingest(IngestOptions options, ByteArrayOutputStream out) {
    PipelineConfig base = SparkTestSession.config();
    PipelineConfig config =
        base.withLocations(
                temp.resolve("landing").toString(), temp.resolve("warehouse").toString(), null)
            .withPseudonymisation(
                new PipelineConfig.PseudonymisationSettings(
                    "BHXH_INGEST_TEST_KEY_NOT_SET",
                    temp.resolve("keys/hmac.key").toString(),
                    true));
    catalog = TableCatalog.of(spark, config);
    RunContext run = RunContext.start("ingest", List.of(), Clock.systemUTC());
    return IngestJob.run(
        new JobEnvironment(config, spark, catalog, run),
        options,
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private static Path local(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  private static Dataset<Row> table(String name) {
    return catalog.read(name);
  }

  private static String successor(Dataset<Row> geography, String p63Code) {
    return geography
        .filter(col("version").equalTo("p63").and(col("province_code").equalTo(p63Code)))
        .select("successor_code")
        .first()
        .getString(0);
  }

  /** Every data table's rows as sorted text, without the columns that name the run. */
  private static Map<String, List<String>> snapshot() {
    Map<String, List<String>> tables = new TreeMap<>();
    for (String name :
        List.of(
            "participation",
            "contributions",
            "benefits",
            "quarantine",
            "population",
            "targets",
            "geography")) {
      Dataset<Row> rows = table(name);
      for (String lineage : List.of("run_id", "quarantined_at", "ingested_at")) {
        rows = rows.drop(lineage);
      }
      List<String> text = new ArrayList<>();
      rows.collectAsList().forEach(row -> text.add(row.toString()));
      text.sort(String::compareTo);
      tables.put(name, text);
    }
    return tables;
  }

  private static List<String> rowsOf(List<String> rows, String sourceFile) {
    return rows.stream().filter(r -> r.contains(sourceFile)).toList();
  }

  private static List<String> without(List<String> rows, String sourceFile) {
    return rows.stream().filter(r -> !r.contains(sourceFile)).toList();
  }

  private static void captureLogs() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    var configuration = context.getConfiguration();
    WriterAppender appender =
        WriterAppender.newBuilder()
            .setName(CAPTURE)
            .setTarget(LOGS)
            .setLayout(PatternLayout.newBuilder().withPattern("%p %c{1}: %m%n").build())
            .build();
    appender.start();
    configuration.addAppender(appender);
    configuration.getRootLogger().addAppender(appender, Level.ALL, null);
    context.updateLoggers();
  }
}
