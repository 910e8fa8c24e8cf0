package vn.bhxh.pipeline.jobs.generate;

import java.math.BigInteger;

/**
 * A keyed permutation of [0, size): {@code (a·x + b) mod size} with {@code a} coprime to {@code
 * size}. Identifiers are scrambled sequence numbers, so they look arbitrary yet are unique by
 * construction (no collision checks, no memory).
 */
final class Scramble {
  /** Keeps {@code a·x} below 2^62, so it never overflows a long. */
  static final long MAX_SIZE = 1L << 31;

  private final long size;
  private final long multiplier;
  private final long offset;

  Scramble(long size, long key) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("scramble size out of range: " + size);
    }
    this.size = size;
    long a = Math.floorMod(Mix.mix(key), size);
    while (size > 1 && BigInteger.valueOf(a).gcd(BigInteger.valueOf(size)).longValue() != 1) {
      a = (a + 1) % size;
    }
    this.multiplier = a;
    this.offset = Math.floorMod(Mix.mix(key + 1), size);
  }

  /** The image of {@code x}, for {@code 0 <= x < size}. */
  long apply(long x) {
    if (x < 0 || x >= size) {
      throw new IllegalArgumentException(x + " is outside [0, " + size + ")");
    }
    return (multiplier * x + offset) % size;
  }
}
