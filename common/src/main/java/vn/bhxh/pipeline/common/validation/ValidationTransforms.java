package vn.bhxh.pipeline.common.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.schema.ValidationColumns;

/**
 * The validation rules as pure transformations: {@code indicators} rows in, {@code
 * validation_results} rows out (docs/validation.md). A rule {@code left op right × factor} is
 * evaluated where both sides have a value, for the same period, boundary and territory; a violation
 * is one finding whose expected range is the bound ({@code right × factor}) on the side the rule
 * allows. Computed on the driver ({@link IndicatorValue}).
 */
public final class ValidationTransforms {
  private ValidationTransforms() {}

  /**
   * The violations of every rule in the given periods, as a frame of {@link
   * ValidationColumns#TABLE_SCHEMA} ({@link #ruleFindings(List, ValidationRules, List)} on the
   * frame's rows).
   */
  public static Dataset<Row> ruleFindings(
      Dataset<Row> indicators, ValidationRules rules, List<String> periods) {
    return frame(
        indicators.sparkSession(), ruleFindings(IndicatorValue.of(indicators), rules, periods));
  }

  /**
   * The violations of every rule in the given periods.
   *
   * @param indicators rows of the {@code indicators} table (other periods are ignored)
   * @param rules the checked rules
   * @param periods the months to evaluate ({@code YYYY-MM})
   * @return rows of {@link ValidationColumns#TABLE_SCHEMA}
   */
  public static List<Row> ruleFindings(
      List<IndicatorValue> indicators, ValidationRules rules, List<String> periods) {
    Set<String> months = Set.copyOf(periods);
    List<IndicatorValue> rows =
        indicators.stream().filter(row -> months.contains(row.period())).toList();
    List<Row> findings = new ArrayList<>();
    for (ValidationRule rule : rules.rules()) {
      findings.addAll(violations(rows, rule));
    }
    return findings;
  }

  /** A frame of {@code validation_results} rows. */
  static Dataset<Row> frame(SparkSession spark, List<Row> findings) {
    return spark.createDataFrame(findings, ValidationColumns.TABLE_SCHEMA);
  }

  private static List<Row> violations(List<IndicatorValue> rows, ValidationRule rule) {
    // The right-hand side's values by (period, boundary, level, territory); each of a key's rows
    // pairs with each of the left-hand side's (an inner join).
    Map<List<String>, List<Double>> right = new HashMap<>();
    for (IndicatorValue row : rows) {
      if (inScope(row, rule) && row.indicator().equals(rule.right())) {
        right.computeIfAbsent(key(row), k -> new ArrayList<>()).add(row.value());
      }
    }
    List<Row> findings = new ArrayList<>();
    for (IndicatorValue left : rows) {
      if (!inScope(left, rule) || !left.indicator().equals(rule.left()) || left.value() == null) {
        continue;
      }
      for (Double rightValue : right.getOrDefault(key(left), List.of())) {
        if (rightValue == null) {
          continue;
        }
        double value = left.value();
        double bound = rightValue * rule.factor();
        boolean violated =
            switch (rule.op()) {
              case AT_MOST -> value > bound;
              case BELOW -> value >= bound;
              case AT_LEAST -> value < bound;
              case ABOVE -> value <= bound;
            };
        if (violated) {
          findings.add(
              RowFactory.create(
                  left.period(),
                  left.boundary(),
                  left.level(),
                  left.code(),
                  ValidationColumns.KIND_RULE,
                  rule.code(),
                  rule.left(),
                  value,
                  rule.op().isUpperBound() ? null : bound,
                  rule.op().isUpperBound() ? bound : null,
                  rule.severity(),
                  message(rule, left, rightValue, bound)));
        }
      }
    }
    return findings;
  }

  private static boolean inScope(IndicatorValue row, ValidationRule rule) {
    return rule.levels().contains(row.level()) && rule.boundaries().contains(row.boundary());
  }

  private static List<String> key(IndicatorValue row) {
    return List.of(row.period(), row.boundary(), row.level(), row.code());
  }

  /** The rule's message template with its placeholders replaced by the finding's values. */
  private static String message(
      ValidationRule rule, IndicatorValue left, double rightValue, double bound) {
    StringBuilder text = new StringBuilder();
    Matcher matcher = ValidationRules.PLACEHOLDER.matcher(rule.message());
    int at = 0;
    while (matcher.find()) {
      text.append(rule.message(), at, matcher.start());
      String value = placeholder(rule, matcher.group(1), left, rightValue, bound);
      text.append(value == null ? "?" : value);
      at = matcher.end();
    }
    return text.append(rule.message().substring(at)).toString();
  }

  private static String placeholder(
      ValidationRule rule, String name, IndicatorValue left, double rightValue, double bound) {
    double value = left.value();
    return switch (name) {
      case "geo_name" -> Objects.requireNonNullElse(left.name(), left.code());
      case "geo_code" -> left.code();
      case "geo_level" -> left.level();
      case "period" -> left.period();
      case "boundary" -> left.boundary();
      case "left" -> rule.left();
      case "right" -> rule.right();
      case "factor" -> factor(rule.factor());
      case "value" -> FindingText.number(value);
      case "right_value" -> FindingText.number(rightValue);
      case "bound" -> FindingText.number(bound);
      case "off_pct" ->
          bound != 0
              ? FindingText.formatNumber(Math.abs(value - bound) / Math.abs(bound) * 100, 1)
              : null;
      default -> throw new IllegalStateException("placeholder checked at load: " + name);
    };
  }

  private static String factor(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }
}
