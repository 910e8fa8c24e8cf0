package vn.bhxh.pipeline.jobs.sql;

import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.common.access.ReadOnlyQueries.ExternalFiles;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;
import vn.bhxh.pipeline.jobs.serve.SparkDistribution;

/**
 * {@code sql --warehouse DIR [--format csv|table|json] [--allow-external-files] "QUERY"}:
 * read-only; a statement that is not a query of the warehouse's tables exits 2 before it runs. With
 * {@code --server URL} the query runs on a query server ({@code serve}) instead.
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

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Send the query to a running query server (serve) instead of starting Spark, e.g."
              + " jdbc:hive2://127.0.0.1:10000/default; credentials, if it asks, from "
              + RemoteSql.USER_ENV
              + " and "
              + RemoteSql.PASSWORD_ENV
              + ".")
  String server;

  @Parameters(paramLabel = "QUERY", description = "A Spark SQL query; tables are known by name.")
  String query;

  @Override
  public Integer call() {
    if (server != null) {
      return remote();
    }
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

  /** {@code --server}: no Spark here; the server's tables and read-only rules apply. */
  private int remote() {
    if (warehouse.root() != null || allowExternalFiles) {
      throw new ConfigurationException(
          "--server runs the query on the server, over its warehouse and with its rules:"
              + " --warehouse and --allow-external-files do not apply");
    }
    ClassLoader driver = SparkDistribution.driverLoader();
    return JobLauncher.forCommand(spec, parent.global())
        .launchLocal(
            UnaryOperator.identity(),
            config -> RemoteSql.run(server, query, format, System.out, driver));
  }
}
