package vn.bhxh.pipeline.common.schema;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code report_nation_summary} table: one row per period × boundary, the national key
 * indicators ({@link ReportMeasureColumns}) and how many provinces reported; {@code complete} false
 * means the month's national figures are provisional. Documented in {@code docs/report-tables.md}.
 */
public final class NationSummaryColumns {
  public static final String TABLE = "report_nation_summary";

  public static final String PERIOD = ReportColumns.PERIOD;
  public static final String BOUNDARY = ReportColumns.BOUNDARY;
  public static final String PROVINCES_EXPECTED = ReportColumns.PROVINCES_EXPECTED;
  public static final String PROVINCES_COMPLETE = ReportColumns.PROVINCES_COMPLETE;
  public static final String COMPLETE = ReportColumns.COMPLETE;

  private NationSummaryColumns() {}

  /** The table's schema with the measure columns of the catalogue's {@code report} section. */
  public static StructType tableSchema(List<ReportMeasureColumns.Measure> measures) {
    return ReportColumns.summarySchema(new StructType(), measures);
  }
}
