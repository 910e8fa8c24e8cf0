package vn.bhxh.pipeline.common.time;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.Locale;
import vn.bhxh.pipeline.common.error.ConfigurationException;

/**
 * A reporting month, written {@code YYYY-MM} everywhere (folders, columns, arguments). Immutable
 * and ordered; parsing is strict (no {@code 2023-1}, no {@code 2023-13}).
 */
public final class Period implements Comparable<Period>, Serializable {
  private static final long serialVersionUID = 1L;

  private final YearMonth yearMonth;
  // Written once: ingest compares every row's period with its file's, and a formatter per row
  // (String.format) was a visible share of the whole ingest's time.
  private final String text;

  private Period(YearMonth yearMonth) {
    this.yearMonth = yearMonth;
    this.text = format(yearMonth.getYear(), yearMonth.getMonthValue());
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
    // A loop, not a regex: ingest parses the period of every row.
    if (text == null || text.length() != 7 || text.charAt(4) != '-') {
      return null;
    }
    int year = 0;
    int month = 0;
    for (int i = 0; i < 7; i++) {
      if (i == 4) {
        continue;
      }
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      if (i < 4) {
        year = year * 10 + (c - '0');
      } else {
        month = month * 10 + (c - '0');
      }
    }
    try {
      return new Period(YearMonth.of(year, month));
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
    return text;
  }

  private static String format(int year, int month) {
    if (year < 0 || year > 9999) {
      return String.format(Locale.ROOT, "%04d-%02d", year, month);
    }
    char[] chars = new char[7];
    for (int i = 3, y = year; i >= 0; i--, y /= 10) {
      chars[i] = (char) ('0' + y % 10);
    }
    chars[4] = '-';
    chars[5] = (char) ('0' + month / 10);
    chars[6] = (char) ('0' + month % 10);
    return new String(chars);
  }
}
