package vn.bhxh.pipeline.jobs.generate;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.PeriodConverter;

/** {@code generate --landing DIR --from YYYY-MM --to YYYY-MM --scale F [--seed N]}. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write synthetic landing files (participation, contributions, benefits for every province"
          + " of every month, and reference/population.csv and reference/targets.csv) for a"
          + " population of F × Vietnam's.",
      "The data are synthetic. The same seed, scale and months give the same bytes."
    })
public final class GenerateCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;

  // Not the shared --landing of the commands that read a landing zone: this one is written, and
  // only to a local folder.
  @Option(
      names = "--landing",
      paramLabel = "DIR",
      description = "Landing root to write, a local folder (default: pipeline.landing).")
  String landing;

  // A closed range, both ends required: not the optional --from/--to of the commands that read.
  @Option(
      names = "--from",
      required = true,
      paramLabel = "YYYY-MM",
      converter = PeriodConverter.class,
      description = "First month.")
  Period from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "YYYY-MM",
      converter = PeriodConverter.class,
      description = "Last month (inclusive).")
  Period to;

  @Option(
      names = "--scale",
      required = true,
      paramLabel = "F",
      description =
          "Population as a fraction of Vietnam's (0 < F <= 1), e.g. 0.01 for ~1M persons.")
  double scale;

  @Mixin SeedOption seed;

  @Override
  public Integer call() {
    return JobLauncher.forCommand(spec, parent.global())
        .launchLocal(
            config -> config.withLocations(landing, null, null),
            config -> GenerateStep.run(config, new GenerateOptions(from, to, scale, seed.seed())));
  }
}
