package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code targets} reference: the annual plan for an indicator and a geo (province code in the
 * geography of 1 January of the year, region code, or {@code VN}).
 */
public final class TargetsColumns {
  public static final String TABLE = "targets";
  public static final String LANDING_FILE = "reference/targets.csv";

  public static final String YEAR = "year";
  public static final String GEO_CODE = "geo_code";
  public static final String INDICATOR = "indicator";
  public static final String TARGET = "target";

  public static final List<String> LANDING_COLUMNS = List.of(YEAR, GEO_CODE, INDICATOR, TARGET);

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(YEAR, IntegerType, false)
          .add(GEO_CODE, StringType, false)
          .add(INDICATOR, StringType, false)
          .add(TARGET, DoubleType, false)
          .add(CommonColumns.RUN_ID, StringType, false);

  private TargetsColumns() {}
}
