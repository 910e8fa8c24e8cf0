package vn.bhxh.pipeline.common.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.testing.SparkTier;

/** What the session is built with, from a configuration and what spark-submit set. */
@SparkTier
class SparkSessionFactoryTest {
  private static final String DELTA = SparkSessionFactory.DELTA_EXTENSION;
  private static final String GUARD = SparkSessionFactory.READ_ONLY_EXTENSION;

  @Test
  void withNothingSubmittedThePipelineDefaultsApply() {
    PipelineConfig config =
        ConfigLoader.load(Optional.empty(), List.of("pipeline.spark.shuffle-partitions=5"));

    Map<String, String> settings = SparkSessionFactory.settings(config, new SparkConf(false));

    assertThat(settings)
        .containsEntry("spark.sql.extensions", DELTA + "," + GUARD)
        .containsEntry("spark.sql.session.timeZone", "UTC")
        .containsEntry("spark.sql.shuffle.partitions", "5")
        .containsEntry("spark.sql.parquet.compression.codec", "zstd")
        .containsEntry(SparkSessionFactory.CODEGEN_CACHE, "2000");
  }

  @Test
  void aSubmittedSettingKeepsItsValueButDeltaAndUtcStay() {
    SparkConf submitted =
        new SparkConf(false)
            .set("spark.sql.shuffle.partitions", "400")
            .set("spark.sql.parquet.compression.codec", "snappy")
            .set(SparkSessionFactory.CODEGEN_CACHE, "300")
            .set("spark.sql.extensions", "com.example.Extension")
            .set("spark.sql.session.timeZone", "Asia/Ho_Chi_Minh");

    Map<String, String> settings = SparkSessionFactory.settings(ConfigLoader.defaults(), submitted);

    // Not in the map: the builder leaves the submitted value alone.
    assertThat(settings)
        .doesNotContainKeys(
            "spark.sql.shuffle.partitions",
            "spark.sql.parquet.compression.codec",
            SparkSessionFactory.CODEGEN_CACHE)
        .containsEntry("spark.sql.extensions", "com.example.Extension," + DELTA + "," + GUARD)
        .containsEntry("spark.sql.session.timeZone", "UTC");
  }

  @Test
  void deltaIsNotAddedTwiceToSubmittedExtensions() {
    SparkConf submitted =
        new SparkConf(false)
            .set("spark.sql.extensions", DELTA + ", com.example.Extension, " + GUARD);

    assertThat(SparkSessionFactory.settings(ConfigLoader.defaults(), submitted))
        .containsEntry("spark.sql.extensions", DELTA + ", com.example.Extension, " + GUARD);
  }

  @Test
  void thePipelinesOwnSparkSettingsWinOverEverything() {
    PipelineConfig config =
        ConfigLoader.load(
            Optional.empty(), List.of("spark.sql.shuffle.partitions=7", "spark.some.key=x"));
    SparkConf submitted = new SparkConf(false).set("spark.sql.shuffle.partitions", "400");

    assertThat(SparkSessionFactory.settings(config, submitted))
        .containsEntry("spark.sql.shuffle.partitions", "7")
        .containsEntry("spark.some.key", "x");
  }
}
