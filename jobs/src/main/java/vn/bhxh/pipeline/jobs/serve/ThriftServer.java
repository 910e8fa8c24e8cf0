package vn.bhxh.pipeline.jobs.serve;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Collection;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.error.PipelineException;

/**
 * Spark's Thrift JDBC/ODBC server (the HiveServer2 protocol) started in this JVM over one session,
 * through {@code HiveThriftServer2.startWithContext}. Spark provides the server ({@link
 * SparkDistribution}), so it is reached by reflection: four calls, all public API of Spark 3.5's
 * {@code spark-hive-thriftserver}.
 */
final class ThriftServer {
  private static final String CLI_SERVICE = "org.apache.hive.service.cli.thrift.ThriftCLIService";

  private static final String DERBY_LOG = "derby.stream.error.file";

  private final Object server;
  private final int port;

  private ThriftServer(Object server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts the server on {@code host:port} (port 0: any free port) over {@code session}, which
   * every connection shares ({@code spark.sql.hive.thriftServer.singleSession}): the session that
   * has the warehouse's tables and the read-only guard.
   */
  static ThriftServer start(SparkSession session, String host, int port, ClassLoader loader) {
    // Read by startWithContext from the session's Hadoop configuration, which takes the session's
    // settings. The single-session switch is a static setting: it is set on this session only.
    session.sessionState().conf().setConfString("hive.server2.thrift.bind.host", host);
    session.sessionState().conf().setConfString("hive.server2.thrift.port", String.valueOf(port));
    session.sessionState().conf().setConfString("hive.server2.transport.mode", "binary");
    // No per-query log files under /tmp/<user>/operation_logs: statements stay out of files.
    session.sessionState().conf().setConfString("hive.server2.logging.operation.enabled", "false");
    session
        .sessionState()
        .conf()
        .setConfString("spark.sql.hive.thriftServer.singleSession", "true");
    // The Hive execution client's in-memory Derby writes derby.log in the working directory.
    if (System.getProperty(DERBY_LOG) == null) {
      System.setProperty(
          DERBY_LOG,
          Path.of(System.getProperty("java.io.tmpdir"), "bhxh-serve-derby.log").toString());
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader); // Hive finds its classes and settings through it
    try {
      Class<?> serverClass = Class.forName(SparkDistribution.THRIFT_SERVER, true, loader);
      Method start = serverClass.getMethod("startWithContext", SQLContext.class);
      Object server = start.invoke(null, session.sqlContext());
      return new ThriftServer(server, boundPort(server, loader));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new PipelineException(
          "the Thrift server did not start: "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage(),
          cause);
    } catch (ReflectiveOperationException e) {
      throw new PipelineException("the Thrift server did not start: " + e, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The port the server listens on (the one chosen by the system for port 0). */
  int port() {
    return port;
  }

  /** Stops accepting connections and closes the open ones; the Spark session stays up. */
  void stop() {
    try {
      server.getClass().getMethod("stop").invoke(server);
    } catch (ReflectiveOperationException e) {
      throw new PipelineException("the Thrift server did not stop: " + e, e);
    }
  }

  private static int boundPort(Object server, ClassLoader loader)
      throws ReflectiveOperationException {
    Class<?> cliService = Class.forName(CLI_SERVICE, false, loader);
    Collection<?> services =
        (Collection<?>) server.getClass().getMethod("getServices").invoke(server);
    for (Object service : services) {
      if (cliService.isInstance(service)) {
        return (Integer) cliService.getMethod("getPortNumber").invoke(service);
      }
    }
    throw new PipelineException("the Thrift server has no Thrift service (HTTP mode?)");
  }
}
