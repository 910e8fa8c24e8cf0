package vn.bhxh.pipeline.common.run;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.schema.RunsColumns;

/** Appends one row per run to the {@code runs} table, whether the run succeeded or failed. */
public final class RunLog {
  private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

  private RunLog() {}

  /** Records a successful run. */
  public static void succeeded(TableCatalog catalog, RunContext run, RunResult result) {
    write(catalog, run, RunsColumns.STATUS_SUCCEEDED, result, null);
  }

  /**
   * Records a failed run. Never throws: a failure to record the failure is logged, and the original
   * error stays the one reported.
   */
  public static void failed(TableCatalog catalog, RunContext run, String error) {
    try {
      write(catalog, run, RunsColumns.STATUS_FAILED, RunResult.of(0, 0, 0), error);
    } catch (Exception e) { // Delta throws DeltaIOException, a checked IOException, from Scala
      LOG.warn(
          "could not record the failed run {} in the runs table: {}", run.runId(), e.toString());
    }
  }

  private static void write(
      TableCatalog catalog, RunContext run, String status, RunResult result, String error) {
    Row row =
        RowFactory.create(
            run.runId(),
            run.command(),
            String.join(" ", run.arguments()),
            Timestamp.from(run.startedAt()),
            Timestamp.from(run.clock().instant()),
            status,
            result.rowsRead(),
            result.rowsWritten(),
            result.rowsQuarantined(),
            error,
            result.details());
    catalog.appendRows(List.of(row), RunsColumns.TABLE_SCHEMA, RunsColumns.TABLE);
  }
}
