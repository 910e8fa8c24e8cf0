package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static vn.bhxh.pipeline.common.indicators.Columns.COMPLETE;
import static vn.bhxh.pipeline.common.indicators.Columns.INDICATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.PERIOD;
import static vn.bhxh.pipeline.common.indicators.Columns.TERRITORY;
import static vn.bhxh.pipeline.common.indicators.Columns.VALUE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.indicators.TerritoryValue.Cell;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * A step of {@link IndicatorComputation}: the base values (one per month × territory × base
 * indicator) that every later step reads, either measured ({@link #fromMeasures}, on the driver) or
 * read back from the {@code indicators} table ({@link #fromIndicators}, a Spark frame). Pure
 * functions.
 */
public final class BaseValues {

  private BaseValues() {}

  /**
   * One value per month × territory × base indicator of the slices covered: the measured value (0
   * when the territory delivered but no row passed the filter; null when no province of it
   * delivered) and whether the territory is complete.
   *
   * @param measures rows of {@link Measures#measure} (period, territory_id, indicator, value) over
   *     the datasets
   * @param coverage {@link Completeness#coverage} of the same slices
   */
  static List<TerritoryValue> fromMeasures(
      Collection<Row> measures,
      Collection<Completeness.Coverage> coverage,
      IndicatorCatalogue catalogue) {
    Map<Cell, Double> measured = new HashMap<>(measures.size() * 2);
    for (Row row : measures) {
      measured.put(
          new Cell(
              Period.parse(row.getString(row.fieldIndex(PERIOD))),
              row.getInt(row.fieldIndex(TERRITORY)),
              row.getString(row.fieldIndex(INDICATOR))),
          (Double) row.get(row.fieldIndex(VALUE)));
    }
    List<TerritoryValue> values = new ArrayList<>();
    for (Completeness.Coverage c : coverage) {
      for (IndicatorDefinition measure : catalogue.baseMeasuresOf(c.dataset())) {
        String code = measure.code();
        Double value = null;
        if (c.delivered() > 0) {
          Double found = measured.get(new Cell(c.period(), c.territory(), code));
          value = found == null ? 0.0 : found;
        }
        values.add(TerritoryValue.of(c.period(), c.territory(), code, value, c.complete()));
      }
    }
    return values;
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
