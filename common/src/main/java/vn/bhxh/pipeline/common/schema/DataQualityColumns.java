package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code report_data_quality} table: one row per period × dataset × province expected in that
 * month (the geography in force), saying whether the province's file arrived and how many of its
 * rows were quarantined, from the latest {@code ingest_log} entry of the slice, and what the
 * validation checks found in its figures. Documented in {@code docs/report-tables.md}.
 */
public final class DataQualityColumns {
  public static final String TABLE = "report_data_quality";

  public static final String PERIOD = ReportColumns.PERIOD;
  public static final String DATASET = "dataset";
  public static final String REGION_CODE = ReportColumns.REGION_CODE;
  public static final String REGION_NAME = ReportColumns.REGION_NAME;
  public static final String PROVINCE_CODE = ReportColumns.PROVINCE_CODE;
  public static final String PROVINCE_NAME = ReportColumns.PROVINCE_NAME;

  /**
   * {@code LOADED}, {@code REJECTED} (the file arrived but could not be used) or {@code MISSING}.
   */
  public static final String FILE_STATUS = "file_status";

  /** True when the file was loaded. */
  public static final String RECEIVED = "received";

  public static final String REJECTION_REASON = IngestLogColumns.REJECTION_REASON;
  public static final String ROWS_READ = IngestLogColumns.ROWS_READ;
  public static final String ROWS_ACCEPTED = IngestLogColumns.ROWS_ACCEPTED;
  public static final String ROWS_QUARANTINED = IngestLogColumns.ROWS_QUARANTINED;

  /** rows_quarantined ÷ rows_read × 100; null when nothing was read. */
  public static final String QUARANTINED_PCT = "quarantined_pct";

  /** When the file was ingested (the latest delivery of the slice). */
  public static final String INGESTED_AT = IngestLogColumns.INGESTED_AT;

  /**
   * Error findings of {@code validation_results} about the province's figures from this dataset in
   * the month (docs/validation.md).
   */
  public static final String CHECK_ERRORS = "check_errors";

  /** Warning findings, as {@link #CHECK_ERRORS}. */
  public static final String CHECK_WARNINGS = "check_warnings";

  /** The messages of those findings, errors first, separated by newlines; null when none. */
  public static final String CHECK_MESSAGES = "check_messages";

  public static final String STATUS_LOADED = IngestLogColumns.STATUS_LOADED;
  public static final String STATUS_REJECTED = IngestLogColumns.STATUS_REJECTED;
  public static final String STATUS_MISSING = "MISSING";

  /** The datasets a province delivers every month (CONTRACT §1). */
  public static final List<String> MONTHLY_DATASETS =
      List.of(ParticipationColumns.DATASET, ContributionsColumns.DATASET, BenefitsColumns.DATASET);

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(PERIOD, StringType, false)
          .add(DATASET, StringType, false)
          .add(REGION_CODE, StringType, false)
          .add(REGION_NAME, StringType, false)
          .add(PROVINCE_CODE, StringType, false)
          .add(PROVINCE_NAME, StringType, false)
          .add(FILE_STATUS, StringType, false)
          .add(RECEIVED, BooleanType, false)
          .add(REJECTION_REASON, StringType, true)
          .add(ROWS_READ, LongType, false)
          .add(ROWS_ACCEPTED, LongType, false)
          .add(ROWS_QUARANTINED, LongType, false)
          .add(QUARANTINED_PCT, DoubleType, true)
          .add(INGESTED_AT, TimestampType, true)
          .add(CHECK_ERRORS, LongType, false)
          .add(CHECK_WARNINGS, LongType, false)
          .add(CHECK_MESSAGES, StringType, true);

  private DataQualityColumns() {}
}
