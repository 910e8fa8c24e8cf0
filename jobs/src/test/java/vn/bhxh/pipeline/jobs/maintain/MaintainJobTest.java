package vn.bhxh.pipeline.jobs.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameRows;
import static vn.bhxh.pipeline.common.testing.Rows.row;
import static vn.bhxh.pipeline.common.testing.Rows.rows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.nightly.RunLock;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

@JobTier
class MaintainJobTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("period", DataTypes.StringType)
          .add("province_code", DataTypes.StringType)
          .add("people", DataTypes.LongType);

  @TempDir static Path warehouse;
  private static SparkSession spark;
  private static PipelineConfig config;
  private static TableCatalog catalog;
  private static String output;
  private static RunResult result;

  /** Six nights: each appends one small file to one of two period partitions. */
  @BeforeAll
  static void sixSmallCommitsThenMaintain() {
    spark = SparkTestSession.get();
    config = SparkTestSession.config().withLocations(null, warehouse.toString(), null);
    catalog = TableCatalog.of(spark, config);
    for (int night = 0; night < 6; night++) {
      String period = night % 2 == 0 ? "2025-01" : "2025-02";
      catalog.append(
          spark
              .createDataFrame(
                  List.of(row(period, String.format("%02d", night), 10L + night)), SCHEMA)
              .coalesce(1),
          "participation",
          "period");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JobEnvironment environment =
        new JobEnvironment(
            config, spark, catalog, RunContext.start("maintain", List.of(), Clock.systemUTC()));
    result =
        MaintainJob.run(
            environment, Duration.ofDays(7), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void optimizeLeavesOneFilePerPeriodAndTheSameRows() {
    assertThat(output)
        .contains("participation: 6 → 2 live files (optimize compacted 6 into 2)")
        // OPTIMIZE commits once, VACUUM twice (its start and its end); the checkpoint follows.
        .contains("6 → 9 log commits, checkpoint at version 8");
    assertSameRows(
        rows(row("2025-01", 36L), row("2025-02", 39L)),
        catalog.read("participation").groupBy("period").sum("people"));
    assertThat(result.details()).containsEntry("retain_hours", "168");
    assertThat(result.details().get("participation"))
        .isEqualTo("live 6→2, stored 6→8, log 6→9, checkpoint 8");
  }

  @Test
  void vacuumKeepsTheFilesOfRecentVersionsSoOlderSnapshotsStillRead() {
    long atVersionThree =
        spark
            .read()
            .format("delta")
            .option("versionAsOf", 3)
            .load(catalog.path("participation"))
            .count();
    assertThat(atVersionThree).isEqualTo(4);
  }

  @Test
  void theLogIsCheckpointed() throws Exception {
    try (Stream<Path> log = Files.list(warehouse.resolve("participation/_delta_log"))) {
      assertThat(log.map(p -> p.getFileName().toString()))
          .contains("00000000000000000008.checkpoint.parquet");
    }
  }

  @Test
  void aRetentionBelowTheFloorIsABadArgument() {
    assertThatThrownBy(() -> MaintainJob.checkRetention(Duration.ofHours(167)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("--retain 167h is below the floor of 168h");
    assertThat(Main.run("maintain", "--warehouse", warehouse.toString(), "--retain", "1h"))
        .isEqualTo(JobLauncher.BAD_CONFIGURATION);
  }

  @Test
  void itWaitsForNoNightlyAndRecordsItsRun() {
    RunLock lock =
        RunLock.forWarehouse(
            warehouse.toString(),
            config.nightly().lock(),
            spark.sparkContext().hadoopConfiguration(),
            Clock.systemUTC());
    try (RunLock.Handle held = lock.acquire("a-nightly")) {
      held.verify();
      assertThat(Main.run("maintain", "--warehouse", warehouse.toString()))
          .isEqualTo(JobLauncher.BUSY);
    }
    assertThat(Main.run("maintain", "--warehouse", warehouse.toString())).isEqualTo(JobLauncher.OK);
    assertSameRows(
        rows(row("SUCCEEDED")),
        catalog.read("runs").where("command = 'maintain'").select("status"));
  }
}
