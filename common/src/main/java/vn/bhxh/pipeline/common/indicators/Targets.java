package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static vn.bhxh.pipeline.common.indicators.CatalogueFrame.on;
import static vn.bhxh.pipeline.common.indicators.Columns.DENOMINATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.INDICATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.MEASURE;
import static vn.bhxh.pipeline.common.indicators.Columns.PERIOD;
import static vn.bhxh.pipeline.common.indicators.Columns.SECOND_OPERAND;
import static vn.bhxh.pipeline.common.indicators.Columns.TARGET;
import static vn.bhxh.pipeline.common.indicators.Columns.TERRITORY;
import static vn.bhxh.pipeline.common.indicators.Columns.VALUE;
import static vn.bhxh.pipeline.common.indicators.Columns.YEAR;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;

/**
 * A step of {@link IndicatorComputation}: the annual targets of every territory, given in the
 * {@code targets} table or derived from its provinces', re-based across the 2025 merger. Pure
 * functions.
 */
public final class Targets {

  private Targets() {}

  /**
   * The annual target of every territory, indicator and month wanted. Province targets are in the
   * geography of 1 January of their year and reach every territory their province is part of: a
   * territory's derived target is the sum of its provinces' targets (counts and amounts) or
   * Σ(target × denominator) ÷ Σ denominator (ratios, with each province's denominator of the
   * month), and only when every province of the territory has one. A region or national target
   * given in the file wins over the derived one for the territories of its own geography.
   *
   * @param targets year, geo_code, indicator, target
   * @param base {@link BaseValues} of the months wanted (denominators of ratio targets)
   * @param months one column {@code period}
   * @return period, territory_id, indicator, target
   */
  public static Dataset<Row> derive(
      Dataset<Row> targets,
      Dataset<Row> base,
      IndicatorCatalogue catalogue,
      Territories territories,
      Dataset<Row> territoryFrame,
      Dataset<Row> links,
      Dataset<Row> months) {
    Dataset<Row> definitions = CatalogueFrame.of(base, catalogue);
    Dataset<Row> given =
        months
            .withColumn(YEAR, substring(col(PERIOD), 1, 4).cast(DataTypes.IntegerType))
            .withColumn(Territories.SOURCE_VERSION, territories.versionOfYear(col(YEAR)))
            .join(
                targets.select(
                    col(YEAR),
                    col(TargetsColumns.GEO_CODE),
                    col(TargetsColumns.INDICATOR).as(INDICATOR),
                    col(TargetsColumns.TARGET).cast(DataTypes.DoubleType).as(TARGET)),
                YEAR)
            .join(broadcast(definitions), INDICATOR);

    // Province targets: weight by the province's own denominator (ratios), then fan out.
    Dataset<Row> provinceTerritory =
        territoryFrame
            .where(col(IndicatorColumns.GEO_LEVEL).equalTo(lit(IndicatorColumns.LEVEL_PROVINCE)))
            .select(
                col(Territories.TERRITORY_VERSION).as(Territories.SOURCE_VERSION),
                col(IndicatorColumns.GEO_CODE).as(TargetsColumns.GEO_CODE),
                col(TERRITORY).as("source_territory"));
    Dataset<Row> denominators =
        base.select(
            col(PERIOD),
            col(TERRITORY).as("source_territory"),
            col(INDICATOR).as(SECOND_OPERAND),
            col(VALUE).as(DENOMINATOR));
    // Summed as decimals: exact, so the same in any order. Doubles summed in the order rows
    // arrive from a shuffle differ in the last bits from one run to the next, and a re-run must
    // give the very same figures.
    Column exactTarget = col(TARGET).cast(DataTypes.createDecimalType(28, 8));
    Column exactDenominator = col(DENOMINATOR).cast(DataTypes.createDecimalType(24, 4));
    Dataset<Row> provinceTargets =
        given
            .join(
                broadcast(provinceTerritory),
                on(Territories.SOURCE_VERSION, TargetsColumns.GEO_CODE))
            .join(denominators, on(PERIOD, "source_territory", SECOND_OPERAND), "left")
            .join(
                broadcast(
                    links.select(
                        col(Territories.SOURCE_VERSION),
                        col(CommonColumns.PROVINCE_CODE).as(TargetsColumns.GEO_CODE),
                        col(TERRITORY))),
                on(Territories.SOURCE_VERSION, TargetsColumns.GEO_CODE))
            .groupBy(
                col(Territories.SOURCE_VERSION),
                col(PERIOD),
                col(TERRITORY),
                col(INDICATOR),
                col(MEASURE))
            .agg(
                count(lit(1)).as("provinces_with_target"),
                sum(exactTarget).cast(DataTypes.DoubleType).as("target_sum"),
                sum(exactTarget.multiply(exactDenominator))
                    .cast(DataTypes.DoubleType)
                    .as("weighted_sum"),
                sum(exactDenominator).cast(DataTypes.DoubleType).as("denominator_sum"),
                count(col(DENOMINATOR)).as("provinces_with_denominator"));
    Dataset<Row> expected =
        links
            .groupBy(Territories.SOURCE_VERSION, TERRITORY)
            .agg(count(lit(1)).as(Territories.EXPECTED_PROVINCES));
    Column everyProvince =
        col("provinces_with_target").equalTo(col(Territories.EXPECTED_PROVINCES));
    Column ratioTarget =
        when(
            col("provinces_with_denominator")
                .equalTo(col("provinces_with_target"))
                .and(col("denominator_sum").gt(0)),
            col("weighted_sum").divide(col("denominator_sum")));
    Dataset<Row> derived =
        provinceTargets
            .join(expected, on(Territories.SOURCE_VERSION, TERRITORY))
            .select(
                col(PERIOD),
                col(TERRITORY),
                col(INDICATOR),
                when(
                        everyProvince,
                        when(col(MEASURE).equalTo(lit(Measure.RATIO.code())), ratioTarget)
                            .otherwise(col("target_sum")))
                    .as("derived_target"));

    // Region and national targets as given, for the territories of their own geography.
    Dataset<Row> aggregates =
        territoryFrame
            .where(col(IndicatorColumns.GEO_LEVEL).notEqual(lit(IndicatorColumns.LEVEL_PROVINCE)))
            .select(
                col(TERRITORY),
                col(Territories.TERRITORY_VERSION).as("aggregate_version"),
                col(IndicatorColumns.GEO_CODE).as("aggregate_code"));
    Dataset<Row> explicit =
        given
            .join(
                broadcast(aggregates),
                col(TargetsColumns.GEO_CODE)
                    .equalTo(col("aggregate_code"))
                    .and(
                        col("aggregate_version")
                            .isNull()
                            .or(col("aggregate_version").equalTo(col(Territories.SOURCE_VERSION)))))
            .select(col(PERIOD), col(TERRITORY), col(INDICATOR), col(TARGET).as("given_target"));

    return derived
        .join(explicit, on(PERIOD, TERRITORY, INDICATOR), "full_outer")
        .select(
            col(PERIOD),
            col(TERRITORY),
            col(INDICATOR),
            coalesce(col("given_target"), col("derived_target")).as(TARGET))
        .where(col(TARGET).isNotNull());
  }
}
