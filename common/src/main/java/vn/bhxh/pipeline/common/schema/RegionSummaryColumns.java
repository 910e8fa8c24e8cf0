package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code report_region_summary} table: one row per period × boundary × region, the key
 * indicators of the region ({@link ReportMeasureColumns}, computed by the indicator engine from the
 * region's persons and amounts, not averaged from provinces) and how many of its provinces
 * reported. Documented in {@code docs/report-tables.md}.
 */
public final class RegionSummaryColumns {
  public static final String TABLE = "report_region_summary";

  public static final String PERIOD = ReportColumns.PERIOD;
  public static final String BOUNDARY = ReportColumns.BOUNDARY;
  public static final String REGION_CODE = ReportColumns.REGION_CODE;
  public static final String REGION_NAME = ReportColumns.REGION_NAME;
  public static final String PROVINCES_EXPECTED = ReportColumns.PROVINCES_EXPECTED;
  public static final String PROVINCES_COMPLETE = ReportColumns.PROVINCES_COMPLETE;
  public static final String COMPLETE = ReportColumns.COMPLETE;

  private RegionSummaryColumns() {}

  /** The table's schema with the measure columns of the catalogue's {@code report} section. */
  public static StructType tableSchema(List<ReportMeasureColumns.Measure> measures) {
    return ReportColumns.summarySchema(
        new StructType().add(REGION_CODE, StringType, false).add(REGION_NAME, StringType, false),
        measures);
  }
}
