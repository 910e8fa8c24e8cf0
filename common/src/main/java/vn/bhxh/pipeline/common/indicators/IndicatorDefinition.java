package vn.bhxh.pipeline.common.indicators;

import java.io.Serializable;
import java.util.Optional;

/**
 * One entry of the indicator catalogue ({@code conf/indicators.conf}).
 *
 * @param code the indicator code written to {@code indicators.indicator}
 * @param nameEn English name
 * @param nameVi Vietnamese name
 * @param measure how the value is obtained
 * @param dataset source dataset of a base measure (participation, contributions, benefits,
 *     population); empty for ratios and year-to-date indicators
 * @param filter Spark SQL condition over the dataset's columns; empty means every row
 * @param column the summed column of a {@link Measure#SUM}
 * @param numerator indicator code of a ratio's numerator
 * @param denominator indicator code of a ratio's denominator
 * @param factor a ratio's multiplier (100 for percentages)
 * @param of the flow indicator a {@link Measure#YTD} accumulates, or the distinct indicator whose
 *     keys a {@link Measure#YTD_DISTINCT} counts once over the year
 * @param nature stock or flow
 * @param unit unit of the value (persons, vnd, percent, claims…)
 * @param higherIsBetter whether a higher value is an improvement
 */
public record IndicatorDefinition(
    String code,
    String nameEn,
    String nameVi,
    Measure measure,
    Optional<String> dataset,
    Optional<String> filter,
    Optional<String> column,
    Optional<String> numerator,
    Optional<String> denominator,
    double factor,
    Optional<String> of,
    Nature nature,
    String unit,
    boolean higherIsBetter)
    implements Serializable {

  /** Whether targets and values of this indicator add up over provinces (everything but ratios). */
  public boolean isAdditive() {
    return measure != Measure.RATIO;
  }
}
