package vn.bhxh.pipeline.jobs.sql;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.common.access.ReadOnlyQueries.ExternalFiles;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;

/**
 * {@code sql --warehouse DIR [--format csv|table|json] [--allow-external-files] "QUERY"}:
 * read-only; a statement that is not a query of the warehouse's tables exits 2 before it runs.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run a read-only query against the tables by name; results alone on stdout, logs on"
            + " stderr. Only SELECT, WITH, SHOW, DESCRIBE and EXPLAIN run; anything else exits 2.")
public final class SqlCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;
  @Mixin WarehouseOption warehouse;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  SqlFormat format;

  @Option(
      names = "--allow-external-files",
      description =
          "Also allow reads of files outside the warehouse's tables (csv.`PATH`, parquet.`PATH`…)."
              + " Writes and commands stay refused.")
  boolean allowExternalFiles;

  @Parameters(paramLabel = "QUERY", description = "A Spark SQL query; tables are known by name.")
  String query;

  @Override
  public Integer call() {
    return JobLauncher.forCommand(spec, parent.global())
        .launch(
            config -> config.withLocations(null, warehouse.root(), null),
            JobLauncher.Recording.READ_ONLY,
            environment ->
                SqlJob.run(
                    environment,
                    query,
                    format,
                    allowExternalFiles ? ExternalFiles.ALLOWED : ExternalFiles.REFUSED,
                    System.out));
  }
}
