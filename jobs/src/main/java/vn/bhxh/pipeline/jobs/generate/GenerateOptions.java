package vn.bhxh.pipeline.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;

/**
 * What to generate: the months (inclusive), the population as a fraction of Vietnam's, and the
 * seed. The landing root comes from the configuration ({@code --landing} overrides it).
 *
 * @param scale population as a fraction of Vietnam's, in (0, 1]
 * @param seed the same seed, scale and months give the same bytes
 */
public record GenerateOptions(Period from, Period to, double scale, long seed) {
  /** The seed when {@code --seed} is not given. */
  public static final long DEFAULT_SEED = 1;

  /** Months the population model is meant for: its growth rates extrapolate from 2023. */
  static final Period FIRST_SUPPORTED = Period.of(2000, 1);

  static final Period LAST_SUPPORTED = Period.of(2099, 12);

  public GenerateOptions {
    if (from.isAfter(to)) {
      throw new ConfigurationException("--from " + from + " is after --to " + to);
    }
    if (from.isBefore(FIRST_SUPPORTED) || to.isAfter(LAST_SUPPORTED)) {
      throw new ConfigurationException(
          "generate supports months from "
              + FIRST_SUPPORTED
              + " to "
              + LAST_SUPPORTED
              + ", got "
              + from
              + ".."
              + to);
    }
    if (!(scale > 0 && scale <= 1)) {
      throw new ConfigurationException(
          "--scale must be above 0 and at most 1 (a fraction of Vietnam's population), got "
              + scale);
    }
  }

  /** Every month to generate, in order. */
  public List<Period> periods() {
    return PeriodRange.closed(from, to).periods();
  }

  /** Every year the months touch, in order (the years of the reference files). */
  public List<Integer> years() {
    List<Integer> years = new ArrayList<>();
    for (int year = from.year(); year <= to.year(); year++) {
      years.add(year);
    }
    return years;
  }
}
