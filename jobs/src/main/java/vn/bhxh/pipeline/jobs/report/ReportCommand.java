package vn.bhxh.pipeline.jobs.report;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.PeriodRangeOptions;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;

/** {@code report --warehouse DIR [--from YYYY-MM] [--to YYYY-MM] [--out DIR] [--as-published]}. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write the report tables, their Parquet extracts and the monthly bulletins of a range of"
            + " periods (default: every period in the indicators table).")
public final class ReportCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;
  @Mixin WarehouseOption warehouse;
  @Mixin PeriodRangeOptions periods;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Root of the extracts and bulletins (default: config pipeline.report-out).")
  String out;

  @Option(
      names = "--as-published",
      description =
          "Report the latest published vintage of every period (docs/publication.md) instead of"
              + " the current figures: the outputs as they were at publication. The warehouse's"
              + " report tables are left as they are.")
  boolean asPublished;

  @Override
  public Integer call() {
    ReportOptions options =
        new ReportOptions(
            periods.range(),
            asPublished ? ReportOptions.Figures.AS_PUBLISHED : ReportOptions.Figures.CURRENT);
    return JobLauncher.forCommand(spec, parent.global())
        .launch(
            config -> config.withLocations(null, warehouse.root(), out),
            JobLauncher.Recording.RECORD_RUN,
            environment -> ReportJob.run(environment, options));
  }
}
