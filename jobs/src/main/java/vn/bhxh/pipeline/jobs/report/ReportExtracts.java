package vn.bhxh.pipeline.jobs.report;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.schema.ReportColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The Parquet extracts of a report run ({@link ReportStep}): one folder per table and period under
 * the output root, each swapped in whole ({@link AtomicPublisher}).
 */
final class ReportExtracts {
  private static final Logger LOG = LoggerFactory.getLogger(ReportExtracts.class);

  private static final String STAGING = "_staging-";

  /** In a staging folder, the schema-only extract copied to the periods without rows. */
  private static final String EMPTY = "_empty";

  private final SparkSession spark;
  private final FileSystem fs;
  private final AtomicPublisher publisher;
  private final Path out;
  private final String runId;

  /**
   * @param out the output root, qualified for {@code fs}
   * @param runId names this run's staging folders
   */
  ReportExtracts(
      SparkSession spark, FileSystem fs, AtomicPublisher publisher, Path out, String runId) {
    this.spark = spark;
    this.fs = fs;
    this.publisher = publisher;
    this.out = out;
    this.runId = runId;
  }

  /**
   * Writes the extracts of a table for every period of the run in one Spark job, into a hidden
   * staging folder of this run, then swaps each period's folder in ({@link AtomicPublisher}).
   */
  void write(String table, Dataset<Row> rows, List<Period> periods) {
    Path tableFolder = ReportLayout.extract(out, table, periods.get(0)).getParent();
    Path staging = new Path(tableFolder, STAGING + runId);
    try {
      deleteAbandonedStaging(tableFolder);
      // One file per table and period: a few hundred rows at most, easiest to hand on. Rows in
      // the order of their values, so the same rows make the same bytes however they were
      // computed (report --as-published reproduces the files of the publication).
      rows.repartition(col(ReportColumns.PERIOD))
          .sortWithinPartitions(orderable(rows))
          .write()
          .mode(SaveMode.ErrorIfExists)
          .partitionBy(ReportColumns.PERIOD)
          .parquet(staging.toString());
      Path empty = null;
      for (Period period : periods) {
        Path ready = new Path(staging, ReportLayout.partition(period));
        if (!fs.exists(ready)) {
          // No rows for this period (say, nothing quarantined): a file with the schema only, so
          // the period still replaces its previous extract and readers can still infer the schema.
          // Written once per table and copied: one Spark job, not one per empty period.
          if (empty == null) {
            empty = new Path(staging, EMPTY);
            spark
                .createDataFrame(List.of(), rows.drop(ReportColumns.PERIOD).schema())
                .coalesce(1)
                .write()
                .parquet(empty.toString());
          }
          FileUtil.copy(fs, empty, fs, ready, false, fs.getConf());
        }
        publisher.replace(ReportLayout.extract(out, table, period), ready);
      }
    } catch (IOException e) {
      throw new PipelineException(
          "cannot write the extracts of " + table + " under " + tableFolder + ": " + e.getMessage(),
          e);
    } finally {
      try {
        fs.delete(staging, true);
      } catch (IOException e) {
        LOG.warn("could not delete the staging folder {}: {}", staging, e.toString());
      }
    }
  }

  /** Every column of a frame that can be sorted on (all but maps). */
  private static Column[] orderable(Dataset<Row> rows) {
    return Arrays.stream(rows.schema().fields())
        .filter(field -> !(field.dataType() instanceof MapType))
        .map(field -> col(field.name()))
        .toArray(Column[]::new);
  }

  /** Staging folders of earlier runs that were killed before they cleaned up. */
  private void deleteAbandonedStaging(Path tableFolder) throws IOException {
    if (!fs.exists(tableFolder)) {
      return;
    }
    for (FileStatus status : fs.listStatus(tableFolder)) {
      if (status.getPath().getName().startsWith(STAGING)) {
        LOG.warn("deleting the abandoned staging folder {}", status.getPath());
        fs.delete(status.getPath(), true);
      }
    }
  }
}
