package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * The {@code report_quarantine_reasons} table: one row per period × dataset × province × reason
 * code with at least one quarantined row. A row rejected for two reasons counts under both, so the
 * rows of a slice may sum to more than its quarantined rows. Documented in {@code
 * docs/report-tables.md}.
 */
public final class QuarantineReasonColumns {
  public static final String TABLE = "report_quarantine_reasons";

  public static final String PERIOD = ReportColumns.PERIOD;
  public static final String DATASET = QuarantineColumns.DATASET;
  public static final String PROVINCE_CODE = ReportColumns.PROVINCE_CODE;
  public static final String PROVINCE_NAME = ReportColumns.PROVINCE_NAME;
  public static final String REASON_CODE = "reason_code";

  /** Quarantined rows of the slice with this reason among theirs. */
  public static final String ROWS = "rows";

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(PERIOD, StringType, false)
          .add(DATASET, StringType, false)
          .add(PROVINCE_CODE, StringType, false)
          .add(PROVINCE_NAME, StringType, true)
          .add(REASON_CODE, StringType, false)
          .add(ROWS, LongType, false);

  private QuarantineReasonColumns() {}
}
