package vn.bhxh.pipeline.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.nightly.RunLock;
import vn.bhxh.pipeline.common.schema.RunsColumns;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.CommandLineRun;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.generate.GenerateOptions;
import vn.bhxh.pipeline.jobs.generate.GenerateStep;

/**
 * {@code nightly --watch} through the command line: passes in one JVM, each a whole nightly with
 * its own {@code runs} row; a pass locked out is skipped and the watch goes on. The schedule itself
 * is {@code WatchTest}'s.
 */
@JobTier
class NightlyWatchTest {
  private static final SparkSession SPARK = SparkTestSession.get();

  @TempDir static Path shared;
  @TempDir Path temp;

  private static Path landing;

  @BeforeAll
  static void generateLanding() {
    landing = shared.resolve("landing");
    PipelineConfig config = ConfigLoader.defaults().withLocations(landing.toString(), null, null);
    GenerateStep.run(
        config, new GenerateOptions(Period.parse("2024-11"), Period.parse("2024-11"), 0.0002, 3));
  }

  @Test
  void eachPassIsANightlyWithItsOwnRunsRowAndTheLastPassGivesTheExitCode() {
    Path warehouse = temp.resolve("warehouse");

    CommandLineRun run = CommandLineRun.of(arguments(warehouse, "--watch", "1s", "--passes", "2"));

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(JobLauncher.OK);
    List<Row> runs = nightlyRuns(warehouse);
    assertThat(runs).hasSize(2);
    assertThat(runs)
        .allSatisfy(
            r -> {
              assertThat(r.<String>getAs(RunsColumns.STATUS))
                  .isEqualTo(RunsColumns.STATUS_SUCCEEDED);
              assertThat(r.<String>getAs(RunsColumns.ARGUMENTS))
                  .contains("--watch 1s")
                  .contains("--passes 2");
            });
    assertThat(runs.get(0).<String>getAs(RunsColumns.RUN_ID))
        .isNotEqualTo(runs.get(1).<String>getAs(RunsColumns.RUN_ID));
    // The first pass loads the landing zone (3 monthly files per province and the reference
    // files); the second finds nothing new.
    long landed = countFiles(landing);
    assertThat(details(runs.get(0)).get("files_loaded")).isEqualTo(Long.toString(landed));
    assertThat(details(runs.get(1)).get("files_loaded")).isEqualTo("0");
    assertThat(details(runs.get(1)).get("periods_recomputed")).isEqualTo("0");
    assertThat(run.stderr())
        .contains("pipeline nightly --watch: pass 1 finished in")
        .contains("pass 2 finished in")
        .contains("that was the last pass");
  }

  @Test
  void aPassLockedOutIsSkippedAndTheWatchGoesOn() {
    Path warehouse = temp.resolve("warehouse");
    PipelineConfig config = ConfigLoader.defaults();
    RunLock lock =
        RunLock.forWarehouse(
            warehouse.toString(),
            config.nightly().lock(),
            SPARK.sparkContext().hadoopConfiguration(),
            Clock.systemUTC());

    CommandLineRun run;
    try (RunLock.Handle held = lock.acquire("held-by-the-test")) {
      run = CommandLineRun.of(arguments(warehouse, "--watch", "1s", "--passes", "2"));
      held.verify(); // still the test's: the skipped passes left it alone
    }

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(JobLauncher.BUSY);
    assertThat(run.stderr())
        .contains("held-by-the-test")
        .contains("pass 1 skipped (another run holds the lock)")
        .contains("pass 2 skipped (another run holds the lock)");
    assertThat(nightlyRuns(warehouse)).isEmpty();
  }

  @Test
  void passesWithoutWatchAndBadIntervalsAreUsageErrors() {
    Path warehouse = temp.resolve("warehouse");
    CommandLineRun passesAlone = CommandLineRun.of(arguments(warehouse, "--passes", "2"));
    CommandLineRun bareNumber = CommandLineRun.of(arguments(warehouse, "--watch", "15"));
    CommandLineRun noPasses =
        CommandLineRun.of(arguments(warehouse, "--watch", "1m", "--passes", "0"));

    assertThat(passesAlone.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(passesAlone.stderr()).contains("--passes needs --watch");
    assertThat(bareNumber.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(bareNumber.stderr()).contains("'15' is not an interval: give a unit");
    assertThat(noPasses.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(noPasses.stderr()).contains("--passes must be at least 1, got 0");
    assertThat(warehouse).doesNotExist();
  }

  // --- helpers --------------------------------------------------------------------------------

  private String[] arguments(Path warehouse, String... options) {
    return Stream.concat(
            Stream.of(
                "--conf",
                "pipeline.pseudonymisation.key-file=" + shared.resolve("hmac.key"),
                "--conf",
                "pipeline.report-out=" + temp.resolve("reports"),
                "nightly",
                "--landing",
                landing.toString(),
                "--warehouse",
                warehouse.toString()),
            Stream.of(options))
        .toArray(String[]::new);
  }

  private static List<Row> nightlyRuns(Path warehouse) {
    if (!warehouse.resolve(RunsColumns.TABLE).toFile().exists()) {
      return List.of();
    }
    return SPARK
        .read()
        .format("delta")
        .load(warehouse.resolve(RunsColumns.TABLE).toString())
        .where(col(RunsColumns.COMMAND).equalTo("nightly"))
        .orderBy(RunsColumns.STARTED_AT)
        .collectAsList();
  }

  private static Map<String, String> details(Row run) {
    return run.getJavaMap(run.fieldIndex(RunsColumns.DETAILS));
  }

  private static long countFiles(Path root) {
    try (Stream<Path> files = java.nio.file.Files.walk(root)) {
      return files.filter(java.nio.file.Files::isRegularFile).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
