package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/** The {@code indicators} table (CONTRACT §3): one row per period × boundary × geo × indicator. */
public final class IndicatorColumns {
  public static final String TABLE = "indicators";

  public static final String PERIOD = CommonColumns.PERIOD;
  public static final String BOUNDARY = "boundary";
  public static final String GEO_LEVEL = "geo_level";
  public static final String GEO_CODE = "geo_code";
  public static final String GEO_NAME = "geo_name";
  public static final String INDICATOR = "indicator";
  public static final String VALUE = "value";
  public static final String NUMERATOR = "numerator";
  public static final String DENOMINATOR = "denominator";
  public static final String TARGET = "target";
  public static final String ATTAINMENT_PCT = "attainment_pct";
  public static final String EXPECTED_TO_DATE = "expected_to_date";
  public static final String ON_TRACK = "on_track";
  public static final String PREV_YEAR_VALUE = "prev_year_value";
  public static final String YOY_CHANGE = "yoy_change";
  public static final String YOY_CHANGE_PCT = "yoy_change_pct";
  public static final String COMPLETE = "complete";

  /** {@link #BOUNDARY}: the geography in force in the month. */
  public static final String BOUNDARY_REPORTED = "reported";

  /** {@link #BOUNDARY}: every month re-based to the p34 geography. */
  public static final String BOUNDARY_CURRENT = "current";

  public static final String LEVEL_PROVINCE = "province";
  public static final String LEVEL_REGION = "region";
  public static final String LEVEL_NATION = "nation";

  /** {@link #GEO_CODE} of the nation. */
  public static final String NATION_CODE = "VN";

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(PERIOD, StringType, false)
          .add(BOUNDARY, StringType, false)
          .add(GEO_LEVEL, StringType, false)
          .add(GEO_CODE, StringType, false)
          .add(GEO_NAME, StringType, true)
          .add(INDICATOR, StringType, false)
          .add(VALUE, DoubleType, true)
          .add(NUMERATOR, DoubleType, true)
          .add(DENOMINATOR, DoubleType, true)
          .add(TARGET, DoubleType, true)
          .add(ATTAINMENT_PCT, DoubleType, true)
          .add(EXPECTED_TO_DATE, DoubleType, true)
          .add(ON_TRACK, BooleanType, true)
          .add(PREV_YEAR_VALUE, DoubleType, true)
          .add(YOY_CHANGE, DoubleType, true)
          .add(YOY_CHANGE_PCT, DoubleType, true)
          .add(COMPLETE, BooleanType, true);

  private IndicatorColumns() {}
}
