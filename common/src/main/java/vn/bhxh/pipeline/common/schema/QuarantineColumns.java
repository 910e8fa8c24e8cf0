package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code quarantine} table: one row per rejected landing row. {@code period} and {@code
 * province_code} are those of the file (the slice the row belongs to), whatever the row says; the
 * row's own values are kept in {@code row_values} with raw IDs replaced by their keys. Extra
 * columns of the file are not kept (they may hold anything, IDs included); their names are in
 * {@code ingest_log.extra_columns}.
 */
public final class QuarantineColumns {
  public static final String TABLE = "quarantine";

  public static final String DATASET = "dataset";
  public static final String PERIOD = CommonColumns.PERIOD;
  public static final String PROVINCE_CODE = CommonColumns.PROVINCE_CODE;
  public static final String SOURCE_FILE = CommonColumns.SOURCE_FILE;

  /** 1-based physical line of the row in the file (the header is line 1). */
  public static final String LINE_NUMBER = "line_number";

  /** Every reason code that applies to the row (see {@code ReasonCode}). */
  public static final String REASON_CODES = "reason_codes";

  /** A readable explanation of the first reasons, without raw IDs. */
  public static final String REASON_DETAIL = "reason_detail";

  /** Column name → value as delivered, raw IDs replaced by {@code key:<hex>} or removed. */
  public static final String ROW_VALUES = "row_values";

  public static final String RUN_ID = CommonColumns.RUN_ID;

  /**
   * {@link #PERIOD} of rows from the reference files ({@code population}, {@code targets}), which
   * belong to no month; their {@link #PROVINCE_CODE} is null. Sorts after every {@code YYYY-MM}, so
   * period-range filters leave them out.
   */
  public static final String REFERENCE_PERIOD = "reference";

  public static final String QUARANTINED_AT = "quarantined_at";

  /** The Delta table, partitioned by {@link #PERIOD}. */
  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(DATASET, StringType, false)
          .add(PERIOD, StringType, false)
          .add(PROVINCE_CODE, StringType, true)
          .add(SOURCE_FILE, StringType, false)
          .add(LINE_NUMBER, LongType, false)
          .add(REASON_CODES, DataTypes.createArrayType(StringType, false), false)
          .add(REASON_DETAIL, StringType, true)
          .add(ROW_VALUES, DataTypes.createMapType(StringType, StringType, true), true)
          .add(RUN_ID, StringType, false)
          .add(QUARANTINED_AT, TimestampType, false);

  private QuarantineColumns() {}
}
