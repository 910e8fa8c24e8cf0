package vn.bhxh.pipeline.jobs.nightly;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Loaded into a child nightly with {@code --conf spark.extraListeners=}: halts its JVM, as {@code
 * kill -9} would (no shutdown hook, no clean-up), when the first Spark job of the transform starts,
 * that is after the ingest has committed and before any indicator is written. The kill point is the
 * run's own progress, not the test's timing.
 */
public final class HaltAtTransform extends SparkListener {
  /** The exit status of the halted JVM (128 + SIGKILL, as after a kill -9). */
  static final int STATUS = 137;

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    String description = start.properties().getProperty("spark.job.description");
    if (description != null && description.startsWith("transform")) {
      Runtime.getRuntime().halt(STATUS);
    }
  }
}
