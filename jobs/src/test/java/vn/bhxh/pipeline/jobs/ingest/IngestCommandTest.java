package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

/** The command line's exit codes and one-line reasons when ingest cannot run. */
class IngestCommandTest {
  @TempDir Path temp;

  private int run(ByteArrayOutputStream err, String... args) {
    SparkTestSession.get(); // the launcher then reuses the shared session
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void aMissingLandingFolderFailsWithOneLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        run(
            err,
            "--conf",
            "pipeline.pseudonymisation.key-file=" + temp.resolve("hmac.key"),
            "ingest",
            "--landing",
            temp.resolve("nowhere").toString(),
            "--warehouse",
            temp.resolve("warehouse").toString());

    assertThat(code).isEqualTo(JobLauncher.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("pipeline ingest: error: landing folder " + temp.resolve("nowhere"))
        .contains("does not exist");
  }

  @Test
  void aProfileThatMayNotCreateKeysRefusesToRunWithoutOne() throws Exception {
    Files.createDirectories(temp.resolve("landing"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        run(
            err,
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

    assertThat(code).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no pseudonymisation key")
        .hasLineCount(1);
    assertThat(temp.resolve("absent.key")).doesNotExist();
  }

  @Test
  void anUnwritableWarehouseFailsBeforeAnyWork() throws Exception {
    Files.createDirectories(temp.resolve("landing"));
    Path notAFolder = Files.writeString(temp.resolve("file"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        run(
            err,
            "--conf",
            "pipeline.pseudonymisation.key-file=" + temp.resolve("hmac.key"),
            "ingest",
            "--landing",
            temp.resolve("landing").toString(),
            "--warehouse",
            notAFolder.resolve("warehouse").toString());

    assertThat(code).isEqualTo(JobLauncher.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("pipeline ingest: error: warehouse " + notAFolder.resolve("warehouse"))
        .contains("is not writable");
  }

  @Test
  void aBadProvinceIsAnArgumentError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run(err, "ingest", "--province", "1");

    assertThat(code).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--province must be a 2-digit province code, got '1'");
  }
}
