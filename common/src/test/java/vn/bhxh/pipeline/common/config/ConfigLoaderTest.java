package vn.bhxh.pipeline.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.config.PipelineConfig.CatalogMode;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.Period;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsComeFromReferenceAndTheLocalOverlay() {
    PipelineConfig config = ConfigLoader.load(Optional.empty(), List.of());

    assertThat(config.environment()).isEqualTo("local");
    assertThat(config.warehouse()).isEqualTo("data/warehouse");
    // reference.conf says 16 and ui on; conf/local.conf overrides both.
    assertThat(config.spark().shufflePartitions()).isEqualTo(8);
    assertThat(config.spark().uiEnabled()).isFalse();
    assertThat(config.catalog().mode()).isEqualTo(CatalogMode.PATH);
    assertThat(config.geography().p34From()).isEqualTo(Period.of(2025, 7));
    assertThat(config.pseudonymisation().createIfMissing()).isTrue();
  }

  @Test
  void layersApplyInOrderFileThenOverrides() throws IOException {
    File file =
        write(
            "site.conf",
            "pipeline { warehouse = \"/from/file\", landing = \"/from/file/landing\" }\n"
                + "pipeline.spark.shuffle-partitions = 3\n");

    PipelineConfig config =
        ConfigLoader.load(
            Optional.of(file),
            List.of("pipeline.warehouse=/from/override", "pipeline.warehouse=/last/wins"));

    assertThat(config.warehouse()).isEqualTo("/last/wins");
    assertThat(config.landing()).isEqualTo("/from/file/landing");
    assertThat(config.spark().shufflePartitions()).isEqualTo(3);
  }

  @Test
  void theClusterOverlayIsChosenByTheEnvironmentKey() {
    PipelineConfig config = ConfigLoader.load(Optional.empty(), List.of("pipeline.env=cluster"));

    assertThat(config.environment()).isEqualTo("cluster");
    assertThat(config.spark().shufflePartitions()).isEqualTo(200);
    assertThat(config.pseudonymisation().createIfMissing()).isFalse();
  }

  @Test
  void sparkSettingsPassThroughUnderTheirOwnNames() {
    PipelineConfig config =
        ConfigLoader.load(
            Optional.empty(),
            List.of("spark.sql.files.maxPartitionBytes=64m", "spark.executor.memory=2g"));

    assertThat(config.spark().settings())
        .containsEntry("spark.sql.files.maxPartitionBytes", "64m")
        .containsEntry("spark.executor.memory", "2g");
  }

  @Test
  void anUnknownKeyFailsNamingTheKey() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), List.of("pipeline.warehous=/typo")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown configuration key pipeline.warehous");
  }

  @Test
  void anUnknownKeyInAFileFailsToo() throws IOException {
    File file = write("typo.conf", "pipeline.spark { shuffle-partition = 4 }\n");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("pipeline.spark.shuffle-partition");
  }

  @Test
  void aWrongTypeFailsWithOneLineNamingTheFullKey() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Optional.empty(), List.of("pipeline.spark.shuffle-partitions=many")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("pipeline.spark.shuffle-partitions")
        .hasMessageContaining("NUMBER")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMissingConfigFileFailsNamingThePath() {
    File missing = dir.resolve("nope.conf").toFile();

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("configuration file not found: " + missing);
  }

  @Test
  void aMalformedOverrideFails() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), List.of("pipeline.warehouse")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("key=value");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), List.of("warehouse=/x")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("neither a pipeline.* key nor a spark.* setting");
  }

  @Test
  void anUnknownEnvironmentFails() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), List.of("pipeline.env=prod")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("conf/prod.conf");
  }

  @Test
  void semanticChecksNameTheKey() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(Optional.empty(), List.of("pipeline.spark.shuffle-partitions=0")))
        .hasMessageContaining("pipeline.spark.shuffle-partitions must be at least 1");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(Optional.empty(), List.of("pipeline.geography.p34-from=2025-7")))
        .hasMessageContaining("pipeline.geography.p34-from must be a period");
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), List.of("pipeline.catalog.mode=x")))
        .hasMessageContaining("pipeline.catalog.mode must be path or hive");
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), List.of("pipeline.warehouse=\"\"")))
        .hasMessageContaining("pipeline.warehouse must not be empty");
  }

  @Test
  void valuesWithSpecialCharactersArePlainStrings() {
    PipelineConfig config =
        ConfigLoader.load(
            Optional.empty(),
            List.of("pipeline.warehouse=s3a://bucket/wh?x=1#frag", "spark.a=b=c"));

    assertThat(config.warehouse()).isEqualTo("s3a://bucket/wh?x=1#frag");
    assertThat(config.spark().settings()).containsEntry("spark.a", "b=c");
  }

  private File write(String name, String content) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, content);
    return path.toFile();
  }
}
