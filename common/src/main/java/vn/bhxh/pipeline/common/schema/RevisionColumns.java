package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * The {@code revisions} table (CONTRACT §4): one row per period × boundary × geo × indicator ×
 * vintage of every published period, comparing the figure as published with the current one. Kept
 * current by {@code publish}, {@code transform} and {@code nightly} for the periods they write.
 */
public final class RevisionColumns {
  public static final String TABLE = "revisions";

  public static final String PERIOD = CommonColumns.PERIOD;
  public static final String BOUNDARY = IndicatorColumns.BOUNDARY;
  public static final String GEO_LEVEL = IndicatorColumns.GEO_LEVEL;
  public static final String GEO_CODE = IndicatorColumns.GEO_CODE;
  public static final String GEO_NAME = IndicatorColumns.GEO_NAME;
  public static final String INDICATOR = IndicatorColumns.INDICATOR;
  public static final String VINTAGE = PublicationColumns.VINTAGE;

  /** {@code value} of the vintage. */
  public static final String PUBLISHED_VALUE = "published_value";

  /** {@code value} in {@code indicators} now; null when the row is no longer there. */
  public static final String CURRENT_VALUE = "current_value";

  /** current − published. */
  public static final String REVISION = "revision";

  /** revision ÷ published × 100; null when the published value is 0 or null. */
  public static final String REVISION_PCT = "revision_pct";

  /** This implementation's addition: the Delta version of {@code indicators} compared. */
  public static final String INDICATORS_VERSION = PublicationColumns.INDICATORS_VERSION;

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(PERIOD, StringType, false)
          .add(BOUNDARY, StringType, false)
          .add(GEO_LEVEL, StringType, false)
          .add(GEO_CODE, StringType, false)
          .add(GEO_NAME, StringType, true)
          .add(INDICATOR, StringType, false)
          .add(VINTAGE, IntegerType, false)
          .add(PUBLISHED_VALUE, DoubleType, true)
          .add(CURRENT_VALUE, DoubleType, true)
          .add(REVISION, DoubleType, true)
          .add(REVISION_PCT, DoubleType, true)
          .add(INDICATORS_VERSION, LongType, false);

  private RevisionColumns() {}
}
