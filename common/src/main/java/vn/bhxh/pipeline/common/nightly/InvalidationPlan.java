package vn.bhxh.pipeline.common.nightly;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;

/**
 * The periods a nightly run recomputes, each with the reasons it is stale. The transform job
 * recomputes a whole period (every indicator, every geo level, both boundaries), so the work is
 * {@link #periods()}; the reasons are for the summary and the {@code runs} row.
 *
 * <p>Built by {@link InvalidationPlanner#plan}; immutable.
 */
public final class InvalidationPlan {

  /** Why a period is recomputed. */
  public enum Reason {
    /** Its own data or reference changed: all its indicators. */
    BASE,
    /** An earlier month of the same year changed a dataset with year-to-date indicators. */
    YTD,
    /** The month a year earlier changed value: the year-over-year columns. */
    YOY;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final InvalidationPlan EMPTY = new InvalidationPlan(new TreeMap<>());

  private final SortedMap<Period, Set<Reason>> reasons;

  InvalidationPlan(SortedMap<Period, Set<Reason>> reasons) {
    TreeMap<Period, Set<Reason>> copy = new TreeMap<>();
    reasons.forEach(
        (period, why) -> copy.put(period, Collections.unmodifiableSet(EnumSet.copyOf(why))));
    this.reasons = Collections.unmodifiableSortedMap(copy);
  }

  /** The plan that recomputes nothing. */
  public static InvalidationPlan empty() {
    return EMPTY;
  }

  /** Whether there is nothing to recompute. */
  public boolean isEmpty() {
    return reasons.isEmpty();
  }

  /** Every period to recompute, in order. */
  public SortedSet<Period> periods() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(reasons.keySet()));
  }

  /** The reasons of every period to recompute, by period in order. */
  public SortedMap<Period, Set<Reason>> reasons() {
    return reasons;
  }

  /** The periods recomputed for a reason (a period may be listed under several). */
  public SortedSet<Period> periodsFor(Reason reason) {
    TreeSet<Period> result = new TreeSet<>();
    reasons.forEach(
        (period, why) -> {
          if (why.contains(reason)) {
            result.add(period);
          }
        });
    return Collections.unmodifiableSortedSet(result);
  }

  /**
   * The periods to recompute as runs of consecutive months, e.g. {@code 2024-07..2024-12} and
   * {@code 2025-07..2025-12}: what to hand to the transform and report jobs, one range each.
   */
  public List<PeriodRange> ranges() {
    return ranges(reasons.keySet());
  }

  /**
   * One line for logs and the run summary, e.g. {@code 7 periods: base 2024-07; ytd
   * 2024-08..2024-12; yoy 2025-07}, or {@code nothing to recompute}.
   */
  public String summary() {
    if (isEmpty()) {
      return "nothing to recompute";
    }
    List<String> parts = new ArrayList<>();
    for (Reason reason : Reason.values()) {
      SortedSet<Period> periods = periodsFor(reason);
      if (!periods.isEmpty()) {
        parts.add(reason + " " + join(ranges(periods)));
      }
    }
    int count = reasons.size();
    return count + (count == 1 ? " period: " : " periods: ") + String.join("; ", parts);
  }

  /** The details for the {@code runs} row: one entry per reason with its periods. */
  public Map<String, String> details() {
    Map<String, String> details = new java.util.LinkedHashMap<>();
    details.put("periods_recomputed", String.valueOf(reasons.size()));
    for (Reason reason : Reason.values()) {
      SortedSet<Period> periods = periodsFor(reason);
      if (!periods.isEmpty()) {
        details.put("periods_" + reason, join(ranges(periods)));
      }
    }
    return details;
  }

  private static List<PeriodRange> ranges(Set<Period> periods) {
    List<PeriodRange> result = new ArrayList<>();
    Period start = null;
    Period previous = null;
    for (Period period : new TreeSet<>(periods)) {
      if (start == null) {
        start = period;
      } else if (!period.equals(previous.plusMonths(1))) {
        result.add(PeriodRange.closed(start, previous));
        start = period;
      }
      previous = period;
    }
    if (start != null) {
      result.add(PeriodRange.closed(start, previous));
    }
    return result;
  }

  private static String join(List<PeriodRange> ranges) {
    List<String> texts = new ArrayList<>();
    for (PeriodRange range : ranges) {
      Period from = range.from().orElseThrow();
      Period to = range.to().orElseThrow();
      texts.add(from.equals(to) ? from.toString() : from + ".." + to);
    }
    return String.join(", ", texts);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InvalidationPlan && ((InvalidationPlan) other).reasons.equals(reasons);
  }

  @Override
  public int hashCode() {
    return reasons.hashCode();
  }

  @Override
  public String toString() {
    return summary();
  }
}
