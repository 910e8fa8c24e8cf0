package vn.bhxh.pipeline.jobs.ingest;

import java.util.Optional;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.PeriodRange;

/**
 * What to ingest: the monthly files whose period is in {@code range} and, if given, whose province
 * is {@code province}. The reference data (geography, population, targets) is loaded every run.
 */
public record IngestOptions(PeriodRange range, Optional<String> province) {
  public IngestOptions {
    if (province.isPresent() && !province.get().matches("\\d{2}")) {
      throw new ConfigurationException(
          "--province must be a 2-digit province code, got '" + province.get() + "'");
    }
  }

  /** Everything found in the landing zone. */
  public static IngestOptions everything() {
    return new IngestOptions(PeriodRange.ALL, Optional.empty());
  }
}
