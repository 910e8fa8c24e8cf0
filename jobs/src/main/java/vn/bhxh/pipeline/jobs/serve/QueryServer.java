package vn.bhxh.pipeline.jobs.serve;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.access.ReadOnlyQueries;
import vn.bhxh.pipeline.common.access.ReadOnlyQueries.ExternalFiles;
import vn.bhxh.pipeline.common.access.ReadOnlySessions;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;

/**
 * A running read-only query server over a warehouse: a session of its own (a new session of the
 * application's, so the jobs' and tests' sessions are untouched) with every table registered by
 * name and the read-only guard on, served over the HiveServer2 protocol by Spark's Thrift server.
 */
public final class QueryServer implements AutoCloseable {
  private final SparkSession session;
  private final ThriftServer thrift;
  private final String url;
  private final List<String> tables;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();

  private QueryServer(SparkSession session, ThriftServer thrift, String url, List<String> tables) {
    this.session = session;
    this.thrift = thrift;
    this.url = url;
    this.tables = List.copyOf(tables);
  }

  /**
   * Registers the warehouse's tables in a new session of {@code spark}, guards it (every statement
   * must pass {@link ReadOnlyQueries}, path reads refused) and starts the server on {@code address}
   * with the Thrift classes of {@code loader} ({@link SparkDistribution}).
   */
  public static QueryServer start(
      SparkSession spark, PipelineConfig config, ServeAddress address, ClassLoader loader) {
    SparkSession session = spark.newSession();
    TableCatalog catalog = TableCatalog.of(session, config);
    List<String> tables = catalog.registerAll();
    ReadOnlySessions.guard(
        session, ReadOnlyQueries.of(session, catalog.warehouse(), ExternalFiles.NEVER));
    ThriftServer thrift;
    try {
      thrift = ThriftServer.start(session, address.host(), address.port(), loader);
    } catch (RuntimeException e) {
      ReadOnlySessions.release(session);
      throw e;
    }
    return new QueryServer(session, thrift, address.jdbcUrl(thrift.port()), tables);
  }

  /** The JDBC URL to connect to. */
  public String url() {
    return url;
  }

  /** The port the server listens on. */
  public int port() {
    return thrift.port();
  }

  /** The tables registered by name, sorted. */
  public List<String> tables() {
    return tables;
  }

  /** Stops the server (once; later calls do nothing). The application's session stays up. */
  @Override
  public void close() {
    if (closing.compareAndSet(false, true)) {
      try {
        thrift.stop();
      } finally {
        ReadOnlySessions.release(session);
        closed.countDown();
      }
    }
  }

  /** Waits until {@link #close} has run (from a shutdown hook, on SIGTERM or Ctrl-C). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }
}
