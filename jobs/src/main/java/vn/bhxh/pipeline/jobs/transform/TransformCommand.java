package vn.bhxh.pipeline.jobs.transform;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.PeriodRangeOptions;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;

/** {@code transform --warehouse DIR [--from YYYY-MM] [--to YYYY-MM]}. */
@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    description =
        "Compute the indicators (province, region, nation × reported/current boundary) of every"
            + " period with data in the range; without a range, every period present.")
public final class TransformCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;
  @Mixin WarehouseOption warehouse;
  @Mixin PeriodRangeOptions periods;

  @Override
  public Integer call() {
    PeriodRange range = periods.range();
    return JobLauncher.forCommand(spec, parent.global())
        .launch(
            config -> {
              // Check the catalogue and the geography before Spark starts: a mistake there is a
              // configuration error (exit 2) with one line naming the file and the entry.
              ValidationStep.rules(
                  config, IndicatorCatalogue.load(config.indicators().catalogue()));
              Geography.load(config.geography());
              return config.withLocations(null, warehouse.root(), null);
            },
            JobLauncher.Recording.RECORD_RUN,
            environment -> {
              RunResult result = TransformJob.run(environment, range);
              ValidationStep.failIfConfigured(environment.config(), result.details());
              return result;
            });
  }
}
