package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/** The {@code geography} table: one row per province per geography version (p63, p34). */
public final class GeographyColumns {
  public static final String TABLE = "geography";

  public static final String VERSION = "version";
  public static final String PROVINCE_CODE = CommonColumns.PROVINCE_CODE;
  public static final String NAME_VI = "name_vi";
  public static final String NAME_ASCII = "name_ascii";
  public static final String REGION_CODE = "region_code";
  public static final String REGION_NAME = "region_name";
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";

  /** The p34 code a p63 province became (for p34 rows: its own code). */
  public static final String SUCCESSOR_CODE = "successor_code";

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(VERSION, StringType, false)
          .add(PROVINCE_CODE, StringType, false)
          .add(NAME_VI, StringType, false)
          .add(NAME_ASCII, StringType, false)
          .add(REGION_CODE, StringType, false)
          .add(REGION_NAME, StringType, false)
          .add(VALID_FROM, DateType, true)
          .add(VALID_TO, DateType, true)
          .add(SUCCESSOR_CODE, StringType, false);

  private GeographyColumns() {}
}
