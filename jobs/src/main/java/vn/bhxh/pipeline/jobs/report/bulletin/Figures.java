package vn.bhxh.pipeline.jobs.report.bulletin;

import java.util.Locale;

/**
 * How the bulletin writes numbers for people: counts with thousands separators ({@code
 * 18,260,000}), shares of a population with two decimals ({@code 39.25%}), attainment and
 * year-on-year changes with one ({@code 96.1%}, {@code +4.3%}), changes of a share in percentage
 * points with two ({@code +0.45 percentage points}), amounts in billions of đồng with one ({@code
 * VND 12,345.6 billion}).
 */
public final class Figures {
  private static final Locale ENGLISH = Locale.ENGLISH;
  private static final double BILLION = 1e9;

  private Figures() {}

  /** {@code 18,260,000}. */
  public static String count(long value) {
    return String.format(ENGLISH, "%,d", value);
  }

  /** A share of a population, {@code 39.25%}. */
  public static String share(double percent) {
    return String.format(ENGLISH, "%,.2f%%", noNegativeZero(percent, 2));
  }

  /** An attainment or another ratio read at a glance, {@code 96.1%}. */
  public static String percent(double percent) {
    return String.format(ENGLISH, "%,.1f%%", noNegativeZero(percent, 1));
  }

  /** A relative change with its sign, {@code +4.3%}, {@code -0.7%}. */
  public static String change(double percent) {
    return String.format(ENGLISH, "%+,.1f%%", noNegativeZero(percent, 1));
  }

  /** A change of a share, {@code +0.45 percentage points}. */
  public static String points(double points) {
    return String.format(ENGLISH, "%+,.2f percentage points", noNegativeZero(points, 2));
  }

  /** An amount in đồng, in billions, {@code VND 12,345.6 billion}. */
  public static String vnd(long dong) {
    return String.format(ENGLISH, "VND %,.1f billion", noNegativeZero(dong / BILLION, 1));
  }

  /** A value that rounds to zero prints as 0 (not -0.0 or +0.0 with a sign from noise). */
  private static double noNegativeZero(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(Math.abs(value) * scale) == 0 ? 0.0 : value;
  }
}
