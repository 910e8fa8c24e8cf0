package vn.bhxh.pipeline.common.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import vn.bhxh.pipeline.common.indicators.TerritoryValue.Cell;
import vn.bhxh.pipeline.common.time.Period;

/**
 * A step of {@link IndicatorComputation}: every indicator's value from the base values, ratios and
 * year-to-date sums included (year-to-date distinct counts come from {@link YearToDateDistinct},
 * which reads the year's keys). Pure functions on the driver.
 */
final class Values {

  private Values() {}

  /**
   * Every indicator's value for the months wanted: base values as they are, ratios from the
   * aggregated numerator and denominator of the same territory and month (where both have a base
   * value row; the value is null when the denominator is 0 or either is unknown), year-to-date sums
   * from January. Year to date is complete only when every month from January is there and
   * complete.
   *
   * @param base {@link BaseValues} by cell, for the months wanted and the months of their year
   *     before them
   * @param months the months wanted
   */
  static List<TerritoryValue> of(
      Map<Cell, TerritoryValue> base, IndicatorCatalogue catalogue, Set<Period> months) {
    List<TerritoryValue> values = new ArrayList<>();
    for (TerritoryValue value : base.values()) {
      if (months.contains(value.period())) {
        values.add(value);
      }
    }
    for (IndicatorDefinition ratio : catalogue.ofMeasure(Measure.RATIO)) {
      String numerator = ratio.numerator().orElseThrow();
      String denominator = ratio.denominator().orElseThrow();
      for (TerritoryValue n : base.values()) {
        if (!n.indicator().equals(numerator) || !months.contains(n.period())) {
          continue;
        }
        TerritoryValue d = base.get(new Cell(n.period(), n.territory(), denominator));
        if (d != null) {
          values.add(ratio(ratio, n, d));
        }
      }
    }
    Map<String, SortedSet<Integer>> territories = YearToDateSpan.territories(base.values());
    for (IndicatorDefinition ytd : catalogue.ofMeasure(Measure.YTD)) {
      String flow = ytd.of().orElseThrow();
      for (Period month : new TreeSet<>(months)) {
        for (int territory : territories.getOrDefault(flow, new TreeSet<>())) {
          YearToDateSpan.of(base, month, territory, flow)
              .ifPresent(
                  span ->
                      values.add(
                          TerritoryValue.of(
                              month,
                              territory,
                              ytd.code(),
                              span.sum(),
                              span.completeThrough(month))));
        }
      }
    }
    return values;
  }

  private static TerritoryValue ratio(
      IndicatorDefinition ratio, TerritoryValue numerator, TerritoryValue denominator) {
    Double n = numerator.value();
    Double d = denominator.value();
    // Divided, then multiplied: the order of the Spark expression this replaced, bit for bit.
    Double value = n == null || d == null || d == 0.0 ? null : n / d * ratio.factor();
    return new TerritoryValue(
        numerator.period(),
        numerator.territory(),
        ratio.code(),
        value,
        n,
        d,
        TerritoryValue.and(numerator.complete(), denominator.complete()));
  }
}
