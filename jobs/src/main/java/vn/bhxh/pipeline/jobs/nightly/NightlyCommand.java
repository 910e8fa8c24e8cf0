package vn.bhxh.pipeline.jobs.nightly;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.pseudo.HmacKey;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.LandingOption;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;

/**
 * {@code nightly --landing DIR --warehouse DIR}: exit 0 when done (also when nothing was new), 75
 * when another nightly holds the warehouse lock, 1 on failure, 2 on bad configuration.
 */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description =
        "Ingest what is new or changed in the landing zone since the last run and recompute exactly"
            + " the indicators and reports that depend on it. Exit 75 when another nightly runs.")
public final class NightlyCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;

  @Mixin LandingOption landing;
  @Mixin WarehouseOption warehouse;

  @Override
  public Integer call() {
    return JobLauncher.forCommand(spec, parent.global())
        .launch(
            config -> {
              // Key, catalogue and geography before Spark starts: a mistake there is a
              // configuration error (exit 2) named in one line, before the lock is taken.
              HmacKey.load(config.pseudonymisation());
              IndicatorCatalogue.load(config.indicators().catalogue());
              Geography.load(config.geography());
              return config.withLocations(landing.root(), warehouse.root(), null);
            },
            JobLauncher.Recording.RECORD_RUN,
            environment -> NightlyJob.run(environment, System.out));
  }
}
