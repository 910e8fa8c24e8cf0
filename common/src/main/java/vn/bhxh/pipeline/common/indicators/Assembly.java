package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static vn.bhxh.pipeline.common.indicators.CatalogueFrame.on;
import static vn.bhxh.pipeline.common.indicators.Columns.COMPLETE;
import static vn.bhxh.pipeline.common.indicators.Columns.DENOMINATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.INDICATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.MEASURE;
import static vn.bhxh.pipeline.common.indicators.Columns.NUMERATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.PERIOD;
import static vn.bhxh.pipeline.common.indicators.Columns.TARGET;
import static vn.bhxh.pipeline.common.indicators.Columns.TERRITORY;
import static vn.bhxh.pipeline.common.indicators.Columns.VALUE;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;

/**
 * The last step of {@link IndicatorComputation}: the contract's {@code indicators} rows, in both
 * boundaries, with attainment, expected-to-date, on-track and year-over-year columns. Pure
 * functions.
 */
public final class Assembly {

  private Assembly() {}

  /**
   * The {@code indicators} rows of the months wanted: every territory of the month's geography in
   * the {@code reported} boundary, every p34 territory in the {@code current} boundary, the nation
   * in both; with target, attainment, expected-to-date and on-track (year-to-date indicators), and
   * the same territory's value a year earlier.
   *
   * @param values {@link Values#of} (and {@link YearToDateDistinct#values}) for the months wanted
   *     and the same months a year earlier
   * @param targets {@link Targets#derive} of the months wanted
   * @param months one column {@code period}: the months wanted
   * @return rows of {@link IndicatorColumns#TABLE_SCHEMA}
   */
  public static Dataset<Row> assemble(
      Dataset<Row> values,
      Dataset<Row> targets,
      IndicatorCatalogue catalogue,
      Territories territories,
      Dataset<Row> territoryFrame,
      Dataset<Row> months) {
    Dataset<Row> definitions = CatalogueFrame.of(values, catalogue);
    Column version = col(Territories.TERRITORY_VERSION);
    Dataset<Row> grid = months.crossJoin(broadcast(territoryFrame));
    Dataset<Row> reported =
        grid.where(version.isNull().or(version.equalTo(territories.versionOf(col(PERIOD)))))
            .withColumn(IndicatorColumns.BOUNDARY, lit(IndicatorColumns.BOUNDARY_REPORTED));
    Dataset<Row> current =
        grid.where(version.isNull().or(version.equalTo(lit("p34"))))
            .withColumn(IndicatorColumns.BOUNDARY, lit(IndicatorColumns.BOUNDARY_CURRENT));
    Dataset<Row> emitted = reported.unionByName(current);

    Dataset<Row> previous =
        values.select(
            col(PERIOD).as("previous_period"),
            col(TERRITORY),
            col(INDICATOR),
            col(VALUE).as(IndicatorColumns.PREV_YEAR_VALUE));
    Column previousPeriod =
        format_string(
            "%04d-%s",
            substring(col(PERIOD), 1, 4).cast(DataTypes.IntegerType).minus(1),
            substring(col(PERIOD), 6, 2));
    Column month = substring(col(PERIOD), 6, 2).cast(DataTypes.DoubleType);
    Column isYtd = col(MEASURE).isin(Measure.YTD.code(), Measure.YTD_DISTINCT.code());
    Column expectedToDate = when(isYtd, col(TARGET).multiply(month).divide(12.0));
    Column change = col(VALUE).minus(col(IndicatorColumns.PREV_YEAR_VALUE));

    Dataset<Row> rows =
        emitted
            .join(values, on(PERIOD, TERRITORY))
            .join(broadcast(definitions.select(INDICATOR, MEASURE)), INDICATOR)
            .withColumn("previous_period", previousPeriod)
            .join(previous, on("previous_period", TERRITORY, INDICATOR), "left")
            .join(targets, on(PERIOD, TERRITORY, INDICATOR), "left")
            .withColumn(IndicatorColumns.EXPECTED_TO_DATE, expectedToDate);
    return rows.select(
        col(PERIOD),
        col(IndicatorColumns.BOUNDARY),
        col(IndicatorColumns.GEO_LEVEL),
        col(IndicatorColumns.GEO_CODE),
        col(IndicatorColumns.GEO_NAME),
        col(INDICATOR),
        col(VALUE),
        col(NUMERATOR),
        col(DENOMINATOR),
        col(TARGET),
        when(col(TARGET).notEqual(0.0), col(VALUE).divide(col(TARGET)).multiply(100.0))
            .as(IndicatorColumns.ATTAINMENT_PCT),
        col(IndicatorColumns.EXPECTED_TO_DATE),
        when(isYtd, col(VALUE).geq(col(IndicatorColumns.EXPECTED_TO_DATE)))
            .as(IndicatorColumns.ON_TRACK),
        col(IndicatorColumns.PREV_YEAR_VALUE),
        change.as(IndicatorColumns.YOY_CHANGE),
        when(
                col(IndicatorColumns.PREV_YEAR_VALUE).notEqual(0.0),
                change.divide(col(IndicatorColumns.PREV_YEAR_VALUE)).multiply(100.0))
            .as(IndicatorColumns.YOY_CHANGE_PCT),
        col(COMPLETE));
  }
}
