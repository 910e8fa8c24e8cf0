package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static vn.bhxh.pipeline.common.indicators.CatalogueFrame.on;
import static vn.bhxh.pipeline.common.indicators.Columns.COMPLETE;
import static vn.bhxh.pipeline.common.indicators.Columns.DATASET;
import static vn.bhxh.pipeline.common.indicators.Columns.DELIVERED;
import static vn.bhxh.pipeline.common.indicators.Columns.INDICATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.PERIOD;
import static vn.bhxh.pipeline.common.indicators.Columns.TERRITORY;
import static vn.bhxh.pipeline.common.indicators.Columns.VALUE;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;

/**
 * A step of {@link IndicatorComputation}: the base values (one row per month × territory × base
 * indicator) that every later step reads, either measured ({@link #fromMeasures}) or read back from
 * the {@code indicators} table ({@link #fromIndicators}). Pure functions.
 */
public final class BaseValues {

  private BaseValues() {}

  /**
   * One row per month × territory × base indicator of the slices in {@link
   * Completeness#completeness}: the measured value (0 when the territory delivered but no row
   * passed the filter; null when no province of it delivered) and whether the territory is
   * complete.
   *
   * @param measures union of {@link Measures#measure} over the datasets
   * @return period, territory_id, indicator, value, complete
   */
  public static Dataset<Row> fromMeasures(
      Dataset<Row> measures, Dataset<Row> completeness, IndicatorCatalogue catalogue) {
    Dataset<Row> indicators =
        CatalogueFrame.of(measures, catalogue).where(col(DATASET).isNotNull());
    return completeness
        .join(indicators, DATASET)
        .join(measures, on(PERIOD, TERRITORY, INDICATOR), "left")
        .select(
            col(PERIOD),
            col(TERRITORY),
            col(INDICATOR),
            when(col(DELIVERED).gt(0), coalesce(col(VALUE), lit(0.0))).as(VALUE),
            col(COMPLETE));
  }

  /**
   * Base indicators of earlier months read back from the {@code indicators} table, as base values:
   * a month's {@code reported} rows give its own geography's territories and the {@code current}
   * rows the p34 ones (and the nation).
   *
   * @param base the codes of the base indicators to read
   * @return period, territory_id, indicator, value, complete
   */
  public static Dataset<Row> fromIndicators(
      Dataset<Row> indicators,
      Territories territories,
      Dataset<Row> territoryFrame,
      List<String> base) {
    Column version =
        when(
                col(IndicatorColumns.BOUNDARY).equalTo(lit(IndicatorColumns.BOUNDARY_CURRENT)),
                lit("p34"))
            .otherwise(territories.versionOf(col(PERIOD)));
    Dataset<Row> rows =
        indicators
            .where(col(INDICATOR).isin(base.toArray()))
            .where(
                col(IndicatorColumns.BOUNDARY)
                    .equalTo(lit(IndicatorColumns.BOUNDARY_CURRENT))
                    .or(
                        col(IndicatorColumns.GEO_LEVEL)
                            .notEqual(lit(IndicatorColumns.LEVEL_NATION))
                            .and(territories.versionOf(col(PERIOD)).equalTo(lit("p63")))))
            .withColumn(Territories.TERRITORY_VERSION, version);
    Column sameTerritory =
        rows.col(IndicatorColumns.GEO_LEVEL)
            .equalTo(territoryFrame.col(IndicatorColumns.GEO_LEVEL))
            .and(
                rows.col(IndicatorColumns.GEO_CODE)
                    .equalTo(territoryFrame.col(IndicatorColumns.GEO_CODE)))
            .and(
                territoryFrame
                    .col(Territories.TERRITORY_VERSION)
                    .isNull()
                    .or(
                        territoryFrame
                            .col(Territories.TERRITORY_VERSION)
                            .equalTo(rows.col(Territories.TERRITORY_VERSION))));
    return rows.join(broadcast(territoryFrame), sameTerritory)
        .select(
            rows.col(PERIOD),
            col(TERRITORY),
            rows.col(INDICATOR),
            rows.col(VALUE),
            rows.col(COMPLETE));
  }
}
