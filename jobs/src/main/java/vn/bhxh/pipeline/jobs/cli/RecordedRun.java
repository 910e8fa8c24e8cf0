package vn.bhxh.pipeline.jobs.cli;

import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.error.LockBusyException;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.run.RunLog;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.jobs.cli.JobLauncher.SparkJob;

/**
 * The one place a run is recorded in {@code runs}: a row when the job succeeds, or one with the
 * reason when it fails. Used by the launcher for a command and by the demo for each of its steps.
 * Not recorded: a configuration error or a busy lock, where nothing was attempted (the holder's row
 * tells what ran).
 */
public final class RecordedRun {
  private RecordedRun() {}

  /** Runs {@code job} in {@code environment} (whose run context is the run's) and records it. */
  public static RunResult run(JobEnvironment environment, SparkJob job) {
    try {
      RunResult result = job.run(environment);
      RunLog.succeeded(environment.catalog(), environment.run(), result);
      return result;
    } catch (ConfigurationException | LockBusyException e) {
      throw e;
    } catch (Exception e) { // Scala code (Spark, Delta) throws checked exceptions undeclared
      try {
        RunLog.failed(environment.catalog(), environment.run(), reason(e));
      } catch (RuntimeException recording) {
        e.addSuppressed(recording);
      }
      throw e;
    }
  }

  /**
   * Why a run failed: the message of the pipeline's own errors (whole: the {@code runs} row keeps
   * every line), the exception's class and the first line of its message for anything else (Spark,
   * Delta, the JVM).
   */
  static String reason(Exception e) {
    if (e instanceof PipelineException) {
      return String.valueOf(e.getMessage());
    }
    String message = e.getMessage();
    String first =
        message == null ? "(no message)" : message.strip().lines().findFirst().orElse("");
    return e.getClass().getSimpleName() + ": " + first;
  }
}
