package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.jobs.CommandLineRun;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

/** The command line's exit codes and one-line reasons when ingest cannot run. */
@JobTier
class IngestCommandTest {
  @TempDir Path temp;

  private static CommandLineRun run(String... args) {
    SparkTestSession.get(); // the launcher then reuses the shared session
    return CommandLineRun.of(args);
  }

  @Test
  void aMissingLandingFolderFailsWithOneLine() {
    CommandLineRun run =
        run(
            "--conf",
            "pipeline.pseudonymisation.key-file=" + temp.resolve("hmac.key"),
            "ingest",
            "--landing",
            temp.resolve("nowhere").toString(),
            "--warehouse",
            temp.resolve("warehouse").toString());

    assertThat(run.exitCode()).isEqualTo(JobLauncher.FAILED);
    assertThat(run.stderr())
        .contains("pipeline ingest: error: landing folder " + temp.resolve("nowhere"))
        .contains("does not exist");
  }

  @Test
  void aProfileThatMayNotCreateKeysRefusesToRunWithoutOne() throws Exception {
    Files.createDirectories(temp.resolve("landing"));
    CommandLineRun run =
        run(
            "--conf",
            "pipeline.pseudonymisation.key-file=" + temp.resolve("absent.key"),
            "--conf",
            "pipeline.pseudonymisation.key-env=BHXH_INGEST_TEST_KEY_NOT_SET",
            "--conf",
            "pipeline.pseudonymisation.create-if-missing=false",
            "ingest",
            "--landing",
            temp.resolve("landing").toString(),
            "--warehouse",
            temp.resolve("warehouse").toString());

    assertThat(run.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(run.stderr()).contains("no pseudonymisation key").hasLineCount(1);
    assertThat(temp.resolve("absent.key")).doesNotExist();
  }

  @Test
  void anUnwritableWarehouseFailsBeforeAnyWork() throws Exception {
    Files.createDirectories(temp.resolve("landing"));
    Path notAFolder = Files.writeString(temp.resolve("file"), "x");
    CommandLineRun run =
        run(
            "--conf",
            "pipeline.pseudonymisation.key-file=" + temp.resolve("hmac.key"),
            "ingest",
            "--landing",
            temp.resolve("landing").toString(),
            "--warehouse",
            notAFolder.resolve("warehouse").toString());

    assertThat(run.exitCode()).isEqualTo(JobLauncher.FAILED);
    assertThat(run.stderr())
        .contains("pipeline ingest: error: warehouse " + notAFolder.resolve("warehouse"))
        .contains("is not writable");
  }

  @Test
  void aBadProvinceIsAnArgumentError() {
    CommandLineRun run = run("ingest", "--province", "1");

    assertThat(run.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(run.stderr()).contains("--province must be a 2-digit province code, got '1'");
  }
}
