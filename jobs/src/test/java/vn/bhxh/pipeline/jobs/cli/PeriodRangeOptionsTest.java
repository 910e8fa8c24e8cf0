package vn.bhxh.pipeline.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.bhxh.pipeline.jobs.CommandLineRun;

/**
 * {@code --from}/{@code --to} of every command that reads the tables or the landing zone: a bad
 * range is refused with exit 2 before any work, the same way in each of them.
 */
class PeriodRangeOptionsTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"ingest", "transform", "report"})
  void aRangeThatEndsBeforeItStartsIsRefusedInOneLine(String command) {
    CommandLineRun run = run(command, "--from", "2025-02", "--to", "2025-01");

    assertThat(run.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(run.stderr())
        .isEqualTo(
            "pipeline "
                + command
                + ": error: --from 2025-02 is after --to 2025-01: nothing to do\n");
    assertThat(temp.resolve("warehouse")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingest", "transform", "report"})
  void aValueThatIsNotAMonthIsAUsageError(String command) {
    CommandLineRun run = run(command, "--to", "2025-13");

    assertThat(run.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(run.stderr())
        .startsWith("pipeline: error: Invalid value for option '--to': '2025-13' is not a month")
        .contains("Try 'pipeline " + command + " --help'.");
    assertThat(temp.resolve("warehouse")).doesNotExist();
  }

  /**
   * Runs a command on folders of the test, so that a range wrongly accepted writes nowhere else.
   */
  private CommandLineRun run(String command, String... range) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--conf", "pipeline.landing=" + temp.resolve("landing")));
    args.addAll(List.of("--conf", "pipeline.warehouse=" + temp.resolve("warehouse")));
    args.addAll(List.of("--conf", "pipeline.report-out=" + temp.resolve("reports")));
    args.add(command);
    args.addAll(List.of(range));
    return CommandLineRun.of(args.toArray(String[]::new));
  }
}
