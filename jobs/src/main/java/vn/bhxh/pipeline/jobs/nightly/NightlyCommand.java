package vn.bhxh.pipeline.jobs.nightly;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.pseudo.HmacKey;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.IntervalConverter;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.LandingOption;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;
import vn.bhxh.pipeline.jobs.cli.Watch;
import vn.bhxh.pipeline.jobs.transform.ValidationStep;

/**
 * {@code nightly --landing DIR --warehouse DIR [--watch INTERVAL [--passes N]]}: exit 0 when done
 * (also when nothing was new), 75 when another nightly holds the warehouse lock, 1 on failure, 2 on
 * bad configuration. With {@code --watch}, one pass every INTERVAL in the same JVM and Spark
 * session ({@link Watch}); each pass is a whole nightly with its own {@code runs} row.
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

  @Option(
      names = "--watch",
      paramLabel = "INTERVAL",
      converter = IntervalConverter.class,
      description =
          "Keep running: a pass at once, then one every INTERVAL (30s, 15m, 1h; at least 1s), in"
              + " this JVM and Spark session, so later passes skip start-up and warm-up. Each pass"
              + " is a nightly with its own runs row; a failed or locked-out pass is reported and"
              + " the next runs at its time. Stop with SIGTERM.")
  Duration watch;

  @Option(
      names = "--passes",
      paramLabel = "N",
      description = "With --watch: stop after N passes and exit with the last pass's code.")
  Integer passes;

  @Override
  public Integer call() {
    JobLauncher launcher = JobLauncher.forCommand(spec, parent.global());
    if (watch == null) {
      if (passes != null) {
        throw new ParameterException(spec.commandLine(), "--passes needs --watch");
      }
      return once(launcher);
    }
    if (passes != null && passes < 1) {
      throw new ParameterException(
          spec.commandLine(), "--passes must be at least 1, got " + passes);
    }
    OptionalInt limit = passes == null ? OptionalInt.empty() : OptionalInt.of(passes);
    return Watch.of(spec.name(), watch, limit).run(() -> once(launcher));
  }

  private int once(JobLauncher launcher) {
    return launcher.launch(
        config -> {
          // Key, catalogue and geography before Spark starts: a mistake there is a
          // configuration error (exit 2) named in one line, before the lock is taken.
          HmacKey.load(config.pseudonymisation());
          ValidationStep.rules(config, IndicatorCatalogue.load(config.indicators().catalogue()));
          Geography.load(config.geography());
          return config.withLocations(landing.root(), warehouse.root(), null);
        },
        JobLauncher.Recording.RECORD_RUN,
        environment -> {
          RunResult result = NightlyJob.run(environment, System.out);
          ValidationStep.failIfConfigured(environment.config(), result.details());
          return result;
        });
  }
}
