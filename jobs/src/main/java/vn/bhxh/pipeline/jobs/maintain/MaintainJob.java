package vn.bhxh.pipeline.jobs.maintain;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import scala.Option;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.nightly.RunLock;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * The {@code maintain} command (docs/maintain.md): under the warehouse lock that nightly takes, for
 * every table of the warehouse: OPTIMIZE (bin-packing compaction, which Delta does within each
 * partition, so per period slice), VACUUM of the files no version within the retention still needs,
 * and a checkpoint of the log (which also drops log entries older than the table's {@code
 * delta.logRetentionDuration}). Prints a line per table and returns the figures for the run's
 * {@code runs} row.
 */
public final class MaintainJob {
  /**
   * The shortest VACUUM retention: Delta's default {@code delta.deletedFileRetentionDuration}. A
   * reader (a query, a notebook, a nightly in progress) that started on a version less than this
   * old still finds every file of it; Delta's own check (never disabled here) additionally refuses
   * less than a table's configured retention.
   */
  public static final Duration RETENTION_FLOOR = Duration.ofDays(7);

  private static final String LOG_DIRECTORY = "_delta_log";

  private MaintainJob() {}

  /** Refuses a retention below {@link #RETENTION_FLOOR}, as a bad argument. */
  public static void checkRetention(Duration retain) {
    if (retain.compareTo(RETENTION_FLOOR) < 0) {
      throw new ConfigurationException(
          "--retain "
              + retain.toHours()
              + "h is below the floor of "
              + RETENTION_FLOOR.toHours()
              + "h (Delta's default file retention): a shorter VACUUM can delete files that"
              + " readers of recent versions still need");
    }
  }

  /** Maintains every table of the warehouse, keeping {@code retain} of history for readers. */
  public static RunResult run(JobEnvironment environment, Duration retain, PrintStream out) {
    checkRetention(retain);
    SparkSession spark = environment.spark();
    RunLock lock =
        RunLock.forWarehouse(
            environment.catalog().warehouse(),
            environment.config().nightly().lock(),
            spark.sparkContext().hadoopConfiguration(),
            environment.run().clock());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("retain_hours", Long.toString(retain.toHours()));
    long liveBefore = 0;
    long liveAfter = 0;
    try (RunLock.Handle handle = lock.acquire(environment.run().runId())) {
      List<String> tables = environment.catalog().tables();
      for (String table : tables) {
        handle.verify();
        TableUpkeep upkeep = maintain(spark, table, environment.catalog().path(table), retain);
        out.println(upkeep.line());
        details.put(table, upkeep.detail());
        liveBefore += upkeep.liveFilesBefore();
        liveAfter += upkeep.liveFilesAfter();
      }
      out.printf(
          "maintain: %d tables, %d → %d live files, retention %dh%n",
          tables.size(), liveBefore, liveAfter, retain.toHours());
      details.put("tables", Integer.toString(tables.size()));
    }
    details.put("live_files", liveBefore + "→" + liveAfter);
    out.flush();
    return RunResult.withDetails(details);
  }

  private static TableUpkeep maintain(
      SparkSession spark, String table, String path, Duration retain) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    DeltaLog log = DeltaLog.forTable(spark, path);
    long liveBefore = latest(log).numOfFiles();
    long storedBefore = dataFiles(path, hadoop);
    long logBefore = commitFiles(path, hadoop);

    spark.sparkContext().setJobDescription("maintain " + table + ": optimize");
    DeltaTable delta = DeltaTable.forPath(spark, path);
    Row metrics = delta.optimize().executeCompaction().collectAsList().get(0).getStruct(1);
    long removed = metrics.<Long>getAs("numFilesRemoved");
    long added = metrics.<Long>getAs("numFilesAdded");

    spark.sparkContext().setJobDescription("maintain " + table + ": vacuum");
    delta.vacuum(retain.toMinutes() / 60.0);

    spark.sparkContext().setJobDescription("maintain " + table + ": checkpoint");
    Snapshot snapshot = latest(log);
    if (snapshot.checkpointProvider().version() < snapshot.version()) {
      log.checkpointAndCleanUpDeltaLog(snapshot, Option.empty());
    }
    spark.sparkContext().setJobDescription(null);
    return new TableUpkeep(
        table,
        liveBefore,
        snapshot.numOfFiles(),
        removed,
        added,
        storedBefore,
        dataFiles(path, hadoop),
        logBefore,
        commitFiles(path, hadoop),
        snapshot.version());
  }

  private static Snapshot latest(DeltaLog log) {
    return log.update(false, Option.empty(), Option.empty());
  }

  /** Data files on storage: every file of the table outside its log. */
  private static long dataFiles(String path, Configuration hadoop) {
    return countFiles(new Path(path), hadoop, false);
  }

  /** Commit files ({@code NNN.json}) in the table's log. */
  private static long commitFiles(String path, Configuration hadoop) {
    return countFiles(new Path(path, LOG_DIRECTORY), hadoop, true);
  }

  private static long countFiles(Path root, Configuration hadoop, boolean commits) {
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      long count = 0;
      while (files.hasNext()) {
        Path file = files.next().getPath();
        boolean inLog = file.toUri().getPath().contains("/" + LOG_DIRECTORY + "/");
        if (commits ? file.getName().endsWith(".json") : !inLog && isData(file)) {
          count++;
        }
      }
      return count;
    } catch (IOException e) {
      throw new PipelineException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  private static boolean isData(Path file) {
    String name = file.getName();
    return !name.startsWith(".") && !name.startsWith("_");
  }
}
