package vn.bhxh.pipeline.common.indicators;

import java.util.Locale;

/** Whether an indicator is a level at month end (stock) or an amount over the month (flow). */
public enum Nature {
  STOCK,
  FLOW;

  /** The spelling in the catalogue file. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
