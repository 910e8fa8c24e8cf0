package vn.bhxh.pipeline.jobs.demo;

import java.nio.file.Path;
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
import vn.bhxh.pipeline.jobs.generate.SeedOption;

/** {@code demo [--dir DIR] [--from YYYY-MM] [--to YYYY-MM] [--scale F] [--seed N]}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a small synthetic national data set (24 months across the July 2025 merger) and"
          + " run generate → ingest → transform → report on it; print a summary and where every"
          + " output is.",
      "Re-running replaces the previous demo in the same folder."
    })
public final class DemoCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "data/demo",
      description = "Folder for landing/, warehouse/ and reports/ (default: ${DEFAULT-VALUE}).")
  Path dir;

  // A closed range with defaults across the merger: not the open --from/--to of the commands that
  // read the tables.
  @Option(
      names = "--from",
      paramLabel = "YYYY-MM",
      converter = PeriodConverter.class,
      defaultValue = DemoOptions.DEFAULT_FROM,
      description = "First month (default: ${DEFAULT-VALUE}).")
  Period from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM",
      converter = PeriodConverter.class,
      defaultValue = DemoOptions.DEFAULT_TO,
      description = "Last month (default: ${DEFAULT-VALUE}).")
  Period to;

  @Option(
      names = "--scale",
      paramLabel = "F",
      defaultValue = "" + DemoOptions.DEFAULT_SCALE,
      description = "Population as a fraction of Vietnam's (default: ${DEFAULT-VALUE}).")
  double scale;

  @Mixin SeedOption seed;

  @Override
  public Integer call() {
    DemoOptions options =
        new DemoOptions(dir.toAbsolutePath().normalize(), from, to, scale, seed.seed());
    return JobLauncher.forCommand(spec, parent.global())
        .launch(
            config ->
                config.withLocations(
                    options.landing().toString(),
                    options.warehouse().toString(),
                    options.reports().toString()),
            JobLauncher.Recording.RECORD_RUN,
            environment -> DemoJob.run(environment, options, System.out));
  }
}
