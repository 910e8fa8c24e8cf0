package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * The {@code validation_results} table (CONTRACT §4): one row per finding of a validation rule or
 * of the outlier detector, for the periods {@code transform} and {@code nightly} compute
 * (docs/validation.md).
 */
public final class ValidationColumns {
  public static final String TABLE = "validation_results";

  public static final String PERIOD = CommonColumns.PERIOD;
  public static final String BOUNDARY = IndicatorColumns.BOUNDARY;
  public static final String GEO_LEVEL = IndicatorColumns.GEO_LEVEL;
  public static final String GEO_CODE = IndicatorColumns.GEO_CODE;

  /** {@link #KIND_RULE} or {@link #KIND_OUTLIER}. */
  public static final String KIND = "kind";

  /** The rule's code, or the outlier detector's name. */
  public static final String RULE = "rule";

  /** The indicator the finding is about (a rule's left-hand side). */
  public static final String INDICATOR = IndicatorColumns.INDICATOR;

  public static final String VALUE = IndicatorColumns.VALUE;

  /** Lower end of the range the value should be in; null where open. */
  public static final String EXPECTED_LOW = "expected_low";

  /** Upper end of the range the value should be in; null where open. */
  public static final String EXPECTED_HIGH = "expected_high";

  /** {@link #SEVERITY_ERROR} or {@link #SEVERITY_WARNING}. */
  public static final String SEVERITY = "severity";

  public static final String MESSAGE = "message";

  public static final String KIND_RULE = "rule";
  public static final String KIND_OUTLIER = "outlier";
  public static final String SEVERITY_ERROR = "error";
  public static final String SEVERITY_WARNING = "warning";

  /** {@link #RULE} of a month-over-month outlier against the province's own history. */
  public static final String DETECTOR_MONTH_CHANGE = "outlier_month_change";

  /** {@link #RULE} of a jump against the same month a year earlier. */
  public static final String DETECTOR_YEAR_CHANGE = "outlier_year_change";

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(PERIOD, StringType, false)
          .add(BOUNDARY, StringType, false)
          .add(GEO_LEVEL, StringType, false)
          .add(GEO_CODE, StringType, false)
          .add(KIND, StringType, false)
          .add(RULE, StringType, false)
          .add(INDICATOR, StringType, false)
          .add(VALUE, DoubleType, true)
          .add(EXPECTED_LOW, DoubleType, true)
          .add(EXPECTED_HIGH, DoubleType, true)
          .add(SEVERITY, StringType, false)
          .add(MESSAGE, StringType, false);

  private ValidationColumns() {}
}
