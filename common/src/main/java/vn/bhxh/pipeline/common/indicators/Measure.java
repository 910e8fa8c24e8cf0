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
  YTD;

  /** Whether the value comes straight from a dataset (not from other indicators). */
  public boolean isBase() {
    return this == DISTINCT || this == COUNT || this == SUM;
  }

  /** The spelling in the catalogue file. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
