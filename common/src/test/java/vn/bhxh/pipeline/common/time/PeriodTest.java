package vn.bhxh.pipeline.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.error.ConfigurationException;

class PeriodTest {
  @Test
  void parsesOnlyStrictYearMonth() {
    assertThat(Period.parse("2023-10")).isEqualTo(Period.of(2023, 10));
    assertThat(Period.tryParse("2023-1")).isNull();
    assertThat(Period.tryParse("2023-13")).isNull();
    assertThat(Period.tryParse("2023-00")).isNull();
    assertThat(Period.tryParse("2023/10")).isNull();
    assertThat(Period.tryParse(" 2023-10")).isNull();
    assertThat(Period.tryParse(null)).isNull();
    assertThatThrownBy(() -> Period.parse("Oct 2023"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'Oct 2023'");
  }

  @Test
  void arithmeticAcrossYears() {
    Period october = Period.of(2023, 10);
    assertThat(october.plusMonths(3).toString()).isEqualTo("2024-01");
    assertThat(october.previousYear().toString()).isEqualTo("2022-10");
    assertThat(october.startOfYear().toString()).isEqualTo("2023-01");
    assertThat(Period.of(2025, 6).isBefore(Period.of(2025, 7))).isTrue();
  }

  @Test
  void closedRangesListEveryMonth() {
    PeriodRange range = PeriodRange.of("2024-11", "2025-02");
    assertThat(range.periods())
        .extracting(Period::toString)
        .isEqualTo(List.of("2024-11", "2024-12", "2025-01", "2025-02"));
    assertThat(range.contains(Period.of(2024, 10))).isFalse();
    assertThat(PeriodRange.of(null, "2024-01").contains(Period.of(1999, 1))).isTrue();
    assertThatThrownBy(() -> PeriodRange.of("2025-02", "2024-11"))
        .hasMessageContaining("--from 2025-02 is after --to 2024-11");
  }
}
