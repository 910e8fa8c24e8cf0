package vn.bhxh.pipeline.jobs.serve;

import java.io.PrintStream;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/** {@code serve}: starts the query server, prints its JDBC URL and runs until the JVM stops. */
public final class ServeJob {
  private ServeJob() {}

  /**
   * Starts the server and waits: SIGTERM or Ctrl-C runs the JVM's shutdown hooks, of which one
   * stops the server (no new connection, open ones closed) while Spark's own hook stops Spark.
   */
  public static RunResult run(
      JobEnvironment environment, ServeAddress address, ClassLoader loader, PrintStream out) {
    QueryServer server =
        QueryServer.start(environment.spark(), environment.config(), address, loader);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "serve-shutdown"));
    out.println(
        "serving "
            + server.tables().size()
            + " tables of "
            + environment.catalog().warehouse()
            + " read-only: "
            + String.join(", ", server.tables()));
    out.println(server.url());
    out.flush();
    try {
      server.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
      throw new PipelineException("serve interrupted", e);
    }
    return RunResult.of(0, 0, 0);
  }
}
