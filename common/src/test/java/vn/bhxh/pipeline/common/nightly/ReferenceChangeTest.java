package vn.bhxh.pipeline.common.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.nightly.ReferenceChange.Kind;

/** Which years of a reference table (population, targets) changed between two versions. */
class ReferenceChangeTest {
  @Test
  void referenceYearsDifferingBetweenVersionsAreChanged() {
    Map<Integer, String> before = Map.of(2023, "a1", 2024, "b2", 2025, "c3");
    Map<Integer, String> after = Map.of(2023, "a1", 2024, "b9", 2026, "d4");

    assertThat(ReferenceChange.changedYears(Kind.POPULATION, before, after))
        .containsExactly(
            new ReferenceChange(Kind.POPULATION, 2024),
            new ReferenceChange(Kind.POPULATION, 2025),
            new ReferenceChange(Kind.POPULATION, 2026));
    assertThat(ReferenceChange.changedYears(Kind.TARGETS, before, before)).isEmpty();
  }
}
