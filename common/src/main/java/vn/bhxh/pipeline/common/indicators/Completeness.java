package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static vn.bhxh.pipeline.common.indicators.CatalogueFrame.on;
import static vn.bhxh.pipeline.common.indicators.Columns.COMPLETE;
import static vn.bhxh.pipeline.common.indicators.Columns.DATASET;
import static vn.bhxh.pipeline.common.indicators.Columns.PERIOD;
import static vn.bhxh.pipeline.common.indicators.Columns.TERRITORY;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.schema.CommonColumns;

/**
 * A step of {@link IndicatorComputation}: which source provinces delivered each dataset each month,
 * against how many make up each territory. Pure functions.
 */
public final class Completeness {
  /** Column of {@link #completeness}: how many of the territory's provinces delivered. */
  static final String DELIVERED = "delivered_provinces";

  private Completeness() {}

  /**
   * Which source provinces delivered a dataset in a month, from its rows (the fallback when there
   * is no {@code ingest_log}, and the rule for population).
   *
   * @return dataset, period, source_version, province_code (distinct)
   */
  public static Dataset<Row> deliveredFromRows(
      Dataset<Row> rows, String dataset, Column sourceVersion) {
    return rows.select(
            lit(dataset).as(DATASET),
            col(PERIOD),
            sourceVersion.as(Territories.SOURCE_VERSION),
            col(CommonColumns.PROVINCE_CODE))
        .distinct();
  }

  /**
   * For every dataset, month and territory: how many of the territory's source provinces delivered
   * the dataset, how many there are, and whether all did.
   *
   * @param delivered dataset, period, source_version, province_code
   * @param slices dataset, period, source_version: every dataset-month computed, with the geography
   *     version its province codes are in
   * @return dataset, period, territory_id, delivered_provinces, expected_provinces, complete
   */
  public static Dataset<Row> completeness(
      Dataset<Row> delivered, Dataset<Row> slices, Dataset<Row> links) {
    Dataset<Row> expected =
        links
            .groupBy(Territories.SOURCE_VERSION, TERRITORY)
            .agg(count(lit(1)).as(Territories.EXPECTED_PROVINCES));
    Dataset<Row> got =
        delivered
            .join(broadcast(links), on(Territories.SOURCE_VERSION, CommonColumns.PROVINCE_CODE))
            .groupBy(DATASET, PERIOD, TERRITORY)
            .agg(countDistinct(col(CommonColumns.PROVINCE_CODE)).as(DELIVERED));
    return slices
        .join(expected, Territories.SOURCE_VERSION)
        .join(got, on(DATASET, PERIOD, TERRITORY), "left")
        .select(
            col(DATASET),
            col(PERIOD),
            col(TERRITORY),
            coalesce(col(DELIVERED), lit(0L)).as(DELIVERED),
            col(Territories.EXPECTED_PROVINCES),
            coalesce(col(DELIVERED), lit(0L))
                .equalTo(col(Territories.EXPECTED_PROVINCES))
                .as(COMPLETE));
  }
}
