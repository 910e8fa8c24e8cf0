package vn.bhxh.pipeline.jobs.maintain;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.IntervalConverter;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;

/**
 * {@code maintain --warehouse DIR [--retain DURATION]}: compaction, vacuum and log checkpoints of
 * every table under the warehouse lock. Exit 0 when done, 75 when a nightly holds the lock, 2 for a
 * retention below the floor, 1 on failure.
 */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description =
        "Compact every table (OPTIMIZE, per period partition), VACUUM the files no version within"
            + " the retention needs, and checkpoint the logs; under the warehouse lock (exit 75"
            + " when a nightly holds it). Weekly is enough.")
public final class MaintainCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;
  @Mixin WarehouseOption warehouse;

  @Option(
      names = "--retain",
      paramLabel = "DURATION",
      defaultValue = "7d",
      converter = IntervalConverter.class,
      description =
          "History VACUUM keeps for readers and time travel (default: ${DEFAULT-VALUE}, which is"
              + " also the floor: less is refused).")
  Duration retain;

  @Override
  public Integer call() {
    MaintainJob.checkRetention(retain); // exit 2 before Spark starts
    return JobLauncher.forCommand(spec, parent.global())
        .launch(
            config -> config.withLocations(null, warehouse.root(), null),
            JobLauncher.Recording.RECORD_RUN,
            environment -> MaintainJob.run(environment, retain, System.out));
  }
}
