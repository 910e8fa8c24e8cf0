package vn.bhxh.pipeline.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.indicators.IndicatorDefinition;
import vn.bhxh.pipeline.common.schema.DataQualityColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.ValidationColumns;

/**
 * The findings of {@code validation_results} per period × dataset × province, for {@code
 * report_data_quality} (docs/validation.md). A finding belongs to the dataset its indicator is
 * computed from, and to a province of the geography in force: province-level findings of the {@code
 * reported} boundary, and of the {@code current} boundary from the first month of the p34 geography
 * on (when both boundaries are the same provinces). An outlier of a merged province before the
 * merger is about a territory that did not exist then: it stays in {@code validation_results} and
 * the bulletin only.
 */
final class DataQualityChecks {
  private static final String RANK = "_rank";
  private static final String MESSAGES =
      "concat_ws('\\n', transform(array_sort(collect_list(struct("
          + RANK
          + ", "
          + ValidationColumns.MESSAGE
          + "))), x -> x."
          + ValidationColumns.MESSAGE
          + "))";

  /** The columns {@link ReportTransforms#dataQuality} joins on and adds. */
  static final StructType SCHEMA =
      new StructType()
          .add(DataQualityColumns.PERIOD, DataTypes.StringType, false)
          .add(DataQualityColumns.DATASET, DataTypes.StringType, false)
          .add(DataQualityColumns.PROVINCE_CODE, DataTypes.StringType, false)
          .add(DataQualityColumns.CHECK_ERRORS, DataTypes.LongType, false)
          .add(DataQualityColumns.CHECK_WARNINGS, DataTypes.LongType, false)
          .add(DataQualityColumns.CHECK_MESSAGES, DataTypes.StringType, true);

  private DataQualityChecks() {}

  /**
   * Counts and messages per period × dataset × province.
   *
   * @param findings rows of {@code validation_results}
   * @param datasetOf the dataset of each indicator (a ratio: its numerator's; year to date: its
   *     month's); findings about other indicators are left out
   * @param firstP34Period the first month of the p34 geography ({@code YYYY-MM})
   */
  static Dataset<Row> perSlice(
      Dataset<Row> findings, Map<String, String> datasetOf, String firstP34Period) {
    Column dataset = lit(null).cast(DataTypes.StringType);
    for (Map.Entry<String, String> entry : datasetOf.entrySet()) {
      dataset =
          when(col(ValidationColumns.INDICATOR).equalTo(entry.getKey()), lit(entry.getValue()))
              .otherwise(dataset);
    }
    Column error = col(ValidationColumns.SEVERITY).equalTo(ValidationColumns.SEVERITY_ERROR);
    return findings
        .where(
            col(ValidationColumns.GEO_LEVEL)
                .equalTo(IndicatorColumns.LEVEL_PROVINCE)
                .and(
                    col(ValidationColumns.BOUNDARY)
                        .equalTo(IndicatorColumns.BOUNDARY_REPORTED)
                        .or(col(ValidationColumns.PERIOD).geq(firstP34Period))))
        .withColumn(DataQualityColumns.DATASET, dataset)
        .where(col(DataQualityColumns.DATASET).isNotNull())
        .withColumn(RANK, when(error, lit(0)).otherwise(lit(1)))
        .groupBy(
            col(ValidationColumns.PERIOD).as(DataQualityColumns.PERIOD),
            col(DataQualityColumns.DATASET),
            col(ValidationColumns.GEO_CODE).as(DataQualityColumns.PROVINCE_CODE))
        .agg(
            sum(when(error, lit(1L)).otherwise(lit(0L))).as(DataQualityColumns.CHECK_ERRORS),
            sum(when(error, lit(0L)).otherwise(lit(1L))).as(DataQualityColumns.CHECK_WARNINGS),
            expr(MESSAGES).as(DataQualityColumns.CHECK_MESSAGES));
  }

  /**
   * The dataset each indicator is computed from: a base measure's own, a ratio's numerator's, a
   * year-to-date sum's month's. Indicators of the population reference are left out (they are not a
   * province's monthly file).
   */
  static Map<String, String> datasets(IndicatorCatalogue catalogue) {
    Map<String, String> result = new TreeMap<>();
    for (IndicatorDefinition definition : catalogue.definitions()) {
      Optional<String> source =
          definition
              .dataset()
              .or(() -> definition.numerator().flatMap(n -> catalogue.get(n).dataset()))
              .or(() -> definition.of().flatMap(o -> catalogue.get(o).dataset()));
      source
          .filter(DataQualityColumns.MONTHLY_DATASETS::contains)
          .ifPresent(dataset -> result.put(definition.code(), dataset));
    }
    return result;
  }
}
