package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code ingest_log} table: one row per landing file ingested (or rejected) by a run. Counts
 * reconcile: {@code rows_read = rows_accepted + rows_quarantined}.
 */
public final class IngestLogColumns {
  public static final String TABLE = "ingest_log";

  /** Path relative to the landing root, e.g. {@code participation/2023-10/54.csv}. */
  public static final String PATH = "path";

  /** SHA-256 of the file's bytes, hex. */
  public static final String CHECKSUM = "checksum";

  public static final String SIZE_BYTES = "size_bytes";
  public static final String DATASET = "dataset";
  public static final String PERIOD = CommonColumns.PERIOD;
  public static final String PROVINCE_CODE = CommonColumns.PROVINCE_CODE;
  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_ACCEPTED = "rows_accepted";
  public static final String ROWS_QUARANTINED = "rows_quarantined";

  /** {@code LOADED} or {@code REJECTED} (the whole file could not be used). */
  public static final String STATUS = "status";

  /** Why a file was rejected as a whole; null when loaded. */
  public static final String REJECTION_REASON = "rejection_reason";

  /** Header columns the contract does not know (ignored, and reported here). */
  public static final String EXTRA_COLUMNS = "extra_columns";

  /** Quarantined rows of the file by reason code (a row with two reasons counts under both). */
  public static final String REASON_COUNTS = "reason_counts";

  public static final String RUN_ID = CommonColumns.RUN_ID;
  public static final String INGESTED_AT = "ingested_at";

  /**
   * The landing file's modification time when it was ingested (null when the file system gave
   * none): with the size, what lets {@code nightly} tell an unchanged file without reading it.
   */
  public static final String MODIFIED_AT = "modified_at";

  public static final String STATUS_LOADED = "LOADED";
  public static final String STATUS_REJECTED = "REJECTED";

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(PATH, StringType, false)
          .add(CHECKSUM, StringType, true)
          .add(SIZE_BYTES, LongType, false)
          .add(DATASET, StringType, false)
          .add(PERIOD, StringType, true)
          .add(PROVINCE_CODE, StringType, true)
          .add(ROWS_READ, LongType, false)
          .add(ROWS_ACCEPTED, LongType, false)
          .add(ROWS_QUARANTINED, LongType, false)
          .add(STATUS, StringType, false)
          .add(REJECTION_REASON, StringType, true)
          .add(EXTRA_COLUMNS, DataTypes.createArrayType(StringType, false), true)
          .add(REASON_COUNTS, DataTypes.createMapType(StringType, LongType, false), true)
          .add(RUN_ID, StringType, false)
          .add(INGESTED_AT, TimestampType, false)
          .add(MODIFIED_AT, TimestampType, true);

  private IngestLogColumns() {}
}
