package vn.bhxh.pipeline.jobs.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

/** {@code transform --warehouse DIR [--from YYYY-MM] [--to YYYY-MM]}. */
@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    description =
        "Compute the indicators (province, region, nation × reported/current boundary) of every"
            + " period with data in the range; without a range, every period present.")
public final class TransformCommand implements Callable<Integer> {
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

  @Override
  public Integer call() {
    List<String> arguments = new ArrayList<>();
    if (from != null) {
      arguments.addAll(List.of("--from", from));
    }
    if (to != null) {
      arguments.addAll(List.of("--to", to));
    }
    JobLauncher launcher = new JobLauncher("transform", arguments, parent.global());
    PeriodRange range;
    try {
      range = PeriodRange.of(from, to);
    } catch (ConfigurationException e) {
      return launcher.fail(JobLauncher.BAD_CONFIGURATION, e.getMessage());
    }
    return launcher.launch(
        config -> {
          // Check the catalogue and the geography before Spark starts: a mistake there is a
          // configuration error (exit 2) with one line naming the file and the entry.
          IndicatorCatalogue.load(config.indicators().catalogue());
          Geography.load(config.geography());
          return config.withLocations(null, warehouse, null);
        },
        JobLauncher.Recording.RECORD_RUN,
        environment -> TransformJob.run(environment, range));
  }
}
