package vn.bhxh.pipeline.common.schema;

/**
 * Column names shared by the report tables (beyond {@link ReportMeasureColumns}): identity of the
 * geo and completeness. Every report table is partitioned by {@link #PERIOD}.
 */
public final class ReportColumns {
  public static final String PERIOD = CommonColumns.PERIOD;

  /** {@code reported} or {@code current}, as in {@code indicators}. */
  public static final String BOUNDARY = IndicatorColumns.BOUNDARY;

  public static final String REGION_CODE = "region_code";
  public static final String REGION_NAME = "region_name";
  public static final String PROVINCE_CODE = CommonColumns.PROVINCE_CODE;
  public static final String PROVINCE_NAME = "province_name";

  /** Provinces of the geo in force for the period and boundary. */
  public static final String PROVINCES_EXPECTED = "provinces_expected";

  /** Of those, the provinces whose key indicators are complete. */
  public static final String PROVINCES_COMPLETE = "provinces_complete";

  /**
   * Every key indicator of the row is complete: every province of the geo delivered the datasets
   * they come from. False makes the row provisional.
   */
  public static final String COMPLETE = IndicatorColumns.COMPLETE;

  private ReportColumns() {}
}
