package vn.bhxh.pipeline.jobs.generate;

import java.util.SplittableRandom;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Money and random amounts. Uses {@link StrictMath} throughout so amounts are the same bytes on
 * every JVM and CPU (Math's intrinsics may differ in the last bit).
 */
final class Amounts {
  /** Region I minimum wage from 2022-07 (Decree 38/2022), a floor for insured wages. */
  static final long REGIONAL_MINIMUM_WAGE_2023 = 4_680_000;

  private Amounts() {}

  /** The statutory base salary ("lương cơ sở") in force in a month, the unit of many benefits. */
  static long baseSalary(Period period) {
    if (period.isBefore(Period.of(2023, 7))) {
      return 1_490_000;
    }
    return period.isBefore(Period.of(2024, 7)) ? 1_800_000 : 2_340_000;
  }

  static long roundToThousand(double amount) {
    return Math.round(amount / 1000) * 1000;
  }

  /** A standard normal from two hashes (Box–Muller). */
  static double standardNormal(long first, long second) {
    double u = 1 - Mix.unit(first); // (0, 1]: log is finite
    double v = Mix.unit(second);
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
  }

  /** A log-normal amount with the given mean, rounded to the thousand. */
  static long logNormal(SplittableRandom random, double mean, double sigma) {
    double z = standardNormal(random.nextLong(), random.nextLong());
    return Math.max(1000, roundToThousand(mean * StrictMath.exp(sigma * z - sigma * sigma / 2)));
  }
}
