package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column names shared by the report tables (beyond {@link ReportMeasureColumns}): identity of the
 * geo and completeness; and the column layout the key-indicator tables share. Every report table is
 * partitioned by {@link #PERIOD}.
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

  /**
   * The layout of the key-indicator tables (scorecard, region and nation summaries): {@link
   * #PERIOD} and {@link #BOUNDARY}, the table's {@code leading} columns (which geo, how many
   * provinces), the {@link ReportMeasureColumns measures} of the catalogue's {@code report} section
   * in its order, the table's {@code trailing} columns, and {@link #COMPLETE} last.
   */
  static StructType keyIndicatorSchema(
      StructType leading, List<ReportMeasureColumns.Measure> measures, StructType trailing) {
    StructType schema =
        new StructType().add(PERIOD, StringType, false).add(BOUNDARY, StringType, false);
    for (StructField field : leading.fields()) {
      schema = schema.add(field);
    }
    schema = ReportMeasureColumns.addMeasures(schema, measures);
    for (StructField field : trailing.fields()) {
      schema = schema.add(field);
    }
    return schema.add(COMPLETE, BooleanType, false);
  }

  /**
   * The layout of the region and nation summaries: a key-indicator table whose leading columns are
   * the geo's, then {@link #PROVINCES_EXPECTED} and {@link #PROVINCES_COMPLETE}.
   */
  static StructType summarySchema(StructType geo, List<ReportMeasureColumns.Measure> measures) {
    return keyIndicatorSchema(
        geo.add(PROVINCES_EXPECTED, IntegerType, false).add(PROVINCES_COMPLETE, IntegerType, false),
        measures,
        new StructType());
  }
}
