package vn.bhxh.pipeline.common.catalog;

import static vn.bhxh.pipeline.common.spark.ScalaCollections.map;
import static vn.bhxh.pipeline.common.spark.ScalaCollections.seq;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;
import scala.Option;

/**
 * The commit of a write the pipeline made itself (data files it wrote, then one Delta transaction),
 * recorded as Delta's own write records it: the files added with their statistics, and a {@code
 * WRITE} entry in the table's history with its mode, partition columns, predicate and the metrics
 * of what was written. Delta's internal API (pinned 3.3.x).
 */
public final class DeltaWrites {
  private DeltaWrites() {}

  /**
   * A data file to add.
   *
   * @param path relative to the table's directory
   * @param partitionValues its partition column values (empty in an unpartitioned table)
   * @param stats Delta's statistics of the file (JSON), or null
   */
  public static AddFile addFile(
      String path, Map<String, String> partitionValues, long size, long modified, String stats) {
    return new AddFile(
        path,
        map(partitionValues),
        size,
        modified,
        true,
        stats,
        null,
        null,
        Option.empty(),
        Option.empty(),
        Option.empty());
  }

  /**
   * Commits {@code actions} in {@code txn} as a write: its history entry shows the mode, the
   * partition columns, the predicate ({@code replaceWhere}, or null) and the files, rows and bytes
   * written.
   */
  public static void commit(
      SparkSession spark,
      OptimisticTransaction txn,
      List<Action> actions,
      Written written,
      SaveMode mode,
      List<String> partitionColumns,
      String predicate) {
    txn.registerSQLMetrics(
        spark,
        map(
            Map.of(
                "numFiles", metric(spark, written.files()),
                "numOutputRows", metric(spark, written.rows()),
                "numOutputBytes", metric(spark, written.bytes()))));
    txn.commit(
        seq(actions),
        new DeltaOperations.Write(
            mode, Option.apply(seq(partitionColumns)), Option.apply(predicate), Option.empty()));
  }

  /**
   * Deletes data files written for a commit that will not take them (best effort: they are not part
   * of the table, and a vacuum removes what is left).
   *
   * @param paths relative to the table's directory
   */
  public static void deleteUncommitted(SparkSession spark, String tableUri, List<String> paths) {
    for (String file : paths) {
      Path path = new Path(tableUri, file);
      try {
        path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, false);
      } catch (IOException e) {
        // not part of the table; a vacuum removes what is left
      }
    }
  }

  /** What a write added: files, rows and bytes (the metrics of its history entry). */
  public record Written(long files, long rows, long bytes) {
    public static final Written NOTHING = new Written(0, 0, 0);
  }

  private static SQLMetric metric(SparkSession spark, long value) {
    SQLMetric metric = SQLMetrics.createMetric(spark.sparkContext(), "");
    metric.set(value);
    return metric;
  }
}
