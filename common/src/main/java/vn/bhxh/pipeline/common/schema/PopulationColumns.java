package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code population} reference: persons per province and year, in the geography in force on 1
 * January of that year. A year's figures apply to each of its months.
 */
public final class PopulationColumns {
  public static final String TABLE = "population";
  public static final String LANDING_FILE = "reference/population.csv";

  public static final String YEAR = "year";
  public static final String PROVINCE_CODE = CommonColumns.PROVINCE_CODE;
  public static final String POPULATION = "population";
  public static final String WORKING_AGE_POPULATION = "working_age_population";

  public static final List<String> LANDING_COLUMNS =
      List.of(YEAR, PROVINCE_CODE, POPULATION, WORKING_AGE_POPULATION);

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(YEAR, IntegerType, false)
          .add(PROVINCE_CODE, StringType, false)
          .add(POPULATION, LongType, false)
          .add(WORKING_AGE_POPULATION, LongType, false)
          .add(CommonColumns.RUN_ID, StringType, false);

  private PopulationColumns() {}
}
