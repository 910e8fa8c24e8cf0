package vn.bhxh.pipeline.jobs.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

/** The command line of {@code transform}: bad input stops it before any Spark work. */
class TransformCommandTest {
  @TempDir Path directory;

  @Test
  void aRangeThatEndsBeforeItStartsIsABadArgument() {
    assertThat(Main.run("transform", "--from", "2023-10", "--to", "2023-01"))
        .isEqualTo(JobLauncher.BAD_CONFIGURATION);
  }

  @Test
  void aBrokenCatalogueIsAConfigurationErrorAtStartUp() throws Exception {
    Path catalogue = directory.resolve("indicators.conf");
    Files.writeString(
        catalogue,
        "indicators = [{ code = x, name-en = x, name-vi = x, dataset = claims, measure = count,"
            + " nature = flow, unit = claims, higher-is-better = true }]");
    assertThat(
            Main.run(
                "--conf",
                "pipeline.indicators.catalogue=" + catalogue,
                "transform",
                "--warehouse",
                directory.resolve("warehouse").toString()))
        .isEqualTo(JobLauncher.BAD_CONFIGURATION);
  }
}
