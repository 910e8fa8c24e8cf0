package vn.bhxh.pipeline.jobs.report;

import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * The {@code report} command: the report tables, Parquet extracts and bulletins of a range of
 * periods, with the current or the published figures ({@link ReportStep}).
 */
public final class ReportJob {
  private ReportJob() {}

  /** Writes the report outputs of every period of the range present in {@code indicators}. */
  public static RunResult run(JobEnvironment environment, ReportOptions options) {
    return ReportStep.run(environment, options);
  }
}
