package vn.bhxh.pipeline.jobs.publish;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.PeriodConverter;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;

/**
 * {@code publish --warehouse DIR --period YYYY-MM [--note TEXT] [--force]}: freezes the period's
 * indicators as its next vintage. Exit 0 when published, 1 when the period is not ready (without
 * {@code --force}) or has no indicators, 2 for bad arguments, 75 when a nightly holds the lock.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description =
        "Freeze a period's indicators (both boundaries) as its next vintage in"
            + " indicators_published, with a publications row; under the warehouse lock. A period"
            + " with incomplete data or validation errors needs --force.")
public final class PublishCommand implements Callable<Integer> {
  /** Longest note accepted: a line for the publications table, not a document. */
  static final int NOTE_LIMIT = 500;

  @ParentCommand Main parent;
  @Spec CommandSpec spec;
  @Mixin WarehouseOption warehouse;

  @Option(
      names = "--period",
      required = true,
      paramLabel = "YYYY-MM",
      converter = PeriodConverter.class,
      description = "The month to publish.")
  Period period;

  @Option(
      names = "--note",
      paramLabel = "TEXT",
      description = "Recorded with the publication (say, the conference it was announced at).")
  String note;

  @Option(
      names = "--force",
      description =
          "Publish even when the data is incomplete or validation_results has errors for the"
              + " period; the reasons are recorded in publications.forced_over.")
  boolean force;

  @Override
  public Integer call() {
    PublishRequest request =
        new PublishRequest(
            period,
            checkedNote(note),
            force ? PublishRequest.Readiness.OVERRIDDEN : PublishRequest.Readiness.REQUIRED);
    return JobLauncher.forCommand(spec, parent.global())
        .launch(
            config -> config.withLocations(null, warehouse.root(), null),
            JobLauncher.Recording.RECORD_RUN,
            environment -> PublishJob.run(environment, request, System.out));
  }

  /** A one-line note of at most {@link #NOTE_LIMIT} characters; a blank one is none. */
  static Optional<String> checkedNote(String note) {
    if (note == null || note.isBlank()) {
      return Optional.empty();
    }
    if (note.contains("\n") || note.contains("\r")) {
      throw new ConfigurationException("--note must be one line");
    }
    if (note.length() > NOTE_LIMIT) {
      throw new ConfigurationException(
          "--note is " + note.length() + " characters; at most " + NOTE_LIMIT);
    }
    return Optional.of(note.strip());
  }
}
