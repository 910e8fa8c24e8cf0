package vn.bhxh.pipeline.jobs.serve;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.cli.WarehouseOption;

/**
 * {@code serve --warehouse DIR [--host ADDRESS] [--port N]}: a read-only JDBC/ODBC query server
 * (HiveServer2 protocol) over the warehouse's tables, until SIGTERM or Ctrl-C. Exit 2 for a bad
 * address, or a non-loopback one without authentication, before Spark starts.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve the tables by name, read-only, to JDBC/ODBC clients (beeline, DBeaver, Superset,"
            + " `sql --server`) over the HiveServer2 protocol; prints the JDBC URL and runs until"
            + " stopped (SIGTERM, Ctrl-C). Same rules as sql: only queries of the warehouse run.")
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;
  @Mixin WarehouseOption warehouse;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}). Any other than loopback needs"
              + " authentication: --conf "
              + ServeAddress.AUTHENTICATION
              + "=LDAP|KERBEROS|PAM|CUSTOM.")
  String host;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Port (default: ${DEFAULT-VALUE}, HiveServer2's; 0: any free port).")
  int port;

  @Override
  public Integer call() {
    JobLauncher launcher = JobLauncher.forCommand(spec, parent.global());
    // Checked before Spark starts: a bad address, or no Thrift server, exits 2 (Main).
    ServeAddress address =
        ServeAddress.of(host, port, authentication(launcher.config(UnaryOperator.identity())));
    ClassLoader loader = SparkDistribution.loader();
    return launcher.launch(
        config -> config.withLocations(null, warehouse.root(), null),
        // The server writes nothing to the warehouse, not even a runs row.
        JobLauncher.Recording.READ_ONLY,
        environment -> ServeJob.run(environment, address, loader, System.out));
  }

  /** The authentication setting: the pipeline's configuration, else as spark-submit gave it. */
  private static Map<String, String> authentication(PipelineConfig config) {
    String submitted = new SparkConf().get(ServeAddress.AUTHENTICATION, "NONE");
    return Map.of(
        ServeAddress.AUTHENTICATION,
        config.spark().settings().getOrDefault(ServeAddress.AUTHENTICATION, submitted));
  }
}
