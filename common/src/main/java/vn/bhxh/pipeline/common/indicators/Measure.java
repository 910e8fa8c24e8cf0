package vn.bhxh.pipeline.common.indicators;

import java.util.Locale;

/** How an indicator's value is obtained (key {@code measure} of a catalogue entry). */
public enum Measure {
  /** Distinct values of the dataset's key column among the rows that pass the filter. */
  DISTINCT,
  /** Rows that pass the filter. */
  COUNT,
  /** Sum of a column over the rows that pass the filter. */
  SUM,
  /** Numerator indicator ÷ denominator indicator × factor, both aggregated first. */
  RATIO,
  /** Sum of a flow indicator from January to the month. */
  YTD,
  /**
   * Distinct keys of a distinct indicator seen in any month from January to the month (spelled
   * {@code ytd-distinct}): a key counts once in the year, not once per month.
   */
  YTD_DISTINCT;

  /** Whether the value comes straight from a dataset (not from other indicators). */
  public boolean isBase() {
    return this == DISTINCT || this == COUNT || this == SUM;
  }

  /** Whether the value accumulates from January to the month (target pro-rated by month). */
  public boolean isYearToDate() {
    return this == YTD || this == YTD_DISTINCT;
  }

  /** The spelling in the catalogue file. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The measure of a catalogue spelling ({@code ytd-distinct}); fails on an unknown one. */
  public static Measure fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
