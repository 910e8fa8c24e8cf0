package vn.bhxh.pipeline.common.validation;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers in a finding's message, written as Spark's {@code format_number} writes them (the
 * findings were computed as Spark plans before): thousands separated, US symbols, rounded half to
 * even.
 */
final class FindingText {
  private FindingText() {}

  /** {@code format_number(x, decimals)}: {@code 12,345.7}. */
  static String formatNumber(double x, int decimals) {
    StringBuilder pattern = new StringBuilder("#,###,###,###,###,###,##0");
    if (decimals > 0) {
      pattern.append('.').append("0".repeat(decimals));
    }
    return new DecimalFormat(pattern.toString(), DecimalFormatSymbols.getInstance(Locale.US))
        .format(x);
  }

  /** Whole (thousands separated) when it is whole or from 100 up, else with two decimals. */
  static String number(double x) {
    return formatNumber(x, Math.abs(x) >= 100 || x == Math.rint(x) ? 0 : 2);
  }

  /** {@code 40.0% below} or {@code 900.0% above}; {@code above} alone against a reference of 0. */
  static String offPct(double value, double reference) {
    if (reference == 0) {
      return value < 0 ? "below" : "above";
    }
    double pct = (value / reference - 1) * 100;
    return formatNumber(Math.abs(pct), 1) + (pct < 0 ? "% below" : "% above");
  }
}
