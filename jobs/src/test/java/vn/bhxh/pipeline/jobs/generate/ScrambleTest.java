package vn.bhxh.pipeline.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScrambleTest {

  @Test
  void isAPermutationOfItsRange() {
    for (long size : new long[] {1, 2, 90, 1000, 4096, 10_007}) {
      for (long key = 0; key < 5; key++) {
        Scramble scramble = new Scramble(size, key);
        Set<Long> images = new HashSet<>();
        for (long x = 0; x < size; x++) {
          long image = scramble.apply(x);
          assertThat(image).isBetween(0L, size - 1);
          images.add(image);
        }
        assertThat(images).as("size " + size + ", key " + key).hasSize((int) size);
      }
    }
  }

  @Test
  void dependsOnTheKey() {
    assertThat(new Scramble(90_000_000L, 1).apply(12_345))
        .isNotEqualTo(new Scramble(90_000_000L, 2).apply(12_345));
  }
}
