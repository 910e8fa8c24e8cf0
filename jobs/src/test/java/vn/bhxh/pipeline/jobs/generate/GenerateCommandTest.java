package vn.bhxh.pipeline.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.jobs.CommandLineRun;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

/** The command line: exit codes and one-line reasons (CONTRACT §2). */
class GenerateCommandTest {
  @Test
  void writesTheLandingZoneAndExitsZero(@TempDir Path landing) {
    CommandLineRun run =
        CommandLineRun.of(
            "generate",
            "--landing",
            landing.toString(),
            "--from",
            "2025-07",
            "--to",
            "2025-07",
            "--scale",
            "0.00005");
    assertThat(run.exitCode()).isEqualTo(JobLauncher.OK);
    assertThat(LandingFiles.files(landing)).hasSize(3 * 34 + 2);
  }

  @Test
  void aBadMonthIsAUsageError(@TempDir Path landing) {
    CommandLineRun run =
        CommandLineRun.of(
            "generate",
            "--landing",
            landing.toString(),
            "--from",
            "2025-13",
            "--to",
            "2025-07",
            "--scale",
            "0.0001");
    assertThat(run.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(run.stderr()).contains("'2025-13' is not a month YYYY-MM");
    assertThat(LandingFiles.files(landing)).isEmpty();
  }

  @Test
  void aScaleOutsideZeroToOneIsRefusedBeforeAnyWork(@TempDir Path landing) {
    CommandLineRun run =
        CommandLineRun.of(
            "generate",
            "--landing",
            landing.toString(),
            "--from",
            "2025-06",
            "--to",
            "2025-07",
            "--scale",
            "0");
    assertThat(run.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(run.stderr())
        .contains("pipeline generate: error: --scale must be above 0 and at most 1");
    assertThat(LandingFiles.files(landing)).isEmpty();
  }

  @Test
  void aBadSettingIsRefusedNamingItsKey(@TempDir Path landing) {
    CommandLineRun run =
        CommandLineRun.of(
            "--conf",
            "pipeline.generate.monthly-churn=0.5",
            "generate",
            "--landing",
            landing.toString(),
            "--from",
            "2025-06",
            "--to",
            "2025-06",
            "--scale",
            "0.0001");
    assertThat(run.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(run.stderr())
        .contains("pipeline.generate.monthly-churn must be between 0.0 and 0.05, got 0.5");
  }

  @Test
  void aRemoteLandingIsRefused() {
    CommandLineRun run =
        CommandLineRun.of(
            "generate",
            "--landing",
            "hdfs://namenode/landing",
            "--from",
            "2025-06",
            "--to",
            "2025-06",
            "--scale",
            "0.0001");
    assertThat(run.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(run.stderr()).contains("generate writes to a local folder");
  }

  @Test
  void aLandingThatCannotBeWrittenFailsWithExitOne(@TempDir Path folder) throws IOException {
    Path notAFolder = Files.writeString(folder.resolve("landing"), "a file, not a folder");
    CommandLineRun run =
        CommandLineRun.of(
            "generate",
            "--landing",
            notAFolder.toString(),
            "--from",
            "2025-06",
            "--to",
            "2025-06",
            "--scale",
            "0.0001");
    assertThat(run.exitCode()).isEqualTo(JobLauncher.FAILED);
    assertThat(run.stderr()).contains("pipeline generate: error: cannot create folder");
  }
}
