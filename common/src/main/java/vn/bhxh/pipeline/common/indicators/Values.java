package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static vn.bhxh.pipeline.common.indicators.Columns.COMPLETE;
import static vn.bhxh.pipeline.common.indicators.Columns.DENOMINATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.FACTOR;
import static vn.bhxh.pipeline.common.indicators.Columns.INDICATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.MEASURE;
import static vn.bhxh.pipeline.common.indicators.Columns.NUMERATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.OPERAND;
import static vn.bhxh.pipeline.common.indicators.Columns.PERIOD;
import static vn.bhxh.pipeline.common.indicators.Columns.SECOND_OPERAND;
import static vn.bhxh.pipeline.common.indicators.Columns.TERRITORY;
import static vn.bhxh.pipeline.common.indicators.Columns.VALUE;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * A step of {@link IndicatorComputation}: every indicator's value from the base values, ratios and
 * year-to-date sums included (year-to-date distinct counts come from {@link YearToDateDistinct},
 * which reads the year's keys). Pure functions.
 */
public final class Values {

  private Values() {}

  /**
   * Every indicator's value for the months wanted: base values as they are, ratios from the
   * aggregated numerator and denominator of the same territory, year-to-date sums from January.
   * Year to date is complete only when every month from January is there and complete.
   *
   * @param base {@link BaseValues} for the months wanted and the months of their year before them
   * @param months one column {@code period}: the months wanted
   * @return period, territory_id, indicator, value, numerator, denominator, complete
   */
  public static Dataset<Row> of(
      Dataset<Row> base, IndicatorCatalogue catalogue, Dataset<Row> months) {
    Dataset<Row> definitions = CatalogueFrame.of(base, catalogue);
    Dataset<Row> plain =
        base.join(months, PERIOD)
            .select(
                col(PERIOD),
                col(TERRITORY),
                col(INDICATOR),
                col(VALUE),
                lit(null).cast(DataTypes.DoubleType).as(NUMERATOR),
                lit(null).cast(DataTypes.DoubleType).as(DENOMINATOR),
                col(COMPLETE));

    Dataset<Row> ratios = definitions.where(col(MEASURE).equalTo(lit(Measure.RATIO.code())));
    Dataset<Row> numerators = base.join(months, PERIOD).as("n");
    Dataset<Row> denominators = base.as("d");
    Dataset<Row> ratioValues =
        broadcast(ratios)
            .join(numerators, col("n." + INDICATOR).equalTo(ratios.col(OPERAND)))
            .join(
                denominators,
                col("d." + INDICATOR)
                    .equalTo(ratios.col(SECOND_OPERAND))
                    .and(col("d." + PERIOD).equalTo(col("n." + PERIOD)))
                    .and(col("d." + TERRITORY).equalTo(col("n." + TERRITORY))))
            .select(
                col("n." + PERIOD).as(PERIOD),
                col("n." + TERRITORY).as(TERRITORY),
                ratios.col(INDICATOR).as(INDICATOR),
                when(
                        col("d." + VALUE).notEqual(lit(0.0)),
                        col("n." + VALUE).divide(col("d." + VALUE)).multiply(ratios.col(FACTOR)))
                    .as(VALUE),
                col("n." + VALUE).as(NUMERATOR),
                col("d." + VALUE).as(DENOMINATOR),
                col("n." + COMPLETE).and(col("d." + COMPLETE)).as(COMPLETE));

    Dataset<Row> ytd = definitions.where(col(MEASURE).equalTo(lit(Measure.YTD.code())));
    Dataset<Row> wanted = months.select(col(PERIOD).as("o_" + PERIOD));
    Column monthOfYear = substring(col("o_" + PERIOD), 6, 2).cast(DataTypes.IntegerType);
    Dataset<Row> ytdValues =
        broadcast(ytd)
            .join(base.as("b"), col("b." + INDICATOR).equalTo(ytd.col(OPERAND)))
            .join(
                broadcast(wanted),
                col("b." + PERIOD)
                    .geq(format_string("%s-01", substring(col("o_" + PERIOD), 1, 4)))
                    .and(col("b." + PERIOD).leq(col("o_" + PERIOD))))
            .groupBy(col("o_" + PERIOD), col("b." + TERRITORY), ytd.col(INDICATOR))
            .agg(
                sum(col("b." + VALUE)).as(VALUE),
                min(col("b." + COMPLETE)).as(COMPLETE),
                countDistinct(col("b." + PERIOD)).as("months_present"),
                min(monthOfYear).as("months_expected"))
            .select(
                col("o_" + PERIOD).as(PERIOD),
                col(TERRITORY),
                col(INDICATOR),
                col(VALUE),
                lit(null).cast(DataTypes.DoubleType).as(NUMERATOR),
                lit(null).cast(DataTypes.DoubleType).as(DENOMINATOR),
                col(COMPLETE)
                    .and(col("months_present").equalTo(col("months_expected")))
                    .as(COMPLETE));

    return plain.unionByName(ratioValues).unionByName(ytdValues);
  }
}
