package vn.bhxh.pipeline.common.indicators;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;

/**
 * The catalogue as a small frame, joined by the steps of {@link IndicatorComputation}, and the
 * internal column names those steps share.
 */
final class CatalogueFrame {
  /** Column: the dataset of a definition, a slice or a delivery. */
  static final String DATASET = "dataset";

  private CatalogueFrame() {}

  /**
   * The catalogue as a small frame: indicator, dataset (null for indicators derived from others).
   */
  static Dataset<Row> of(Dataset<Row> anyFrame, IndicatorCatalogue catalogue) {
    StructType schema =
        new StructType()
            .add(IndicatorColumns.INDICATOR, DataTypes.StringType, false)
            .add(DATASET, DataTypes.StringType, true);
    List<Row> rows = new ArrayList<>();
    for (IndicatorDefinition d : catalogue.definitions()) {
      rows.add(RowFactory.create(d.code(), d.dataset().orElse(null)));
    }
    // The session of an input frame, so that no function here reaches for a global one.
    return anyFrame.sparkSession().createDataFrame(rows, schema);
  }

  /** Join columns (Spark's Java API takes an array). */
  static String[] on(String... columns) {
    return columns;
  }
}
