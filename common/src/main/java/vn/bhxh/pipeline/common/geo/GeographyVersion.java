package vn.bhxh.pipeline.common.geo;

import java.util.Locale;
import java.util.Optional;

/** The two provincial geographies: 63 provinces until 2025-06-30, 34 from 2025-07-01. */
public enum GeographyVersion {
  P63,
  P34;

  /** The code used in tables and files: {@code p63}, {@code p34}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The version of a {@link #code()}; empty for any other text (or null). */
  public static Optional<GeographyVersion> fromCode(String code) {
    for (GeographyVersion version : values()) {
      if (version.code().equals(code)) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return code();
  }
}
