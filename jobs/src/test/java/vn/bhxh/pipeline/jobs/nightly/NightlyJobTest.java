package vn.bhxh.pipeline.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.pseudo.HmacKey;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.GeographyColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.QuarantineColumns;
import vn.bhxh.pipeline.common.schema.RunsColumns;
import vn.bhxh.pipeline.common.schema.ValidationColumns;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.generate.GenerateOptions;
import vn.bhxh.pipeline.jobs.generate.GenerateStep;
import vn.bhxh.pipeline.jobs.report.ReportStep;

/**
 * The nightly command end to end on a tiny generated landing zone: five months, 2024-10..2024-12
 * and 2025-11..2025-12, so that a change of 2024-11 has a later month in its year (2024-12), a
 * month a year later (2025-11), and months it must not touch (2024-10, and 2025-12 for
 * participation).
 */
@JobTier
class NightlyJobTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  private static final List<String> MONTHS =
      List.of("2024-10", "2024-11", "2024-12", "2025-11", "2025-12");

  /** Lineage columns: which run wrote a row and when, different in every run by design. */
  private static final List<String> LINEAGE =
      List.of(
          CommonColumns.RUN_ID,
          IngestLogColumns.INGESTED_AT,
          QuarantineColumns.QUARANTINED_AT,
          IngestLogColumns.MODIFIED_AT);

  /** Every table a nightly writes, besides runs and ingest_log (compared without lineage). */
  private static final List<String> DATA_TABLES =
      Stream.concat(
              Stream.of(
                  "participation",
                  "contributions",
                  "benefits",
                  "quarantine",
                  "population",
                  "targets",
                  "geography",
                  IndicatorColumns.TABLE,
                  ValidationColumns.TABLE),
              ReportStep.TABLES.stream())
          .toList();

  @TempDir static Path shared;
  @TempDir Path temp;

  private static Path pristine;
  private static Path reference;

  @BeforeAll
  static void generateLanding() throws IOException {
    // The key first: the child JVMs and this one must never race to create it.
    HmacKey.load(
        ConfigLoader.load(
                java.util.Optional.empty(),
                List.of("pipeline.pseudonymisation.key-file=" + shared.resolve("hmac.key")))
            .pseudonymisation());
    pristine = shared.resolve("landing");
    PipelineConfig config = ConfigLoader.defaults().withLocations(pristine.toString(), null, null);
    GenerateStep.run(
        config, new GenerateOptions(Period.parse("2024-10"), Period.parse("2025-12"), 0.0002, 7));
    for (String dataset : List.of("participation", "contributions", "benefits")) {
      try (Stream<Path> months = Files.list(pristine.resolve(dataset))) {
        for (Path month : months.toList()) {
          if (!MONTHS.contains(month.getFileName().toString())) {
            deleteTree(month);
          }
        }
      }
    }
  }

  @Test
  void aRedeliveredFileRecomputesExactlyWhatDependsOnItAndAQuietNightWritesNothing()
      throws IOException {
    Path landing = copyLanding(temp.resolve("landing"));
    Path warehouse = temp.resolve("warehouse");
    Outcome first = nightly(landing, warehouse);
    assertThat(first.code).isEqualTo(JobLauncher.OK);
    assertThat(periods(warehouse, "indicators")).containsExactlyElementsOf(MONTHS);
    // The checks ran over every month; the summary counts their findings.
    Map<String, String> firstDetails = lastRunDetails(warehouse);
    assertThat(first.out)
        .contains(
            "  checks:        "
                + firstDetails.get("validation_errors")
                + " error(s), "
                + firstDetails.get("validation_warnings")
                + " warning(s) in validation_results");

    // A quiet night: every data table keeps its version, runs gets one row.
    Map<String, Long> before = versions(warehouse);
    Outcome quiet = nightly(landing, warehouse);
    assertThat(quiet.code).isEqualTo(JobLauncher.OK);
    assertThat(quiet.out).contains("nothing new: no table written but runs");
    Map<String, Long> after = versions(warehouse);
    assertThat(after.get(RunsColumns.TABLE)).isEqualTo(before.get(RunsColumns.TABLE) + 1);
    after.remove(RunsColumns.TABLE);
    before.remove(RunsColumns.TABLE);
    assertThat(after).isEqualTo(before);
    assertThat(lastRunDetails(warehouse))
        .containsEntry("files_loaded", "0")
        .containsEntry("periods_recomputed", "0")
        // Nor did it read geography: the first nightly vouched for the version it wrote.
        .containsEntry("geography_written", "false")
        .containsEntry("geography_verified_version", before.get(GeographyColumns.TABLE).toString());

    // Someone rewrites geography behind the nightlies' back, without Hà Nội: the version moved, so
    // the next nightly reads the table and restores the project's geography. No indicator was
    // computed from the bad rows, so none is recomputed.
    List<String> geography = sortedRows(read(warehouse, GeographyColumns.TABLE));
    Dataset<Row> stored = read(warehouse, GeographyColumns.TABLE);
    SPARK
        .createDataFrame(
            stored.where(col(GeographyColumns.PROVINCE_CODE).notEqual("01")).collectAsList(),
            stored.schema())
        .write()
        .format("delta")
        .mode("overwrite")
        .save(warehouse.resolve(GeographyColumns.TABLE).toString());
    assertThat(nightly(landing, warehouse).code).isEqualTo(JobLauncher.OK);
    long restored = before.get(GeographyColumns.TABLE) + 2; // the rewrite, then the restore
    assertThat(lastRunDetails(warehouse))
        .containsEntry("geography_written", "true")
        .containsEntry("geography_verified_version", Long.toString(restored))
        .containsEntry("periods_recomputed", "0");
    assertThat(versions(warehouse).get(GeographyColumns.TABLE)).isEqualTo(restored);
    assertThat(sortedRows(read(warehouse, GeographyColumns.TABLE))).isEqualTo(geography);

    // Hà Nội re-delivers its participation of 2024-11 with ten fewer rows: participation feeds no
    // year-to-date indicator, so 2024-11 (base) and 2025-11 (yoy) change and nothing else.
    Map<String, List<Row>> indicatorsBefore = indicatorsByPeriod(warehouse);
    Map<String, Long> versionsBefore = versions(warehouse);
    Redelivery.dropLastRows(landing.resolve("participation/2024-11/01.csv"), 10);
    assertThat(nightly(landing, warehouse).code).isEqualTo(JobLauncher.OK);
    Map<String, String> details = lastRunDetails(warehouse);
    assertThat(details)
        .containsEntry("files_loaded", "1")
        .containsEntry("periods_recomputed", "2")
        .containsEntry("periods_base", "2024-11")
        .containsEntry("periods_yoy", "2025-11")
        .doesNotContainKey("periods_ytd");
    assertThat(newLogPaths(warehouse)).containsExactly("participation/2024-11/01.csv");
    Map<String, List<Row>> indicatorsAfter = indicatorsByPeriod(warehouse);
    assertThat(changedPeriods(indicatorsBefore, indicatorsAfter))
        .containsExactly("2024-11", "2025-11");
    Map<String, Long> versionsAfter = versions(warehouse);
    // Written: participation (its slice), ingest_log, indicators, the report tables; not the
    // other silver tables, quarantine of other datasets aside, nor the reference tables.
    for (String untouched : List.of("contributions", "benefits", "population", "targets")) {
      assertThat(versionsAfter.get(untouched))
          .as(untouched)
          .isEqualTo(versionsBefore.get(untouched));
    }
    assertThat(versionsAfter.get("participation"))
        .isEqualTo(versionsBefore.get("participation") + 1);
    assertThat(versionsAfter.get("indicators")).isEqualTo(versionsBefore.get("indicators") + 1);
    assertThat(versionsAfter.get(ValidationColumns.TABLE))
        .isEqualTo(versionsBefore.get(ValidationColumns.TABLE) + 1);

    // The same for contributions of 2024-11: a year-to-date dataset, so also 2024-12 (ytd) and
    // 2025-12 (its YTD compared with 2024-12's); 2024-10 is still untouched.
    indicatorsBefore = indicatorsAfter;
    Redelivery.dropLastRows(landing.resolve("contributions/2024-11/01.csv"), 10);
    assertThat(nightly(landing, warehouse).code).isEqualTo(JobLauncher.OK);
    assertThat(lastRunDetails(warehouse))
        .containsEntry("files_loaded", "1")
        .containsEntry("periods_base", "2024-11")
        .containsEntry("periods_ytd", "2024-12")
        .containsEntry("periods_yoy", "2025-11..2025-12");
    Map<String, List<Row>> afterContributions = indicatorsByPeriod(warehouse);
    assertThat(changedPeriods(indicatorsBefore, afterContributions))
        .containsExactly("2024-11", "2024-12", "2025-11", "2025-12");

    // And benefits of 2024-11: besides the year-to-date sums, the year-to-date distinct
    // recipients and treated persons of 2024-12 need the keys of 2024-11, re-read from silver.
    Redelivery.dropLastRows(landing.resolve("benefits/2024-11/01.csv"), 10);
    assertThat(nightly(landing, warehouse).code).isEqualTo(JobLauncher.OK);
    assertThat(lastRunDetails(warehouse))
        .containsEntry("files_loaded", "1")
        .containsEntry("periods_base", "2024-11")
        .containsEntry("periods_ytd", "2024-12")
        .containsEntry("periods_yoy", "2025-11..2025-12");
    Map<String, List<Row>> incremental = indicatorsByPeriod(warehouse);
    assertThat(changedPeriods(afterContributions, incremental))
        .containsExactly("2024-11", "2024-12", "2025-11", "2025-12");
    assertThat(incremental.get("2024-12"))
        .anyMatch(row -> "si_benefit_recipients_ytd".equals(row.getAs(IndicatorColumns.INDICATOR)))
        .anyMatch(row -> "hi_treated_persons_ytd".equals(row.getAs(IndicatorColumns.INDICATOR)));
    // Only the base month 2024-11 was read from silver for base values (the others took theirs
    // from indicators; year-to-date distinct counts read the year's keys), and what the nightlies
    // left equals a recomputation of every month from silver.
    List<String> transformAll = new ArrayList<>(arguments(landing, warehouse));
    transformAll.subList(transformAll.indexOf("nightly"), transformAll.size()).clear();
    transformAll.addAll(List.of("transform", "--warehouse", warehouse.toString()));
    assertThat(Main.run(transformAll.toArray(String[]::new))).isEqualTo(JobLauncher.OK);
    Map<String, List<Row>> recomputed = indicatorsByPeriod(warehouse);
    assertThat(recomputed.keySet()).isEqualTo(incremental.keySet());
    incremental.forEach(
        (period, rows) ->
            assertThat(recomputed.get(period))
                .as(period)
                .containsExactlyInAnyOrderElementsOf(rows));
  }

  @Test
  void aNightlyKilledAfterItsIngestIsRepairedByTheNextOne() throws Exception {
    Path landing = copyLanding(temp.resolve("landing"));
    Path warehouse = temp.resolve("warehouse");
    // Killed when its transform starts, after the ingest committed: the gap that only the plan
    // from ingest_log can repair.
    Process child =
        startChildNightly(
            landing,
            warehouse,
            "--conf",
            "spark.extraListeners=" + HaltAtTransform.class.getName());
    assertThat(child.waitFor(10, TimeUnit.MINUTES)).as("the child nightly ended").isTrue();
    assertThat(child.exitValue()).as("halted at its transform").isEqualTo(HaltAtTransform.STATUS);
    assertThat(hasCommit(warehouse.resolve(IngestLogColumns.TABLE).resolve("_delta_log")))
        .as("the ingest had committed its log")
        .isTrue();
    assertThat(indicatorsComplete(warehouse)).as("the killed run did not finish").isFalse();

    Outcome repair = nightly(landing, warehouse);
    assertThat(repair.code).as(repair.err).isEqualTo(JobLauncher.OK);
    assertSameTables(warehouse, referenceWarehouse());
  }

  @Test
  void aSecondNightlyExitsWithTheBusyCodeNamingTheHolderAndTheFirstFinishes() throws Exception {
    Path landing = copyLanding(temp.resolve("landing"));
    Path warehouse = temp.resolve("warehouse");
    Process first = startChildNightly(landing, warehouse);
    Outcome second;
    try {
      Path lock = warehouse.resolve("_locks/nightly.lock");
      assertThat(waitFor(first, () -> Files.exists(lock))).isTrue();
      second = nightly(landing, warehouse);
    } finally {
      // The first one runs to its end.
      assertThat(first.waitFor(10, TimeUnit.MINUTES)).isTrue();
    }
    assertThat(second.code).isEqualTo(JobLauncher.BUSY);
    assertThat(second.err).contains("another nightly is running").contains("pid " + first.pid());
    assertThat(first.exitValue()).isEqualTo(JobLauncher.OK);
    assertSameTables(warehouse, referenceWarehouse());
  }

  // --- helpers --------------------------------------------------------------------------------

  private record Outcome(int code, String out, String err) {}

  private static Outcome nightly(Path landing, Path warehouse) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(arguments(landing, warehouse).toArray(String[]::new));
      return new Outcome(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  private static List<String> arguments(Path landing, Path warehouse) {
    return List.of(
        "--conf",
        "pipeline.pseudonymisation.key-file=" + shared.resolve("hmac.key"),
        "--conf",
        "pipeline.report-out=" + warehouse.resolveSibling(warehouse.getFileName() + "-out"),
        "nightly",
        "--landing",
        landing.toString(),
        "--warehouse",
        warehouse.toString());
  }

  /** The tables of one uninterrupted nightly on the pristine landing zone (made once). */
  private static synchronized Path referenceWarehouse() throws IOException {
    if (reference == null) {
      Path landing = copyLanding(shared.resolve("reference-landing"));
      reference = shared.resolve("reference-warehouse");
      assertThat(nightly(landing, reference).code).isEqualTo(JobLauncher.OK);
    }
    return reference;
  }

  /** A nightly in a JVM of its own (test class path), so that it can be killed. */
  private static Process startChildNightly(Path landing, Path warehouse, String... options)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports"))
        .forEach(command::add);
    command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path")));
    command.add(Main.class.getName());
    command.addAll(
        List.of(
            "--conf", "pipeline.spark.master=local[2]",
            "--conf", "pipeline.spark.shuffle-partitions=2",
            "--conf", "pipeline.spark.ui-enabled=false"));
    command.addAll(List.of(options));
    command.addAll(arguments(landing, warehouse));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(warehouse.resolveSibling("child.log").toFile())
        .start();
  }

  /** Waits, by polling, until a condition holds or the process has ended; true if it held. */
  private static boolean waitFor(Process process, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
        return condition.getAsBoolean();
      }
    }
    return false;
  }

  /** Whether a commit in the log added rows (a data file), not only created the table. */
  private static boolean hasCommit(Path deltaLog) {
    try (Stream<Path> files = Files.list(deltaLog)) {
      return files
          .filter(f -> f.getFileName().toString().matches("\\d{20}\\.json"))
          .anyMatch(NightlyJobTest::addsFiles);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean addsFiles(Path commit) {
    try {
      return Files.readString(commit).contains("{\"add\":");
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean indicatorsComplete(Path warehouse) {
    return Files.exists(warehouse.resolve("indicators"))
        && periods(warehouse, "indicators").equals(MONTHS)
        && Files.exists(warehouse.resolve("quarantine_reasons"));
  }

  private static void assertSameTables(Path actual, Path expected) {
    for (String table : DATA_TABLES) {
      Dataset<Row> a = withoutLineage(read(actual, table));
      Dataset<Row> e = withoutLineage(read(expected, table));
      assertThat(a.count()).as(table + " rows").isEqualTo(e.count());
      // On a difference, the rows themselves (up to 20 each way) are the diagnosis.
      assertThat(a.exceptAll(e).limit(20).collectAsList())
          .as(table + " rows not expected")
          .isEmpty();
      assertThat(e.exceptAll(a).limit(20).collectAsList()).as(table + " rows missing").isEmpty();
    }
  }

  /** Without lineage, and maps as sorted entry arrays (set operations refuse maps). */
  private static Dataset<Row> withoutLineage(Dataset<Row> rows) {
    Dataset<Row> result = rows.drop(LINEAGE.toArray(String[]::new));
    for (org.apache.spark.sql.types.StructField field : result.schema().fields()) {
      if (field.dataType() instanceof org.apache.spark.sql.types.MapType) {
        result =
            result.withColumn(
                field.name(),
                org.apache.spark.sql.functions.array_sort(
                    org.apache.spark.sql.functions.map_entries(col(field.name()))));
      }
    }
    return result;
  }

  private static Dataset<Row> read(Path warehouse, String table) {
    return SPARK.read().format("delta").load(warehouse.resolve(table).toString());
  }

  private static List<String> sortedRows(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static List<String> periods(Path warehouse, String table) {
    return read(warehouse, table)
        .select(CommonColumns.PERIOD)
        .distinct()
        .orderBy(CommonColumns.PERIOD)
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  /** The latest Delta version of every table of the warehouse. */
  private static Map<String, Long> versions(Path warehouse) throws IOException {
    Map<String, Long> versions = new TreeMap<>();
    try (Stream<Path> tables = Files.list(warehouse)) {
      for (Path table : tables.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).toList()) {
        versions.put(
            table.getFileName().toString(),
            DeltaTable.forPath(SPARK, table.toString()).history(1).head().<Long>getAs("version"));
      }
    }
    return versions;
  }

  private static Map<String, String> lastRunDetails(Path warehouse) {
    Row last =
        read(warehouse, RunsColumns.TABLE)
            .orderBy(col(RunsColumns.STARTED_AT).desc())
            .limit(1)
            .collectAsList()
            .get(0);
    assertThat(last.<String>getAs(RunsColumns.STATUS)).isEqualTo(RunsColumns.STATUS_SUCCEEDED);
    return last.getJavaMap(last.fieldIndex(RunsColumns.DETAILS));
  }

  /** The paths logged by the latest run that wrote ingest_log. */
  private static List<String> newLogPaths(Path warehouse) {
    Dataset<Row> log = read(warehouse, IngestLogColumns.TABLE);
    Row latest =
        log.orderBy(col(IngestLogColumns.INGESTED_AT).desc()).limit(1).collectAsList().get(0);
    return log
        .where(col(IngestLogColumns.RUN_ID).equalTo(latest.<String>getAs(IngestLogColumns.RUN_ID)))
        .select(IngestLogColumns.PATH)
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  private static Map<String, List<Row>> indicatorsByPeriod(Path warehouse) {
    Map<String, List<Row>> byPeriod = new TreeMap<>();
    Dataset<Row> rows = withoutLineage(read(warehouse, IndicatorColumns.TABLE));
    String[] columns = rows.columns();
    for (Row row :
        rows.orderBy(
                Arrays.stream(columns).map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
            .collectAsList()) {
      byPeriod.computeIfAbsent(row.getAs(IndicatorColumns.PERIOD), p -> new ArrayList<>()).add(row);
    }
    return byPeriod;
  }

  private static List<String> changedPeriods(
      Map<String, List<Row>> before, Map<String, List<Row>> after) {
    assertThat(after.keySet()).isEqualTo(before.keySet());
    return before.keySet().stream().filter(p -> !before.get(p).equals(after.get(p))).toList();
  }

  private static Path copyLanding(Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(pristine)) {
      for (Path source : paths.toList()) {
        Path copy = target.resolve(pristine.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy);
        }
      }
    }
    return target;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
