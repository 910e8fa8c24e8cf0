package vn.bhxh.pipeline.common.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySetTest {
  @Test
  void remembersWhatWasAddedAndNothingElse() {
    KeySet keys = new KeySet();
    assertThat(keys.add("0123456789|HI")).isTrue();
    assertThat(keys.add("0123456789|UI")).isTrue();
    assertThat(keys.add("0123456789|HI")).isFalse();
    assertThat(keys.contains("0123456789|HI")).isTrue();
    assertThat(keys.contains("0123456789|SI_COMPULSORY")).isFalse();
    assertThat(keys.contains("")).isFalse();
    assertThat(keys.add("")).isTrue();
    assertThat(keys.contains("")).isTrue();
  }

  @Test
  void agreesWithAHashSetOverAMillionSimilarKeysWhileGrowing() {
    KeySet keys = new KeySet();
    Set<String> reference = new HashSet<>();
    // Similar keys (consecutive IDs, two schemes) are the hard case for a weak hash; every key is
    // added twice, the second time it must be known.
    for (long id = 1_000_000_000L; id < 1_000_500_000L; id++) {
      for (String scheme : new String[] {"HI", "UI"}) {
        String key = id + "|" + scheme;
        assertThat(keys.add(key)).isEqualTo(reference.add(key));
      }
    }
    for (long id = 1_000_000_000L; id < 1_000_500_000L; id += 997) {
      assertThat(keys.add(id + "|HI")).isFalse();
      assertThat(keys.contains(id + "|SI_VOLUNTARY")).isFalse();
    }
  }

  @Test
  void sizedUpFrontItKeepsItsKeys() {
    KeySet keys = new KeySet();
    keys.add("a");
    keys.expect(100_000);
    assertThat(keys.contains("a")).isTrue();
    assertThat(keys.add("a")).isFalse();
    assertThat(keys.add("b")).isTrue();
  }

  @Test
  void sizedUpFrontWhenEmptyItHoldsMoreThanItWasToldOf() {
    KeySet keys = new KeySet();
    keys.expect(50_000);
    for (int i = 0; i < 120_000; i++) {
      assertThat(keys.add("person" + i + "|HI")).isTrue();
    }
    assertThat(keys.add("person119999|HI")).isFalse();
    assertThat(keys.size()).isEqualTo(120_000);
  }

  @Test
  void handsOnEachKeysHighHalfOnce() {
    KeySet keys = new KeySet();
    keys.add("0123456789|HI");
    keys.add("0123456789|UI");
    keys.add("0123456789|HI");
    keys.add(0, 0);
    ByteBuffer packed = ByteBuffer.wrap(keys.highHalves());

    Set<Long> halves = new HashSet<>();
    while (packed.hasRemaining()) {
      halves.add(packed.getLong());
    }
    assertThat(keys.highHalves()).hasSize(3 * Long.BYTES);
    assertThat(halves)
        .containsExactlyInAnyOrder(KeySet.high("0123456789|HI"), KeySet.high("0123456789|UI"), 0L);
  }

  @Test
  void theTwoHalvesOfAFingerprintDiffer() {
    assertThat(KeySet.high("0123456789|HI")).isNotEqualTo(KeySet.low("0123456789|HI"));
    assertThat(KeySet.high("0123456789|HI")).isNotEqualTo(KeySet.high("0123456789|UI"));
  }

  @Test
  void aKeyAndItsFingerprintAreOneKey() {
    KeySet keys = new KeySet();
    keys.add("0123456789|HI");
    assertThat(keys.add(KeySet.high("0123456789|HI"), KeySet.low("0123456789|HI"))).isFalse();
    assertThat(keys.add(KeySet.high("0123456789|UI"), KeySet.low("0123456789|UI"))).isTrue();
    assertThat(keys.contains("0123456789|UI")).isTrue();
  }
}
