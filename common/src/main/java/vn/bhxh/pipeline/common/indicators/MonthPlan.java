package vn.bhxh.pipeline.common.indicators;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Which months an {@link IndicatorComputation} computes and where each month's base values come
 * from. Year-to-date and year-over-year columns of a month need the base values of January to that
 * month, and of the same stretch a year earlier; each of those months is measured from the silver
 * rows or, when the {@code indicators} table already holds it and its data did not change, read
 * back from that table.
 *
 * @param wanted the months whose {@code indicators} rows are computed
 * @param valueMonths the months whose values are needed: the wanted ones and the same months a year
 *     earlier (year over year)
 * @param baseMonths the months whose base values are needed: January to each value month
 * @param fromSilver the months measured from the silver rows: the wanted months whose data changed,
 *     and every base month with silver data that the {@code indicators} table does not hold
 * @param fromIndicators the other base months the {@code indicators} table holds, read back from it
 * @param yearToDateMonths the months whose silver rows year-to-date distinct counts read: every
 *     base month with silver data (stored indicators hold counts, not keys)
 */
public record MonthPlan(
    SortedSet<Period> wanted,
    SortedSet<Period> valueMonths,
    SortedSet<Period> baseMonths,
    SortedSet<Period> fromSilver,
    SortedSet<Period> fromIndicators,
    SortedSet<Period> yearToDateMonths) {

  /** Copies every set, unmodifiable. */
  public MonthPlan {
    wanted = frozen(wanted);
    valueMonths = frozen(valueMonths);
    baseMonths = frozen(baseMonths);
    fromSilver = frozen(fromSilver);
    fromIndicators = frozen(fromIndicators);
    yearToDateMonths = frozen(yearToDateMonths);
  }

  /**
   * The plan for computing the wanted months.
   *
   * @param wanted the months to compute
   * @param changed the months whose silver data changed (read from silver even when stored)
   * @param silverPeriods the months with rows in any silver table
   * @param storedPeriods the months the {@code indicators} table holds
   */
  public static MonthPlan of(
      Set<Period> wanted,
      Set<Period> changed,
      Set<Period> silverPeriods,
      Set<Period> storedPeriods) {
    SortedSet<Period> valueMonths = new TreeSet<>(wanted);
    wanted.forEach(p -> valueMonths.add(p.previousYear()));
    SortedSet<Period> baseMonths = new TreeSet<>();
    for (Period p : valueMonths) {
      for (Period m = p.startOfYear(); !m.isAfter(p); m = m.plusMonths(1)) {
        baseMonths.add(m);
      }
    }
    // Silver for the changed months and for any month not yet in the indicators table; the
    // stored base values for every other month (baseMonths includes the wanted ones).
    SortedSet<Period> fromSilver = new TreeSet<>(wanted);
    fromSilver.retainAll(changed);
    baseMonths.stream()
        .filter(m -> !storedPeriods.contains(m) && silverPeriods.contains(m))
        .forEach(fromSilver::add);
    SortedSet<Period> fromIndicators = new TreeSet<>(baseMonths);
    fromIndicators.retainAll(storedPeriods);
    fromIndicators.removeAll(fromSilver);
    SortedSet<Period> yearToDateMonths = new TreeSet<>(baseMonths);
    yearToDateMonths.retainAll(silverPeriods);
    return new MonthPlan(
        new TreeSet<>(wanted),
        valueMonths,
        baseMonths,
        fromSilver,
        fromIndicators,
        yearToDateMonths);
  }

  private static SortedSet<Period> frozen(SortedSet<Period> periods) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(periods));
  }
}
