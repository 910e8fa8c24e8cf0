package vn.bhxh.pipeline.jobs.sql;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

/** {@code sql --warehouse DIR [--format csv|table|json] "QUERY"}. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run a query against the tables by name; results alone on stdout, logs on stderr.")
public final class SqlCommand implements Callable<Integer> {
  @ParentCommand Main parent;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Warehouse root (default: config).")
  String warehouse;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  SqlFormat format;

  @Parameters(paramLabel = "QUERY", description = "A Spark SQL query; tables are known by name.")
  String query;

  @Override
  public Integer call() {
    JobLauncher launcher =
        new JobLauncher(
            "sql",
            List.of("--format", format.name().toLowerCase(java.util.Locale.ROOT)),
            parent.global());
    return launcher.launch(
        config -> config.withLocations(null, warehouse, null),
        JobLauncher.Recording.READ_ONLY,
        environment -> SqlJob.run(environment, query, format, System.out));
  }
}
