package vn.bhxh.pipeline.common.time;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.regex.Pattern;
import vn.bhxh.pipeline.common.error.ConfigurationException;

/**
 * A reporting month, written {@code YYYY-MM} everywhere (folders, columns, arguments). Immutable
 * and ordered; parsing is strict (no {@code 2023-1}, no {@code 2023-13}).
 */
public final class Period implements Comparable<Period>, Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}");

  private final YearMonth yearMonth;

  private Period(YearMonth yearMonth) {
    this.yearMonth = yearMonth;
  }

  /** The period of a year and month (1-12). */
  public static Period of(int year, int month) {
    return new Period(YearMonth.of(year, month));
  }

  /** Parses {@code YYYY-MM}, throwing a {@link ConfigurationException} naming the bad text. */
  public static Period parse(String text) {
    Period period = tryParse(text);
    if (period == null) {
      throw new ConfigurationException("not a period (expected YYYY-MM): '" + text + "'");
    }
    return period;
  }

  /** Parses {@code YYYY-MM}, or returns null when the text is not a valid period. */
  public static Period tryParse(String text) {
    if (text == null || !FORMAT.matcher(text).matches()) {
      return null;
    }
    try {
      return new Period(
          YearMonth.of(
              Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5))));
    } catch (DateTimeException e) {
      return null;
    }
  }

  public int year() {
    return yearMonth.getYear();
  }

  public int month() {
    return yearMonth.getMonthValue();
  }

  public YearMonth yearMonth() {
    return yearMonth;
  }

  public Period plusMonths(long months) {
    return new Period(yearMonth.plusMonths(months));
  }

  /** The same month one year earlier: the comparison month of year-over-year indicators. */
  public Period previousYear() {
    return new Period(yearMonth.minusYears(1));
  }

  /** January of this period's year: the start of year-to-date sums. */
  public Period startOfYear() {
    return new Period(YearMonth.of(yearMonth.getYear(), 1));
  }

  public boolean isAfter(Period other) {
    return compareTo(other) > 0;
  }

  public boolean isBefore(Period other) {
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(Period other) {
    return yearMonth.compareTo(other.yearMonth);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Period && ((Period) other).yearMonth.equals(yearMonth);
  }

  @Override
  public int hashCode() {
    return yearMonth.hashCode();
  }

  @Override
  public String toString() {
    return String.format("%04d-%02d", yearMonth.getYear(), yearMonth.getMonthValue());
  }
}
