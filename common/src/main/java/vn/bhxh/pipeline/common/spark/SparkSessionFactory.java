package vn.bhxh.pipeline.common.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.config.PipelineConfig;

/**
 * The one place a {@link SparkSession} is built. Under spark-submit the master and any {@code
 * --conf spark.*} given there win; run from {@code bin/pipeline} it starts an embedded local
 * session. Delta Lake is always enabled; the session time zone is UTC so periods and timestamps do
 * not depend on the machine.
 */
public final class SparkSessionFactory {
  /** How many compiled generated classes Spark keeps (a static setting: fixed at start). */
  static final String CODEGEN_CACHE = "spark.sql.codegen.cache.maxEntries";

  private SparkSessionFactory() {}

  /** Returns the active session configured for the pipeline, creating it if needed. */
  public static SparkSession create(PipelineConfig config) {
    SparkConf submitted = new SparkConf(); // holds spark.* system properties set by spark-submit
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(config.spark().appName())
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.adaptive.enabled", "true")
            .config("spark.sql.adaptive.coalescePartitions.enabled", "true")
            .config(
                "spark.sql.shuffle.partitions", String.valueOf(config.spark().shufflePartitions()))
            .config("spark.ui.enabled", String.valueOf(config.spark().uiEnabled()))
            .config("spark.ui.showConsoleProgress", "false")
            // Small tables are many: keep Delta from collecting stats it does not need on every
            // write.
            .config("spark.databricks.delta.snapshotPartitions", "4")
            .config("spark.sql.parquet.compression.codec", "zstd");
    if (!submitted.contains("spark.master")) {
      builder.master(config.spark().master());
    }
    if (!submitted.contains(CODEGEN_CACHE)) {
      // A nightly generates more than the default 100 classes, so a driver that stays up
      // (nightly --watch) compiled most of them again on every pass: about 6 s of CPU in a
      // re-delivery. A generated class is tens of KB; 2000 fit in well under 100 MB.
      builder.config(CODEGEN_CACHE, "2000");
    }
    for (Map.Entry<String, String> setting : config.spark().settings().entrySet()) {
      builder.config(setting.getKey(), setting.getValue());
    }
    return builder.getOrCreate();
  }
}
