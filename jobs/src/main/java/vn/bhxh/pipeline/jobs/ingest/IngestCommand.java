package vn.bhxh.pipeline.jobs.ingest;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.LandingOption;
import vn.bhxh.pipeline.jobs.cli.PeriodRangeOptions;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;

/** {@code ingest --landing DIR --warehouse DIR [--from YYYY-MM] [--to YYYY-MM] [--province PP]}. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Load landing files (and the reference data) into the Delta tables; rejected rows go to"
            + " quarantine, every file to ingest_log. Without a range, everything found.")
public final class IngestCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;
  @Mixin LandingOption landing;
  @Mixin WarehouseOption warehouse;
  @Mixin PeriodRangeOptions periods;

  @Option(names = "--province", paramLabel = "PP", description = "Load only this province.")
  String province;

  @Override
  public Integer call() {
    IngestOptions options = new IngestOptions(periods.range(), Optional.ofNullable(province));
    return JobLauncher.forCommand(spec, parent.global())
        .launch(
            config -> config.withLocations(landing.root(), warehouse.root(), null),
            JobLauncher.Recording.RECORD_RUN,
            environment -> IngestJob.run(environment, options, System.out));
  }
}
