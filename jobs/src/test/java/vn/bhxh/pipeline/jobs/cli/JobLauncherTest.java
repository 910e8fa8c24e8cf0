package vn.bhxh.pipeline.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.error.InputException;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.RunsColumns;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.jobs.Main;

@JobTier
class JobLauncherTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);

  @TempDir Path warehouse;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aSuccessfulRunIsRecordedWithItsCountsAndExitsZero() {
    int code =
        launcher("ingest")
            .launch(
                config -> config.withLocations(null, warehouse.toString(), null),
                JobLauncher.Recording.RECORD_RUN,
                environment -> new RunResult(10, 7, 3, Map.of("files", "2")));

    assertThat(code).isZero();
    Row run = runs().get(0);
    assertThat(run.<String>getAs(RunsColumns.COMMAND)).isEqualTo("ingest");
    assertThat(run.<String>getAs(RunsColumns.STATUS)).isEqualTo(RunsColumns.STATUS_SUCCEEDED);
    assertThat(run.<String>getAs(RunsColumns.RUN_ID)).startsWith("20261122T030000Z-ingest-");
    assertThat(run.<Long>getAs(RunsColumns.ROWS_READ)).isEqualTo(10L);
    assertThat(run.<Long>getAs(RunsColumns.ROWS_WRITTEN)).isEqualTo(7L);
    assertThat(run.<Long>getAs(RunsColumns.ROWS_QUARANTINED)).isEqualTo(3L);
    assertThat(run.<String>getAs(RunsColumns.ARGUMENTS)).isEqualTo("--landing x");
    assertThat(run.getJavaMap(run.fieldIndex(RunsColumns.DETAILS))).containsEntry("files", "2");
  }

  @Test
  void aFailedRunIsRecordedAndPrintsOneLine() {
    int code =
        launchFailing(new InputException("landing folder /nowhere does not exist\nsecond line"));

    assertThat(code).isEqualTo(JobLauncher.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("pipeline ingest: error: landing folder /nowhere does not exist\n");
    Row run = runs().get(0);
    assertThat(run.<String>getAs(RunsColumns.STATUS)).isEqualTo(RunsColumns.STATUS_FAILED);
    // The pipeline's own message is recorded whole.
    assertThat(run.<String>getAs(RunsColumns.ERROR))
        .isEqualTo("landing folder /nowhere does not exist\nsecond line");
  }

  @Test
  void anUnexpectedFailureIsRecordedWithItsClassAndFirstLine() {
    int code = launchFailing(new IllegalStateException("task 3 lost\n\tat somewhere"));

    assertThat(code).isEqualTo(JobLauncher.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("pipeline ingest: error: IllegalStateException: task 3 lost\n");
    Row run = runs().get(0);
    assertThat(run.<String>getAs(RunsColumns.STATUS)).isEqualTo(RunsColumns.STATUS_FAILED);
    assertThat(run.<String>getAs(RunsColumns.ERROR))
        .isEqualTo("IllegalStateException: task 3 lost");
  }

  /** An ingest run, recorded, whose job throws {@code failure}; its exit code. */
  private int launchFailing(RuntimeException failure) {
    return launcher("ingest")
        .launch(
            config -> config.withLocations(null, warehouse.toString(), null),
            JobLauncher.Recording.RECORD_RUN,
            environment -> {
              throw failure;
            });
  }

  @Test
  void badConfigurationExitsTwoBeforeAnyWork() {
    JobLauncher launcher =
        new JobLauncher(
            "ingest",
            List.of(),
            globalWith("pipeline.spark.shuffle-partitions=-1"),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            CLOCK);
    int code =
        launcher.launch(
            config -> config,
            JobLauncher.Recording.RECORD_RUN,
            environment -> {
              throw new AssertionError("the job must not run");
            });

    assertThat(code).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("pipeline.spark.shuffle-partitions must be at least 1");
  }

  @Test
  void readOnlyCommandsLeaveNoRunsRow() {
    int code =
        launcher("sql")
            .launch(
                config -> config.withLocations(null, warehouse.toString(), null),
                JobLauncher.Recording.READ_ONLY,
                environment -> RunResult.of(1, 0, 0));

    assertThat(code).isZero();
    assertThat(
            TableCatalog.of(
                    SparkTestSession.get(),
                    SparkTestSession.config().withLocations(null, warehouse.toString(), null))
                .exists(RunsColumns.TABLE))
        .isFalse();
  }

  @Test
  void aRunRecordsTheCommandsOwnOptionsInDeclarationOrderAndNotTheGlobalOnes() {
    ParseResult parsed =
        new CommandLine(new Main())
            .parseArgs(
                "--config",
                "site.conf",
                "ingest",
                "--province",
                "01",
                "--conf",
                "pipeline.spark.master=local[1]",
                "--to",
                "2025-02",
                "--landing",
                "landing");

    assertThat(JobLauncher.arguments(parsed.subcommand().commandSpec()))
        .containsExactly("--landing", "landing", "--to", "2025-02", "--province", "01");
  }

  @Test
  void aRunRecordsTheDefaultsOfOptionsNotGiven() {
    ParseResult parsed = new CommandLine(new Main()).parseArgs("demo", "--scale", "0.002");

    assertThat(JobLauncher.arguments(parsed.subcommand().commandSpec()))
        .containsExactly(
            "--dir",
            "data/demo",
            "--from",
            "2024-07",
            "--to",
            "2026-06",
            "--scale",
            "0.002",
            "--seed",
            "1");
  }

  private JobLauncher launcher(String command) {
    return new JobLauncher(
        command,
        List.of("--landing", "x"),
        globalWith("pipeline.spark.master=local[2]"),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        CLOCK);
  }

  private static GlobalOptions globalWith(String override) {
    GlobalOptions global = new GlobalOptions();
    global.overrides.add(override);
    return global;
  }

  private List<Row> runs() {
    return TableCatalog.of(
            SparkTestSession.get(),
            SparkTestSession.config().withLocations(null, warehouse.toString(), null))
        .read(RunsColumns.TABLE)
        .collectAsList();
  }
}
