package vn.bhxh.pipeline.jobs.ingest;

import java.io.PrintStream;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * The {@code ingest} command: loads the reference data (geography from the project, population and
 * targets from the landing zone) and the monthly landing files that its options select into their
 * Delta tables ({@link IngestStep}), and prints the closing summary.
 */
public final class IngestJob {
  private IngestJob() {}

  /** Runs the ingest; the closing summary goes to {@code out}. */
  public static RunResult run(JobEnvironment environment, IngestOptions options, PrintStream out) {
    IngestStep.Result result = IngestStep.open(environment).loadLanding(options);
    result.print(out);
    return result.runResult();
  }
}
