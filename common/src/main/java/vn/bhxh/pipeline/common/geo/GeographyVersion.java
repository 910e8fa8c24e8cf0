package vn.bhxh.pipeline.common.geo;

import java.util.Locale;

/** The two provincial geographies: 63 provinces until 2025-06-30, 34 from 2025-07-01. */
public enum GeographyVersion {
  P63,
  P34;

  /** The code used in tables and files: {@code p63}, {@code p34}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return code();
  }
}
