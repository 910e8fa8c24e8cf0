package vn.bhxh.pipeline.jobs.sql;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;

/** {@code sql --warehouse DIR [--format csv|table|json] "QUERY"}. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run a query against the tables by name; results alone on stdout, logs on stderr.")
public final class SqlCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;
  @Mixin WarehouseOption warehouse;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  SqlFormat format;

  @Parameters(paramLabel = "QUERY", description = "A Spark SQL query; tables are known by name.")
  String query;

  @Override
  public Integer call() {
    return JobLauncher.forCommand(spec, parent.global())
        .launch(
            config -> config.withLocations(null, warehouse.root(), null),
            JobLauncher.Recording.READ_ONLY,
            environment -> SqlJob.run(environment, query, format, System.out));
  }
}
