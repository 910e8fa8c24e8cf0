package vn.bhxh.pipeline.common.indicators;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import vn.bhxh.pipeline.common.indicators.TerritoryValue.Cell;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The base values of one indicator in one territory from January to a month: what year-to-date sums
 * ({@link Values}) and year-to-date distinct counts ({@link YearToDateDistinct#values}) read to
 * tell whether their value is known and complete.
 *
 * @param months how many months of the span have a base value row
 * @param monthsWithValue how many of those rows have a value (not null)
 * @param sum the sum of the values; null when none has one
 * @param complete SQL's {@code min} of the rows' completeness (null when all are null)
 */
record YearToDateSpan(int months, int monthsWithValue, Double sum, Boolean complete) {

  /** The span from January to the month, if any of its months has a base value row. */
  static Optional<YearToDateSpan> of(
      Map<Cell, TerritoryValue> base, Period month, int territory, String indicator) {
    int months = 0;
    int monthsWithValue = 0;
    Double sum = null;
    Boolean complete = null;
    for (Period p = month.startOfYear(); !p.isAfter(month); p = p.plusMonths(1)) {
      TerritoryValue value = base.get(new Cell(p, territory, indicator));
      if (value == null) {
        continue;
      }
      months++;
      complete = TerritoryValue.least(complete, value.complete());
      if (value.value() != null) {
        monthsWithValue++;
        sum = sum == null ? value.value() : sum + value.value();
      }
    }
    return months == 0
        ? Optional.empty()
        : Optional.of(new YearToDateSpan(months, monthsWithValue, sum, complete));
  }

  /** Complete when every month from January is there and complete (SQL's three-valued AND). */
  Boolean completeThrough(Period month) {
    return TerritoryValue.and(complete, months == month.month());
  }

  /** The territories that have a base value row of each indicator, in id order. */
  static Map<String, SortedSet<Integer>> territories(Collection<TerritoryValue> base) {
    Map<String, SortedSet<Integer>> territories = new HashMap<>();
    for (TerritoryValue value : base) {
      territories.computeIfAbsent(value.indicator(), i -> new TreeSet<>()).add(value.territory());
    }
    return territories;
  }
}
