package vn.bhxh.pipeline.jobs.generate;

import java.nio.charset.StandardCharsets;

/**
 * Stateless 64-bit hashing: every stable attribute of a synthetic person or employer is a hash of
 * (seed, province, index, attribute), so any month of any province can be generated on its own and
 * still agree with every other month. SplitMix64's finaliser is a bijection with good avalanche.
 */
final class Mix {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final double UNIT = 0x1.0p-53;

  private Mix() {}

  /** The SplitMix64 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A hash of two values, order-sensitive. */
  static long combine(long a, long b) {
    return mix(mix(a) + GOLDEN * (b + 1));
  }

  /** A hash of a value and a label (labels name what a seed is for). */
  static long combine(long a, String label) {
    long h = a;
    for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
      h = combine(h, b);
    }
    return h;
  }

  /** The {@code n}-th attribute hash of a key. */
  static long attribute(long key, int n) {
    return mix(key + GOLDEN * n);
  }

  /** A uniform double in [0, 1) from a hash. */
  static double unit(long hash) {
    return (hash >>> 11) * UNIT;
  }

  /** The fractional part, in [0, 1). */
  static double fraction(double x) {
    return x - Math.floor(x);
  }
}
