package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The {@code runs} table: one row per job run, written when the run ends (success or failure). */
public final class RunsColumns {
  public static final String TABLE = "runs";

  public static final String RUN_ID = CommonColumns.RUN_ID;
  public static final String COMMAND = "command";
  public static final String ARGUMENTS = "arguments";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";

  /** {@code SUCCEEDED} or {@code FAILED}. */
  public static final String STATUS = "status";

  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_WRITTEN = "rows_written";
  public static final String ROWS_QUARANTINED = "rows_quarantined";

  /** The one-line reason of a failure; null on success. */
  public static final String ERROR = "error";

  /** Further facts of the run (files loaded, periods recomputed, durations…). */
  public static final String DETAILS = "details";

  public static final String STATUS_SUCCEEDED = "SUCCEEDED";
  public static final String STATUS_FAILED = "FAILED";

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(RUN_ID, StringType, false)
          .add(COMMAND, StringType, false)
          .add(ARGUMENTS, StringType, true)
          .add(STARTED_AT, TimestampType, false)
          .add(ENDED_AT, TimestampType, false)
          .add(STATUS, StringType, false)
          .add(ROWS_READ, LongType, false)
          .add(ROWS_WRITTEN, LongType, false)
          .add(ROWS_QUARANTINED, LongType, false)
          .add(ERROR, StringType, true)
          .add(DETAILS, DataTypes.createMapType(StringType, StringType, true), true);

  private RunsColumns() {}
}
