package vn.bhxh.pipeline.jobs.transform;

import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * The {@code transform} command: the indicators of every month with silver data in its range
 * ({@link TransformStep}), each month replaced in one commit, then validated.
 */
public final class TransformJob {
  private TransformJob() {}

  /** Transforms every month with silver data in the range (all of them for an open range). */
  public static RunResult run(JobEnvironment environment, PeriodRange range) {
    return TransformStep.run(environment, range);
  }
}
