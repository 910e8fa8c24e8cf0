package vn.bhxh.pipeline.common.testing;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.spark.SparkSessionFactory;

/**
 * The one SparkSession of a test JVM: {@code local[2]}, two shuffle partitions, UI off, UTC, Delta
 * enabled; built through the production factory so tests run what the jobs run. Shared by every
 * test class (surefire reuses the fork), never stopped by a test.
 */
public final class SparkTestSession {
  private static PipelineConfig config;

  private SparkTestSession() {}

  /** The shared session, created on first use. */
  public static synchronized SparkSession get() {
    return SparkSessionFactory.create(config());
  }

  /** The configuration the shared session was built from (defaults, local, test sizes). */
  public static synchronized PipelineConfig config() {
    if (config == null) {
      config =
          ConfigLoader.load(
              java.util.Optional.empty(),
              List.of(
                  "pipeline.spark.master=local[2]",
                  "pipeline.spark.shuffle-partitions=2",
                  "pipeline.spark.ui-enabled=false",
                  "spark.sql.adaptive.coalescePartitions.initialPartitionNum=2",
                  "spark.default.parallelism=2",
                  "spark.databricks.delta.snapshotPartitions=1",
                  "spark.sql.sources.parallelPartitionDiscovery.parallelism=2"));
    }
    return config;
  }
}
