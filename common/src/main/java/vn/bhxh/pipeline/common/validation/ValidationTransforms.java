package vn.bhxh.pipeline.common.validation;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.ValidationColumns;

/**
 * The validation rules as pure transformations: {@code indicators} rows in, {@code
 * validation_results} rows out (docs/validation.md). A rule {@code left op right × factor} is
 * evaluated where both sides have a value, for the same period, boundary and territory; a violation
 * is one finding whose expected range is the bound ({@code right × factor}) on the side the rule
 * allows.
 */
public final class ValidationTransforms {
  private static final String LEFT_VALUE = "_left_value";
  private static final String RIGHT_VALUE = "_right_value";
  private static final String BOUND = "_bound";
  private static final List<String> KEYS =
      List.of(
          IndicatorColumns.PERIOD,
          IndicatorColumns.BOUNDARY,
          IndicatorColumns.GEO_LEVEL,
          IndicatorColumns.GEO_CODE);

  private ValidationTransforms() {}

  /**
   * The violations of every rule in the given periods.
   *
   * @param indicators rows of the {@code indicators} table (other periods are ignored)
   * @param rules the checked rules
   * @param periods the months to evaluate ({@code YYYY-MM})
   */
  public static Dataset<Row> ruleFindings(
      Dataset<Row> indicators, ValidationRules rules, List<String> periods) {
    Dataset<Row> rows =
        indicators
            .where(col(IndicatorColumns.PERIOD).isin(periods.toArray()))
            .select(
                col(IndicatorColumns.PERIOD),
                col(IndicatorColumns.BOUNDARY),
                col(IndicatorColumns.GEO_LEVEL),
                col(IndicatorColumns.GEO_CODE),
                col(IndicatorColumns.GEO_NAME),
                col(IndicatorColumns.INDICATOR),
                col(IndicatorColumns.VALUE));
    List<Dataset<Row>> findings = new ArrayList<>();
    for (ValidationRule rule : rules.rules()) {
      findings.add(violations(rows, rule));
    }
    return findings.stream()
        .reduce(Dataset::unionByName)
        .orElseGet(() -> empty(indicators))
        .select(columns());
  }

  private static Dataset<Row> violations(Dataset<Row> rows, ValidationRule rule) {
    Column scope =
        col(IndicatorColumns.GEO_LEVEL)
            .isin(rule.levels().toArray())
            .and(col(IndicatorColumns.BOUNDARY).isin(rule.boundaries().toArray()));
    Dataset<Row> left =
        rows.where(scope.and(col(IndicatorColumns.INDICATOR).equalTo(rule.left())))
            .withColumnRenamed(IndicatorColumns.VALUE, LEFT_VALUE)
            .drop(IndicatorColumns.INDICATOR);
    Dataset<Row> right =
        rows.where(scope.and(col(IndicatorColumns.INDICATOR).equalTo(rule.right())))
            .select(
                col(IndicatorColumns.PERIOD),
                col(IndicatorColumns.BOUNDARY),
                col(IndicatorColumns.GEO_LEVEL),
                col(IndicatorColumns.GEO_CODE),
                col(IndicatorColumns.VALUE).as(RIGHT_VALUE));
    Column value = col(LEFT_VALUE);
    Column bound = col(BOUND);
    Column violated =
        switch (rule.op()) {
          case AT_MOST -> value.gt(bound);
          case BELOW -> value.geq(bound);
          case AT_LEAST -> value.lt(bound);
          case ABOVE -> value.leq(bound);
        };
    Column offPct =
        when(bound.notEqual(0), abs(value.minus(bound)).divide(abs(bound)).multiply(100));
    Column nullDouble = lit(null).cast(DataTypes.DoubleType);
    return left.join(right, KEYS.toArray(String[]::new), "inner")
        .withColumn(BOUND, col(RIGHT_VALUE).multiply(rule.factor()))
        .where(value.isNotNull().and(col(RIGHT_VALUE).isNotNull()).and(violated))
        .select(
            col(IndicatorColumns.PERIOD).as(ValidationColumns.PERIOD),
            col(IndicatorColumns.BOUNDARY).as(ValidationColumns.BOUNDARY),
            col(IndicatorColumns.GEO_LEVEL).as(ValidationColumns.GEO_LEVEL),
            col(IndicatorColumns.GEO_CODE).as(ValidationColumns.GEO_CODE),
            lit(ValidationColumns.KIND_RULE).as(ValidationColumns.KIND),
            lit(rule.code()).as(ValidationColumns.RULE),
            lit(rule.left()).as(ValidationColumns.INDICATOR),
            value.as(ValidationColumns.VALUE),
            (rule.op().isUpperBound() ? nullDouble : bound).as(ValidationColumns.EXPECTED_LOW),
            (rule.op().isUpperBound() ? bound : nullDouble).as(ValidationColumns.EXPECTED_HIGH),
            lit(rule.severity()).as(ValidationColumns.SEVERITY),
            message(rule, offPct).as(ValidationColumns.MESSAGE));
  }

  /** The rule's message template with its placeholders replaced by the finding's values. */
  private static Column message(ValidationRule rule, Column offPct) {
    List<Column> parts = new ArrayList<>();
    Matcher matcher = ValidationRules.PLACEHOLDER.matcher(rule.message());
    int at = 0;
    while (matcher.find()) {
      parts.add(lit(rule.message().substring(at, matcher.start())));
      parts.add(coalesce(placeholder(rule, matcher.group(1), offPct), lit("?")));
      at = matcher.end();
    }
    parts.add(lit(rule.message().substring(at)));
    return concat(parts.toArray(Column[]::new));
  }

  private static Column placeholder(ValidationRule rule, String name, Column offPct) {
    return switch (name) {
      case "geo_name" -> coalesce(col(IndicatorColumns.GEO_NAME), col(IndicatorColumns.GEO_CODE));
      case "geo_code" -> col(IndicatorColumns.GEO_CODE);
      case "geo_level" -> col(IndicatorColumns.GEO_LEVEL);
      case "period" -> col(IndicatorColumns.PERIOD);
      case "boundary" -> col(IndicatorColumns.BOUNDARY);
      case "left" -> lit(rule.left());
      case "right" -> lit(rule.right());
      case "factor" -> lit(number(rule.factor()));
      case "value" -> number(col(LEFT_VALUE));
      case "right_value" -> number(col(RIGHT_VALUE));
      case "bound" -> number(col(BOUND));
      case "off_pct" -> format_number(offPct, 1);
      default -> throw new IllegalStateException("placeholder checked at load: " + name);
    };
  }

  /**
   * A number for a message: whole (thousands separated) when it is whole or from 100 up, else with
   * two decimals.
   */
  public static Column number(Column x) {
    return when(abs(x).geq(100).or(x.equalTo(round(x))), format_number(x, 0))
        .otherwise(format_number(x, 2));
  }

  private static String number(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }

  /** The contract columns of {@code validation_results}, in order. */
  static Column[] columns() {
    return Arrays.stream(ValidationColumns.TABLE_SCHEMA.fieldNames())
        .map(c -> col(c))
        .toArray(Column[]::new);
  }

  private static Dataset<Row> empty(Dataset<Row> any) {
    return any.sparkSession().createDataFrame(List.of(), ValidationColumns.TABLE_SCHEMA);
  }
}
