package vn.bhxh.pipeline.jobs.demo;

import java.nio.file.Path;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.Period;

/**
 * What the demo builds: a national data set of {@code scale} × Vietnam's population for the months
 * {@code from}..{@code to}, under {@code dir} ({@code landing/}, {@code warehouse/}, {@code
 * reports/}).
 */
public record DemoOptions(Path dir, Period from, Period to, double scale, long seed) {
  /** 24 months spanning the 2025 merger: 12 months of p63, 12 of p34. */
  public static final String DEFAULT_FROM = "2024-07";

  public static final String DEFAULT_TO = "2026-06";

  /** About 100,000 people: the whole demo runs in a few minutes on 2 cores. */
  public static final double DEFAULT_SCALE = 0.001;

  public DemoOptions {
    if (from.isAfter(to)) {
      throw new ConfigurationException("--from " + from + " is after --to " + to);
    }
    if (!(scale > 0 && scale <= 0.05)) {
      throw new ConfigurationException(
          "--scale must be in (0, 0.05] for the demo (use generate + ingest for more), got "
              + scale);
    }
  }

  public Path landing() {
    return dir.resolve("landing");
  }

  public Path warehouse() {
    return dir.resolve("warehouse");
  }

  public Path reports() {
    return dir.resolve("reports");
  }
}
