package vn.bhxh.pipeline.jobs.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

/** {@code ingest --landing DIR --warehouse DIR [--from YYYY-MM] [--to YYYY-MM] [--province PP]}. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Load landing files (and the reference data) into the Delta tables; rejected rows go to"
            + " quarantine, every file to ingest_log. Without a range, everything found.")
public final class IngestCommand implements Callable<Integer> {
  @ParentCommand Main parent;

  @Option(names = "--landing", paramLabel = "DIR", description = "Landing root (default: config).")
  String landing;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Warehouse root (default: config).")
  String warehouse;

  @Option(names = "--from", paramLabel = "YYYY-MM", description = "First period to load.")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM", description = "Last period to load.")
  String to;

  @Option(names = "--province", paramLabel = "PP", description = "Load only this province.")
  String province;

  @Override
  public Integer call() {
    JobLauncher launcher = new JobLauncher("ingest", arguments(), parent.global());
    IngestOptions options;
    try {
      options = new IngestOptions(PeriodRange.of(from, to), Optional.ofNullable(province));
    } catch (ConfigurationException e) {
      return launcher.fail(JobLauncher.BAD_CONFIGURATION, e.getMessage());
    }
    return launcher.launch(
        config -> config.withLocations(landing, warehouse, null),
        JobLauncher.Recording.RECORD_RUN,
        environment -> IngestJob.run(environment, options, System.out));
  }

  private List<String> arguments() {
    List<String> arguments = new ArrayList<>();
    add(arguments, "--landing", landing);
    add(arguments, "--warehouse", warehouse);
    add(arguments, "--from", from);
    add(arguments, "--to", to);
    add(arguments, "--province", province);
    return arguments;
  }

  private static void add(List<String> arguments, String option, String value) {
    if (value != null) {
      arguments.add(option);
      arguments.add(value);
    }
  }
}
