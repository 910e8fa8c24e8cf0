package vn.bhxh.pipeline.common.validation;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;

/** Inline {@code indicators} rows for the validation tests: the columns the checks read. */
final class IndicatorRows {
  static final StructType SCHEMA =
      new StructType()
          .add(IndicatorColumns.PERIOD, DataTypes.StringType, false)
          .add(IndicatorColumns.BOUNDARY, DataTypes.StringType, false)
          .add(IndicatorColumns.GEO_LEVEL, DataTypes.StringType, false)
          .add(IndicatorColumns.GEO_CODE, DataTypes.StringType, false)
          .add(IndicatorColumns.GEO_NAME, DataTypes.StringType, true)
          .add(IndicatorColumns.INDICATOR, DataTypes.StringType, false)
          .add(IndicatorColumns.VALUE, DataTypes.DoubleType, true);

  private final List<Row> rows = new ArrayList<>();

  /** A province row in a boundary. */
  IndicatorRows add(
      String period, String boundary, String code, String name, String indicator, Double value) {
    return add(period, boundary, IndicatorColumns.LEVEL_PROVINCE, code, name, indicator, value);
  }

  IndicatorRows add(
      String period,
      String boundary,
      String level,
      String code,
      String name,
      String indicator,
      Double value) {
    rows.add(RowFactory.create(period, boundary, level, code, name, indicator, value));
    return this;
  }

  /**
   * One current-boundary province value per month from {@code first}, in order (null: no row for
   * that month).
   */
  IndicatorRows history(String first, String code, String indicator, double... values) {
    int year = Integer.parseInt(first.substring(0, 4));
    int month = Integer.parseInt(first.substring(5, 7)) - 1;
    for (double value : values) {
      int index = year * 12 + month;
      add(
          String.format("%04d-%02d", index / 12, index % 12 + 1),
          IndicatorColumns.BOUNDARY_CURRENT,
          code,
          "Province " + code,
          indicator,
          value);
      month++;
    }
    return this;
  }

  Dataset<Row> frame(SparkSession spark) {
    return spark.createDataFrame(rows, SCHEMA);
  }
}
