package vn.bhxh.pipeline.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

/** {@code report --warehouse DIR [--from YYYY-MM] [--to YYYY-MM] [--out DIR]}. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write the report tables, their Parquet extracts and the monthly bulletins of a range of"
            + " periods (default: every period in the indicators table).")
public final class ReportCommand implements Callable<Integer> {
  @ParentCommand Main parent;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Warehouse root (default: config).")
  String warehouse;

  @Option(names = "--from", paramLabel = "YYYY-MM", description = "First period (inclusive).")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM", description = "Last period (inclusive).")
  String to;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Root of the extracts and bulletins (default: config pipeline.report-out).")
  String out;

  @Override
  public Integer call() {
    List<String> arguments = new ArrayList<>();
    addOption(arguments, "--warehouse", warehouse);
    addOption(arguments, "--from", from);
    addOption(arguments, "--to", to);
    addOption(arguments, "--out", out);
    JobLauncher launcher = new JobLauncher("report", arguments, parent.global());
    PeriodRange range;
    try {
      range = PeriodRange.of(from, to);
    } catch (ConfigurationException e) {
      return launcher.fail(JobLauncher.BAD_CONFIGURATION, e.getMessage());
    }
    ReportOptions options = new ReportOptions(range);
    return launcher.launch(
        config -> config.withLocations(null, warehouse, out),
        JobLauncher.Recording.RECORD_RUN,
        environment -> ReportJob.run(environment, options));
  }

  private static void addOption(List<String> arguments, String name, String value) {
    if (value != null) {
      arguments.add(name);
      arguments.add(value);
    }
  }
}
