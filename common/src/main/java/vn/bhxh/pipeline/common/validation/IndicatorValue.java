package vn.bhxh.pipeline.common.validation;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;

/**
 * One {@code indicators} row as the checks read it. The checks run on the driver over a few
 * thousand of these (the months checked and their history): as Spark plans, the same joins and
 * percentiles took some twenty small jobs and seconds of planning for a few rows of findings.
 *
 * @param value null where the indicator has no value
 * @param name null where the territory has no name
 */
public record IndicatorValue(
    String period,
    String boundary,
    String level,
    String code,
    String name,
    String indicator,
    Double value) {

  /** Collects the rows of a frame with the {@code indicators} columns onto the driver. */
  public static List<IndicatorValue> of(Dataset<Row> indicators) {
    List<IndicatorValue> values = new ArrayList<>();
    for (Row row :
        indicators
            .select(
                IndicatorColumns.PERIOD,
                IndicatorColumns.BOUNDARY,
                IndicatorColumns.GEO_LEVEL,
                IndicatorColumns.GEO_CODE,
                IndicatorColumns.GEO_NAME,
                IndicatorColumns.INDICATOR,
                IndicatorColumns.VALUE)
            .collectAsList()) {
      values.add(
          new IndicatorValue(
              row.getString(0),
              row.getString(1),
              row.getString(2),
              row.getString(3),
              row.getString(4),
              row.getString(5),
              row.isNullAt(6) ? null : row.getDouble(6)));
    }
    return values;
  }
}
